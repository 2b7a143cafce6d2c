"""Sentences for the console's notifications: what an action did, in the meeting's words."""

from __future__ import annotations

from datetime import datetime, timedelta

from moderator.core.adjournment import MEETING_ADJOURNED, MEETING_RESUMED
from moderator.core.agenda_progress import ITEM_FINISHED, ITEM_SKIPPED, ITEM_STARTED
from moderator.core.breaks import BREAK_TIMED
from moderator.core.decisions import DECISION_ADOPTED
from moderator.core.documents import DOCUMENT_ATTACHED, DOCUMENT_REMOVED
from moderator.core.events import UNDO, event_time
from moderator.core.floor import (
    FLOOR_ENDED,
    FLOOR_GIVEN,
    TIMER_ADJUSTED,
    TIMER_PAUSED,
    TIMER_STARTED,
)
from moderator.core.fold import current
from moderator.core.model import KIND_LABELS, InterventionKind
from moderator.core.moments import words_of
from moderator.core.podium import PODIUM_MESSAGE
from moderator.core.reading import MeetingReader
from moderator.core.request_desk import (
    CONSOLE,
    DELEGATION_REMOTE,
    REQUEST_ACCEPTED,
    REQUEST_ASKED,
    REQUEST_DECLINED,
)
from moderator.core.sitting import SITTING_RESUMED, SITTING_RESUMPTION, SITTING_SUSPENDED
from moderator.core.speaker_names import journal_name
from moderator.core.speakers_list import (
    ITEM_LIMIT_SET,
    LIST_CLOSED,
    LIST_REOPENED,
    REQUEST_CORRECTED,
    REQUEST_MADE,
    REQUEST_MOVED,
    REQUEST_WITHDRAWN,
    parse_scheduled_id,
)

# Which event of an action says what the action was (give_floor also ends the previous speech).
_MAIN = [
    UNDO, MEETING_ADJOURNED, MEETING_RESUMED, SITTING_SUSPENDED, SITTING_RESUMED,
    SITTING_RESUMPTION, DOCUMENT_ATTACHED, DOCUMENT_REMOVED, DECISION_ADOPTED, ITEM_STARTED,
    ITEM_SKIPPED, ITEM_FINISHED, BREAK_TIMED, FLOOR_GIVEN, REQUEST_MADE, REQUEST_CORRECTED,
    REQUEST_WITHDRAWN, REQUEST_MOVED, LIST_CLOSED, LIST_REOPENED, FLOOR_ENDED,
    TIMER_STARTED, TIMER_PAUSED, TIMER_ADJUSTED, ITEM_LIMIT_SET, PODIUM_MESSAGE,
]
# How many dropped requests a sentence names before it counts the rest.
NAMED_DROPPED = 6


def describe_action(meeting: MeetingReader, events: list[dict], *, live: bool = True) -> str:
    """One sentence for the events of one action ("" for none). `live`: the state is the one
    the action left (not an undo's), so a sentence may say where things are now."""
    if not events:
        return ""
    events = [current(e) for e in events]
    types = [e.get("type") for e in events]
    main = next((events[types.index(t)] for t in _MAIN if t in types), events[0])
    return _sentence(meeting, main, events, live)


