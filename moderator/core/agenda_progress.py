"""Where the meeting is on its agenda: starting, finishing and skipping items (their events,
decisions and folds).

Requests still waiting when their item finishes are dropped (kept in `state.dropped` for the
record), not carried to the next item: a delegation asks again under the new item. Requests made
during a break are for the item after it (`speakers_list.py`): they wait through the break and
are that item's list when it opens (dropped if another item opens instead).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import ClassVar

from moderator.core.actions import Action, Refused
from moderator.core.agenda_order import next_pending as next_pending
from moderator.core.agenda_order import previous as previous
from moderator.core.agenda_order import status as status
from moderator.core.context import MeetingContext
from moderator.core.events import Event, renamed
from moderator.core.floor import FloorEnded, end_floor
from moderator.core.fold import FoldContext, folds
from moderator.core.model import Session
from moderator.core.state import ItemProgress, MeetingState
from moderator.core.views import ItemStatus

# Version 2: the item is `item_id` (version 1 wrote `item`).
_ITEM_ID = {1: renamed(item="item_id")}


@dataclass(frozen=True, slots=True)
class ItemStarted(Event):
    TYPE: ClassVar[str] = "item.started"
    VERSION: ClassVar[int] = 2
    UPCASTS: ClassVar = _ITEM_ID
    item_id: str


@dataclass(frozen=True, slots=True)
class ItemFinished(Event):
    """The item is over; `dropped`: the requests still waiting, not carried to the next item."""

    TYPE: ClassVar[str] = "item.finished"
    VERSION: ClassVar[int] = 2
    UPCASTS: ClassVar = _ITEM_ID
    item_id: str
    dropped: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ItemSkipped(Event):
    TYPE: ClassVar[str] = "item.skipped"
    VERSION: ClassVar[int] = 2
    UPCASTS: ClassVar = _ITEM_ID
    item_id: str
    dropped: tuple[str, ...] = ()


ITEM_STARTED = ItemStarted.TYPE
ITEM_FINISHED = ItemFinished.TYPE
ITEM_SKIPPED = ItemSkipped.TYPE


def current_session(context: MeetingContext) -> Session | None:
    """The session of the current item; else of the last item; else of the next pending."""
    state, agenda = context.state, context.agenda
    for item_id in (state.current_item, state.last_item, next_pending(agenda, state)):
        found = agenda.find_item(item_id or "")
        if found:
            return found[0]
    return None


def _drop(state: MeetingState, dropped: Callable[[str], bool]) -> None:
    """Drop the waiting requests whose item `dropped(item_id)` says (kept for the record)."""
    gone = [r for r in state.waiting if dropped(r.item_id)]
    if gone:
        state.dropped.extend(gone)
        state.waiting = [r for r in state.waiting if not dropped(r.item_id)]


def _close(state: MeetingState, item_id: str, at: datetime, final: ItemStatus) -> None:
    end_floor(state, at)
    _drop(state, lambda waiting_for: waiting_for == item_id)
    progress = state.progress.get(item_id, ItemProgress())
    spent = progress.seconds_spent
    if progress.current_since is not None:
        spent += max(0.0, (at - progress.current_since).total_seconds())
    # Replaced, never changed in place: checkpoints of the state share it.
    state.progress[item_id] = replace(progress, current_since=None, last_ended=at, seconds_spent=spent)
    state.statuses[item_id] = final
    state.current_item = None


@folds(ItemStarted)
def _started(context: FoldContext, state: MeetingState, event: ItemStarted, at: datetime) -> None:
    item_id = event.item_id
    if context.agenda.find_item(item_id) is None or state.current_item == item_id:
        return
    if state.current_item is not None:
        _close(state, state.current_item, at, ItemStatus.DONE)
    # Requests made during a break for another item than this one: dropped.
    _drop(state, lambda waiting_for: waiting_for != item_id)
    progress = state.progress.get(item_id, ItemProgress())
    first = at if progress.first_started is None else progress.first_started
    state.progress[item_id] = replace(progress, first_started=first, current_since=at)
    state.statuses[item_id] = ItemStatus.CURRENT
    state.current_item = state.last_item = item_id


@folds(ItemFinished)
def _finished(context: FoldContext, state: MeetingState, event: ItemFinished, at: datetime) -> None:
    if state.current_item == event.item_id:
        _close(state, event.item_id, at, ItemStatus.DONE)


@folds(ItemSkipped)
def _skipped(context: FoldContext, state: MeetingState, event: ItemSkipped, at: datetime) -> None:
    item_id = event.item_id
    if state.current_item == item_id:
        _close(state, item_id, at, ItemStatus.SKIPPED)
    elif context.agenda.find_item(item_id) is not None:
        state.statuses[item_id] = ItemStatus.SKIPPED


class AgendaProgress:
    """The agenda as the meeting goes through it: the current session, each item's status, and
    the chair's decisions to open, finish and skip items.

    `refuse_while_closed()` raises `Refused` while the sitting is suspended or the meeting
    adjourned (no item opens then).
    """

    def __init__(self, context: MeetingContext, refuse_while_closed: Callable[[], None]) -> None:
        self.context = context
        self.refuse_while_closed = refuse_while_closed

    # -- views -----------------------------------------------------------------------------

    def current_session(self) -> Session | None:
        return current_session(self.context)

    def item_status(self, item_id: str) -> ItemStatus:
        return status(self.context.state, item_id)

    def next_item_id(self) -> str | None:
        """The item `]` would open."""
        return next_pending(self.context.agenda, self.context.state)

    # -- decisions -------------------------------------------------------------------------

    def start_item(self, item_id: str | None = None) -> list[dict]:
        """Open an item (None: the next pending one); the current item is finished first."""
        self.refuse_while_closed()
        context = self.context
        target = item_id or next_pending(context.agenda, context.state)
        if target is None:
            raise Refused("No item is left on the agenda")
        found = context.agenda.find_item(target)
        if found is None:
            raise Refused(f"There is no item '{target}' on the agenda")
        if context.state.current_item == target:
            raise Refused(f"“{found[1].title}” is already open")
        action = Action(context)
        self.close_current(action, ItemFinished, opening=target)
        return action.add(ItemStarted(target)).events

    def finish_item(self) -> list[dict]:
        if self.context.state.current_item is None:
            raise Refused("No item is open")
        action = Action(self.context)
        self.close_current(action, ItemFinished)
        return action.events

    def skip_item(self, item_id: str | None = None) -> list[dict]:
        """Skip an item (None: the current one, else the next pending one)."""
        context = self.context
        state, agenda = context.state, context.agenda
        target = item_id or state.current_item or next_pending(agenda, state)
        if target is None or agenda.find_item(target) is None:
            raise Refused("There is no item to skip")
        action = Action(context)
        if target == state.current_item:
            self.close_current(action, ItemSkipped)
            return action.events
        if self.item_status(target) is not ItemStatus.PENDING:
            raise Refused(f"“{agenda.find_item(target)[1].title}” is already {self.item_status(target)}")
        return action.add(ItemSkipped(target)).events

    def next_item(self) -> list[dict]:
        """Finish the current item and open the next pending one."""
        target = next_pending(self.context.agenda, self.context.state)
        if target is None:
            raise Refused("This is the last item of the agenda")
        return self.start_item(target)

    def previous_item(self) -> list[dict]:
        """Finish the current item and go back to the one before it."""
        target = previous(self.context.agenda, self.context.state)
        if target is None:
            raise Refused("This is the first item of the agenda")
        return self.start_item(target)

    def close_current(self, action: Action, how: type[ItemFinished | ItemSkipped],
                      opening: str | None = None) -> None:
        """Add to `action` what closing the current item takes: the floor ended, the item
        finished (or skipped) naming the requests dropped; `opening`: the item opened next
        (the requests made for it during a break stay)."""
        state = self.context.state
        item = state.current_item
        if item is None:
            return
        for record in (state.floor, state.suspended):
            if record is not None:
                action.add(FloorEnded(record.id))
        dropped = tuple(r.id for r in state.waiting
                        if r.item_id == item or (opening is not None and r.item_id != opening))
        action.add(how(item, dropped))
