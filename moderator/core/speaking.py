"""Who holds the floor: the folds of giving and ending the floor and of the speaker's timer.

A point of order suspends the speaker holding the floor: their timer is paused (the point of
order's time is not charged to them). When the point of order ends, the suspended speaker holds
the floor again with the timer paused, and the chair resumes it (space) when they speak again.
"""

from __future__ import annotations

from datetime import datetime

from moderator.core import events as ev
from moderator.core import timer
from moderator.core.floor import parse_scheduled_id
from moderator.core.fold import FoldContext, folds
from moderator.core.model import InterventionKind
from moderator.core.state import InterventionRecord, MeetingState


def end_floor(state: MeetingState, at: datetime) -> None:
    """End the floor holder and the suspended speaker (an item closes, say)."""
    for record in (state.floor, state.suspended):
        if record is not None:
            timer.end(record, at)
    state.floor = state.suspended = None


@folds(ev.FLOOR_GIVEN)
def _given(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    if event["item"] != state.current_item:
        return
    holder = state.floor
    if holder is not None and event.get("suspends") == holder.id and state.suspended is None:
        timer.pause(holder, at)
        state.suspended, state.floor = holder, None
    elif holder is not None:
        timer.end(holder, at)
        state.floor = None
    if state.suspended is not None and event["kind"] != InterventionKind.POINT_OF_ORDER:
        timer.end(state.suspended, at)
        state.suspended = None
    request_id = event.get("request")
    if request_id:
        scheduled = parse_scheduled_id(request_id)
        if scheduled is not None:
            state.scheduled_done.add(scheduled)
        state.waiting = [r for r in state.waiting if r.id != request_id]
    record = InterventionRecord(
        id=event["intervention"],
        item_id=event["item"],
        session_id=event["session"],
        who=event.get("who"),
        guest=event.get("guest"),
        kind=InterventionKind(event["kind"]),
        on_behalf=event.get("on_behalf"),
        alignment=tuple(event.get("alignment", ())),
        request_id=request_id,
        started_at=at,
        allotted=int(event["allotted"]),
    )
    if event.get("running", True):
        record.running_since = at
    state.floor = record
    state.log.append(record)


@folds(ev.FLOOR_ENDED)
def _ended(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    intervention = event["intervention"]
    if state.floor is not None and state.floor.id == intervention:
        timer.end(state.floor, at)
        # The speaker a point of order suspended holds the floor again, timer paused.
        state.floor, state.suspended = state.suspended, None
    elif state.suspended is not None and state.suspended.id == intervention:
        timer.end(state.suspended, at)
        state.suspended = None


def _holder(state: MeetingState, event: dict) -> InterventionRecord | None:
    floor = state.floor
    return floor if floor is not None and floor.id == event["intervention"] else None


@folds(ev.TIMER_STARTED)
def _started(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    if (holder := _holder(state, event)) is not None:
        timer.run(holder, at)


@folds(ev.TIMER_PAUSED)
def _paused(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    if (holder := _holder(state, event)) is not None:
        timer.pause(holder, at)


@folds(ev.TIMER_ADJUSTED)
def _adjusted(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    if (holder := _holder(state, event)) is not None:
        holder.allotted = max(0, holder.allotted + int(event["seconds"]))