def _sentence(meeting: MeetingReader, event: dict, events: list[dict], live: bool) -> str:
    kind = event.get("type")
    if kind == UNDO:
        undone_events = [current(e) for e in meeting.action_events(event.get("undoes", ""))]
        made = next((e for e in undone_events if e.get("type") == REQUEST_MADE), None)
        if made is not None and made.get("top") and len(undone_events) == 1:
            # Not "Undone: Ukraine is back at the top", which reads as if the undo put them there.
            return f"Undone: {_label(meeting, made)} is no longer back at the top of the list"
        undone = describe_action(meeting, undone_events, live=False)
        # Names keep their capitals: "Undone: Italy asked for the floor".
        return f"Undone: {undone}" if undone else "Undone"
    if kind in (MEETING_ADJOURNED, MEETING_RESUMED):
        return _day_sentence(meeting, event, events)
    if kind in (ITEM_STARTED, ITEM_FINISHED, ITEM_SKIPPED):
        closed = next((e for e in events if e.get("type") in (ITEM_FINISHED, ITEM_SKIPPED)
                       and e is not event), None)
        sentence = _item_sentence(meeting, event, events)
        if kind == ITEM_STARTED and closed is not None:
            # `]` finishes one item and opens the next: say both, and what was dropped.
            first = _item_sentence(meeting, closed, events)
            return f"{first}; {sentence[:1].lower()}{sentence[1:]}"
        return sentence
    if kind == ITEM_LIMIT_SET:
        found = meeting.agenda.find_item(event.get("item_id", ""))
        title = f"“{found[1].title}”" if found else "this item"
        what = KIND_LABELS[InterventionKind(event["kind"])].lower()
        return f"Limit for each {what} on {title}: {_minutes(int(event['seconds']))}"
    if kind == REQUEST_MADE:
        name = _label(meeting, event)
        if event.get("top"):
            return f"{name} is back at the top of the list"
        sentence = (f"{name} asked for the floor "
                    f"({KIND_LABELS[InterventionKind(event['kind'])].lower()})")
        current_item = meeting.current_item()
        if current_item is not None and current_item.id != event.get("item_id"):
            # Made during a break: for the item after it.
            found = meeting.agenda.find_item(event.get("item_id", ""))
            sentence += f" on “{found[1].title}”, after the break" if found else ""
        return sentence
    if kind == REQUEST_CORRECTED:
        made = _find(meeting, events, "request", event["request"], REQUEST_MADE)
        was = _label(meeting, made) if made else "the request"
        what = KIND_LABELS[InterventionKind(event["kind"])].lower()
        return f"Corrected {was}: now {_label(meeting, event)} ({what})"
    if kind == REQUEST_WITHDRAWN:
        return f"Withdrew {_request_name(meeting, event['request'], events)} from the list"
    if kind == REQUEST_MOVED:
        name = _request_name(meeting, event["request"], events)
        place = [r.id for r in meeting.queue()].index(event["request"]) + 1 \
            if live and event["request"] in [r.id for r in meeting.queue()] else None
        return f"Moved {name} to number {place} on the list" if place else \
            f"Moved {name} on the list"
    if kind == BREAK_TIMED:
        return _break_sentence(meeting, event)
    if kind == LIST_CLOSED:
        return "Closed the list of speakers"
    if kind == LIST_REOPENED:
        return "Reopened the list of speakers"
    if kind == FLOOR_GIVEN:
        sentence = f"Gave the floor to {_label(meeting, event)}"
        if event.get("suspends"):
            sentence += f"; {_speaker_name(meeting, event['suspends'], events)} is suspended"
        ended = [e["intervention_id"] for e in events if e.get("type") == FLOOR_ENDED]
        if len(ended) == 2:
            # A point of order ended and the speaker it suspended with it: say so.
            sentence += (f"; {_speaker_name(meeting, ended[1], events)}, suspended by the point "
                         "of order, did not resume and has finished")
        return sentence
    if kind == FLOOR_ENDED:
        sentence = f"{_speaker_name(meeting, event['intervention_id'], events)} finished"
        given = _find(meeting, events, "intervention_id", event["intervention_id"], FLOOR_GIVEN)
        if given is not None and given.get("suspends"):
            back = _speaker_name(meeting, given["suspends"], events)
            sentence += f"; {back} has the floor again, TIMER PAUSED"
        return sentence
    if kind in (TIMER_STARTED, TIMER_PAUSED):
        verb = "Started" if kind == TIMER_STARTED else "Paused"
        return f"{verb} the timer of {_speaker_name(meeting, event['intervention_id'], events)}"
    if kind == TIMER_ADJUSTED:
        seconds = int(event.get("seconds", 0))
        name = _speaker_name(meeting, event["intervention_id"], events)
        if event.get("limit") is not None:
            return f"Limit for {name}: {_minutes(int(event['limit']))}"
        return f"Added {seconds} s for {name}" if seconds > 0 else f"Took {-seconds} s from {name}"
    if kind == PODIUM_MESSAGE:
        text = event.get("text")
        return f"Sent “{text}” to the podium" if text else "Cleared the message to the podium"
    return (_record_sentence(meeting, event, events) or _desk_sentence(meeting, event, events)
            or str(kind))


