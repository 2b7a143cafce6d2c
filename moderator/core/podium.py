"""The chair's message to the podium ("Please conclude", "One minute", or free text).

An event like the floor's: durable, undoable by the chair, folded into the state. It is shown
to the speaker it was sent to: once the floor passes to someone else it is no longer shown (a
message sent with nobody on the floor shows until somebody gets it). It is not part of the
summary; the record keeps it as the chair's action.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from moderator.core import events as ev
from moderator.core.commands import Refused, refuse_invalid_text
from moderator.core.fold import FoldContext, folds
from moderator.core.state import MeetingState

if TYPE_CHECKING:
    from moderator.core.meeting import Meeting

PODIUM_MESSAGE = "podium.message"
# The chair's usual messages, offered first.
PRESETS = ("Please conclude", "One minute", "Thirty seconds", "Please slow down")
MAX_LENGTH = 120
_KEY = "podium"


@dataclass(frozen=True, slots=True)
class PodiumMessage:
    text: str
    at: datetime
    # The intervention on the floor when it was sent (None: nobody held the floor).
    intervention_id: str | None


def clean_message(text: str) -> str:
    """One line of plain text: whitespace runs become one space, control characters go."""
    kept = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c
                   for c in text)
    return " ".join(kept.split())


@folds(PODIUM_MESSAGE)
def _message(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    text = event.get("text")
    if not text:
        state.extensions[_KEY] = None
        return
    floor = state.floor
    state.extensions[_KEY] = PodiumMessage(str(text), at, floor.id if floor is not None else None)


def shown_message(meeting: Meeting) -> PodiumMessage | None:
    """The message the podium shows now: the last one sent, while its speaker holds the floor."""
    message = meeting.state.extensions.get(_KEY)
    if message is None:
        return None
    floor = meeting.state.floor
    holder = floor.id if floor is not None else None
    return message if holder == message.intervention_id else None


def send_message(meeting: Meeting, text: str) -> list[dict]:
    """The event that puts `text` on the podium (it replaces the message shown)."""
    text = clean_message(text)
    refuse_invalid_text(text, "message")
    if not text:
        raise Refused("Type a message for the podium, or choose one")
    if len(text) > MAX_LENGTH:
        raise Refused(f"A message to the podium is at most {MAX_LENGTH} characters "
                      f"(this one has {len(text)})")
    return _event(meeting, text)


def clear_message(meeting: Meeting) -> list[dict]:
    """The event that takes the message off the podium."""
    if shown_message(meeting) is None:
        raise Refused("The podium shows no message")
    return _event(meeting, None)


def _event(meeting: Meeting, text: str | None) -> list[dict]:
    return [ev.new_event(PODIUM_MESSAGE, meeting.clock.now(), meeting.role,
                         action=ev.new_action(), text=text,
                         **ev.origin(meeting.clock, meeting.console))]
