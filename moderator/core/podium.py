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
from typing import ClassVar

from moderator.core.actions import Refused, refuse_invalid_text, single
from moderator.core.context import MeetingContext
from moderator.core.events import Event
from moderator.core.fold import FoldContext, folds
from moderator.core.state import MeetingState


@dataclass(frozen=True, slots=True)
class PodiumMessageSent(Event):
    """The message the podium shows from now on (None: the message taken off)."""

    TYPE: ClassVar[str] = "podium.message"
    text: str | None = None


PODIUM_MESSAGE = PodiumMessageSent.TYPE
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


@folds(PodiumMessageSent)
def _message(context: FoldContext, state: MeetingState, event: PodiumMessageSent,
             at: datetime) -> None:
    text = event.text
    if not text:
        state.extensions[_KEY] = None
        return
    floor = state.floor
    state.extensions[_KEY] = PodiumMessage(str(text), at, floor.id if floor is not None else None)


class Podium:
    """The chair's message to the speaker: the one shown, and the decisions to send or clear it."""

    def __init__(self, context: MeetingContext) -> None:
        self.context = context

    def podium_message(self) -> PodiumMessage | None:
        """The message the podium shows now: the last one sent, while its speaker holds the floor."""
        state = self.context.state
        message = state.extensions.get(_KEY)
        if message is None:
            return None
        holder = state.floor.id if state.floor is not None else None
        return message if holder == message.intervention_id else None

    def send_podium_message(self, text: str) -> list[dict]:
        """The event that puts `text` on the podium (it replaces the message shown)."""
        text = clean_message(text)
        refuse_invalid_text(text, "message")
        if not text:
            raise Refused("Type a message for the podium, or choose one")
        if len(text) > MAX_LENGTH:
            raise Refused(f"A message to the podium is at most {MAX_LENGTH} characters "
                          f"(this one has {len(text)})")
        return [single(self.context, PodiumMessageSent(text), action=True)]

    def clear_podium_message(self) -> list[dict]:
        """The event that takes the message off the podium."""
        if self.podium_message() is None:
            raise Refused("The podium shows no message")
        return [single(self.context, PodiumMessageSent(None), action=True)]