def _record_sentence(meeting: MeetingReader, event: dict, events: list[dict]) -> str | None:
    kind = event.get("type")
    if kind == SITTING_SUSPENDED:
        paused = next((e for e in events if e.get("type") == TIMER_PAUSED), None)
        tail = f" ({_speaker_name(meeting, paused['intervention_id'], events)}'s timer paused)" if paused else ""
        timed = next((e for e in events if e.get("type") == SITTING_RESUMPTION), None)
        until = f" until {_when(meeting, timed['resumes_at'], timed)}" \
            if timed and timed.get("resumes_at") else ""
        return f"Suspended the sitting{until}{tail}"
    if kind == SITTING_RESUMED:
        return "Resumed the sitting"
    if kind == SITTING_RESUMPTION:
        if not event.get("resumes_at"):
            return "The sitting resumes when the chair says: no time is set"
        return f"The sitting resumes at {_when(meeting, event['resumes_at'], event)}"
    if kind in (DOCUMENT_ATTACHED, DOCUMENT_REMOVED):
        added = [e["symbol"] for e in events if e.get("type") == DOCUMENT_ATTACHED]
        removed = [e["symbol"] for e in events if e.get("type") == DOCUMENT_REMOVED]
        whose = (_speaker_name(meeting, event["intervention_id"], events)
                 if event.get("intervention_id") else "the item")
        parts = ([f"attached {', '.join(added)}"] if added else []) + (
            [f"removed {', '.join(removed)}"] if removed else [])
        text = "; ".join(parts)
        return f"Documents of {whose}: {text}"
    if kind == DECISION_ADOPTED:
        name = " ".join(p for p in (f"No. {event['number']}" if event.get("number") else "",
                                    f"({event['symbol']})" if event.get("symbol") else "") if p)
        statements = sum(1 for e in events if e.get("type") != DECISION_ADOPTED)
        tail = f" with {statements} interpretative statement{'s' * (statements != 1)}" if statements else ""
        return f"Recorded decision {name or event.get('text', '')[:40]}{tail}".rstrip()
    return None


def _desk_sentence(meeting: MeetingReader, event: dict, events: list[dict]) -> str | None:
    """The delegations' requests from their links, the chair's approval, lists ahead of time."""
    kind = event.get("type")
    if kind == REQUEST_ASKED:
        name = _label(meeting, event)
        what = KIND_LABELS[InterventionKind(event["kind"])].lower()
        found = meeting.agenda.find_item(event.get("item_id", ""))
        current = meeting.current_item()
        later = found is not None and (current is None or current.id != found[1].id)
        on = f" on “{found[1].title}”" if later else ""
        if event.get("source") == CONSOLE:
            return f"Put {name} on the list{on} ({what})"
        tail = ": awaiting your approval" if event.get("pending") else ""
        return f"{name} asked for the floor{on} from its link ({what}){tail}"
    if kind in (REQUEST_ACCEPTED, REQUEST_DECLINED):
        asked = _find(meeting, events, "request", event["request"], REQUEST_ASKED)
        name = _label(meeting, asked) if asked else "a delegation"
        what = f" ({KIND_LABELS[InterventionKind(asked['kind'])].lower()})" if asked else ""
        if kind == REQUEST_ACCEPTED:
            return f"Accepted the request of {name}{what}"
        reason = f": “{event['reason']}”" if event.get("reason") else ""
        return f"Declined the request of {name}{what}{reason}"
    if kind == DELEGATION_REMOTE:
        name = meeting.name_of(event.get("delegation"))
        return f"{name} follows remotely" if event.get("remote", True) else \
            f"{name} is in the room again"
    return None


