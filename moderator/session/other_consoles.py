"""The other consoles on the meeting, in words: what they did, and who they are."""

from __future__ import annotations

from moderator.core import Meeting
from moderator.core.fold import is_floor_event

# How the room server names a delegation's link deciding through it (web/links.py's ids).
DELEGATION_LINK = "link:delegation-"
ROLE_NAMES = {"moderator": "chair", "rapporteur": "rapporteur", "clock": "clock"}


def console_name(meeting: Meeting, event: dict) -> str:
    """"the other chair console (host laptop-2)": who recorded `event`, seen from this one; a
    delegation's phone, for what the room server recorded from its link."""
    console = str(event.get("console", ""))
    if console.startswith(DELEGATION_LINK):
        return f"{meeting.name_of(console.removeprefix(DELEGATION_LINK))}'s phone"
    role = ROLE_NAMES.get(str(event.get("role", "")), str(event.get("role", "")))
    host = event.get("host")
    where = f" ({host})" if host and host != meeting.console.host else ""
    return f"the other {role} console{where}" if role else f"another console{where}"


def floor_actions(meeting: Meeting, events: list[dict]) -> list[tuple[dict, str]]:
    """Each floor action among `events` once, in order: (its first event, its sentence)."""
    groups: dict[str, list[dict]] = {}
    for event in events:
        if is_floor_event(event):
            groups.setdefault(event.get("action") or event.get("id", ""), []).append(event)
    return [(group[0], meeting.describe(group)) for group in groups.values() if group]


def changed_meanwhile(meeting: Meeting, since: list[dict]) -> str:
    """What another console decided first, for the notice that refuses this one's decision."""
    actions = floor_actions(meeting, since)
    if not actions:
        return "The meeting changed on another console meanwhile"
    first = actions[0][0]
    said = "; ".join(sentence for _, sentence in actions if sentence)
    return f"Meanwhile, on {console_name(meeting, first)}: {said}"


def others_did(meeting: Meeting, events: list[dict]) -> list[str]:
    """One sentence per floor action another console recorded: "On the other chair console: …";
    the delegations' phones (57 may ask at once) in one sentence for all of them."""
    said, phones = [], []
    for first, sentence in floor_actions(meeting, events):
        if not sentence:
            continue
        if str(first.get("console", "")).startswith(DELEGATION_LINK):
            phones.append(sentence)
        else:
            said.append(f"On {console_name(meeting, first)}: {sentence}")
    if len(phones) == 1:
        said.append(f"From a delegation's phone: {phones[0]}")
    elif phones:
        said.append(f"From the delegations' phones, {len(phones)} actions: {phones[0]}; "
                    f"{phones[1]}{'; ...' if len(phones) > 2 else ''}")
    return said
