"""A break on the agenda: while it is open, the room waits for the time the meeting resumes.

The meeting resumes the break's length after the chair opened it (a break opened late ends
late; the forecast counts it the same way). The length is the agenda's minutes until the chair
times the break (`+`/`-`/`=` during it: `break.timed`, undoable like the floor's actions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import ClassVar

from moderator.core import agenda_progress
from moderator.core.actions import Action, Refused
from moderator.core.context import MeetingContext
from moderator.core.events import Event
from moderator.core.fold import FoldContext, folds
from moderator.core.model import Item, ItemKind
from moderator.core.reading import MeetingReader
from moderator.core.state import MeetingState
from moderator.core.steady import now as steady_now
from moderator.core.views import BreakView

# A break never lasts longer than a day: a typo in `=` must not hide the room's countdown.
LONGEST = 24 * 3600


@dataclass(frozen=True, slots=True)
class BreakTimed(Event):
    """The break `item_id` lasts `seconds` from its opening (the chair extended or shortened
    it, or said when the meeting resumes)."""

    TYPE: ClassVar[str] = "break.timed"
    item_id: str
    seconds: int


BREAK_TIMED = BreakTimed.TYPE


@dataclass(slots=True)
class BreakLengths:
    """The lengths the chair gave breaks, in seconds, by item id."""

    seconds: dict[str, int] = field(default_factory=dict)

    def checkpoint(self) -> BreakLengths:
        return BreakLengths(dict(self.seconds))


def _read(state: MeetingState) -> BreakLengths:
    return state.extensions.get("breaks") or BreakLengths()


@folds(BreakTimed)
def _timed(context: FoldContext, state: MeetingState, event: BreakTimed, at: datetime) -> None:
    lengths = state.extensions.get("breaks")
    if lengths is None:
        lengths = state.extensions["breaks"] = BreakLengths()
    lengths.seconds[event.item_id] = max(0, min(LONGEST, int(event.seconds)))


def break_seconds(state: MeetingState, item: Item) -> int:
    """How long the break lasts: the chair's timing, else the agenda's minutes."""
    return _read(state).seconds.get(item.id, item.minutes * 60)


def break_started(state: MeetingState, item: Item, now: datetime) -> datetime:
    progress = state.progress.get(item.id)
    return progress.current_since if progress and progress.current_since else now


def break_ends(state: MeetingState, item: Item, now: datetime) -> datetime:
    """When the meeting resumes after the open break `item`."""
    return break_started(state, item, now) + timedelta(seconds=break_seconds(state, item))


def break_view(meeting: MeetingReader, now: datetime) -> BreakView | None:
    """The break in progress at `now`, or None when the current item is not a break."""
    item = meeting.current_item()
    if item is None or item.kind is not ItemKind.BREAK:
        return None
    state = meeting.state
    started = break_started(state, item, now)
    resumes = break_ends(state, item, now)
    next_id = agenda_progress.next_pending(meeting.agenda, state)
    found = meeting.agenda.find_item(next_id) if next_id else None
    return BreakView(item.id, item.title, started, resumes, (resumes - now).total_seconds(),
                     next_id, found[1].title if found else None)


class Breaks:
    """The chair's decisions on the break in progress: extend it, shorten it, or say when the
    meeting resumes."""

    def __init__(self, context: MeetingContext) -> None:
        self.context = context

    def _open_break(self) -> Item:
        item = self.context.current_item()
        if item is None or item.kind is not ItemKind.BREAK:
            raise Refused("No break is in progress")
        return item

    def adjust_break(self, seconds: int) -> list[dict]:
        """The break lasts `seconds` longer (shorter when negative), never ending before now."""
        item = self._open_break()
        state, now = self.context.state, steady_now(self.context.state, self.context.clock)
        ends = break_ends(state, item, now)
        if seconds < 0 and ends <= now:
            raise Refused("The break's time is already up: ] ends it")
        # More time for a break already over its time counts from now ("five more minutes").
        base = max(ends, now) if seconds > 0 else ends
        return self._timed(item, max(now, base + timedelta(seconds=int(seconds))))

    def set_break_end(self, resumes_at: datetime) -> list[dict]:
        """The meeting resumes at `resumes_at` (later than now)."""
        item = self._open_break()
        now = steady_now(self.context.state, self.context.clock)
        if resumes_at <= now:
            raise Refused("The meeting resumes later than now: ] ends the break at once")
        return self._timed(item, resumes_at)

    def _timed(self, item: Item, resumes_at: datetime) -> list[dict]:
        state = self.context.state
        started = break_started(state, item, resumes_at)
        seconds = min(LONGEST, round((resumes_at - started).total_seconds()))
        if seconds == break_seconds(state, item):
            raise Refused("The break ends when it did")
        return Action(self.context).add(BreakTimed(item.id, seconds)).events