def _item_sentence(meeting: MeetingReader, event: dict, events: list[dict]) -> str:
    found = meeting.agenda.find_item(event.get("item_id", ""))
    title = f"“{found[1].title}”" if found else "the item"
    verb = {ITEM_STARTED: "Opened", ITEM_FINISHED: "Finished", ITEM_SKIPPED: "Skipped"}
    dropped = list(event.get("dropped", ()))
    tail = ""
    if dropped:
        names = [_request_name(meeting, r, events) for r in dropped[:NAMED_DROPPED]]
        more = len(dropped) - len(names)
        listed = ", ".join(names) + (f" and {more} more" if more else "")
        tail = f" ({len(dropped)} waiting request{'s' * (len(dropped) != 1)} dropped: {listed})"
    return f"{verb[event['type']]} {title}{tail}"


def _when(meeting: MeetingReader, moment: str, event: dict) -> str:
    """A moment of an event's payload as the event's own day reads it ("15:00", "Friday 09:30")."""
    return words_of(datetime.fromisoformat(moment), event_time(event),
                    meeting.agenda.event.timezone)


def _day_sentence(meeting: MeetingReader, event: dict, events: list[dict]) -> str:
    if event.get("type") == MEETING_RESUMED:
        opened = next((e for e in events if e.get("type") == ITEM_STARTED), None)
        said = _item_sentence(meeting, opened, events) if opened else ""
        return f"Resumed the meeting; {said[:1].lower()}{said[1:]}" if said else \
            "Resumed the meeting"
    sentence = f"Adjourned the meeting until {_when(meeting, event['until'], event)}"
    closed = next((e for e in events if e.get("type") == ITEM_FINISHED), None)
    if closed is not None:
        sentence = f"{_item_sentence(meeting, closed, events)}; {sentence[:1].lower()}{sentence[1:]}"
    return sentence


def _break_sentence(meeting: MeetingReader, event: dict) -> str:
    found = meeting.agenda.find_item(event.get("item_id", ""))
    title = f"“{found[1].title}”" if found else "The break"
    progress = meeting.state.progress.get(event.get("item_id", ""))
    seconds = int(event.get("seconds", 0))
    if progress is None or progress.current_since is None:
        return f"{title} lasts {seconds // 60} min"
    ends = (progress.current_since + timedelta(seconds=seconds)).isoformat()
    return f"{title} ends at {_when(meeting, ends, event)}: the meeting resumes then"


def _minutes(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def _label(meeting: MeetingReader, event: dict) -> str:
    return journal_name(
        meeting.roster, event.get("who"), event.get("guest"), event.get("on_behalf"),
        tuple(event.get("alignment", ())),
    )


def _find(meeting: MeetingReader, events: list[dict], key: str, value: str, type: str) -> dict | None:
    for event in [*events, *reversed(meeting.events), *reversed(meeting.older_events)]:
        if event.get("type") == type and current(event).get(key) == value:
            return current(event)
    return None


def _request_name(meeting: MeetingReader, request_id: str, events: list[dict]) -> str:
    scheduled = parse_scheduled_id(request_id)
    if scheduled is not None:
        found = meeting.agenda.find_item(scheduled[0])
        if found and scheduled[1] < len(found[1].speakers):
            return meeting.name_of(found[1].speakers[scheduled[1]].ref)
    made = _find(meeting, events, "request", request_id, REQUEST_MADE) or \
        _find(meeting, events, "request", request_id, REQUEST_ASKED)
    return _label(meeting, made) if made else "a request"


def _speaker_name(meeting: MeetingReader, intervention_id: str, events: list[dict]) -> str:
    given = _find(meeting, events, "intervention_id", intervention_id, FLOOR_GIVEN)
    return _label(meeting, given) if given else "the speaker"
