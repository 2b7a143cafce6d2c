"""Who holds the floor and the speaker's timer: their events, decisions and folds.

A point of order suspends the speaker holding the floor: their timer is paused (the point of
order's time is not charged to them). When the point of order ends, the suspended speaker holds
the floor again with the timer paused, and the chair resumes it (space) when they speak again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import chain
from typing import ClassVar
from uuid import uuid4

from moderator.core import timer
from moderator.core.actions import Action, Refused
from moderator.core.context import MeetingContext
from moderator.core.events import Event, renamed
from moderator.core.fold import FoldContext, folds
from moderator.core.model import InterventionKind, ItemKind
from moderator.core.speakers_list import SpeakersList, open_item, parse_scheduled_id
from moderator.core.state import InterventionRecord, MeetingState
from moderator.core.views import Intervention, TimerView

# Version 2: `intervention_id`, `item_id`, `session_id` (version 1 wrote `intervention`,
# `item`, `session`), spelled as the notes spell them.
_IDS = {1: renamed(intervention="intervention_id", item="item_id", session="session_id")}


@dataclass(frozen=True, slots=True)
class FloorGiven(Event):
    """The floor given to a new intervention; `suspends`: the speaker a point of order pauses."""

    TYPE: ClassVar[str] = "floor.given"
    VERSION: ClassVar[int] = 2
    UPCASTS: ClassVar = _IDS
    intervention_id: str
    item_id: str
    session_id: str
    kind: str
    allotted: int
    request: str | None = None
    who: str | None = None
    guest: str | None = None
    on_behalf: str | None = None
    alignment: tuple[str, ...] = ()
    suspends: str | None = None
    running: bool = True


@dataclass(frozen=True, slots=True)
class FloorEnded(Event):
    TYPE: ClassVar[str] = "floor.ended"
    VERSION: ClassVar[int] = 2
    UPCASTS: ClassVar = _IDS
    intervention_id: str


@dataclass(frozen=True, slots=True)
class TimerStarted(Event):
    TYPE: ClassVar[str] = "timer.started"
    VERSION: ClassVar[int] = 2
    UPCASTS: ClassVar = _IDS
    intervention_id: str


@dataclass(frozen=True, slots=True)
class TimerPaused(Event):
    TYPE: ClassVar[str] = "timer.paused"
    VERSION: ClassVar[int] = 2
    UPCASTS: ClassVar = _IDS
    intervention_id: str


@dataclass(frozen=True, slots=True)
class TimerAdjusted(Event):
    """`seconds` added to (or taken from) the allotment; `limit`: the new one, when the chair
    set it ("two minutes, please")."""

    TYPE: ClassVar[str] = "timer.adjusted"
    VERSION: ClassVar[int] = 2
    UPCASTS: ClassVar = _IDS
    intervention_id: str
    seconds: int
    limit: int | None = None


FLOOR_GIVEN = FloorGiven.TYPE
FLOOR_ENDED = FloorEnded.TYPE
TIMER_STARTED = TimerStarted.TYPE
TIMER_PAUSED = TimerPaused.TYPE
TIMER_ADJUSTED = TimerAdjusted.TYPE


def end_floor(state: MeetingState, at: datetime) -> None:
    """End the floor holder and the suspended speaker (an item closes, say)."""
    for record in (state.floor, state.suspended):
        if record is not None:
            timer.end(record, at)
    state.floor = state.suspended = None


@folds(FloorGiven)
def _given(context: FoldContext, state: MeetingState, event: FloorGiven, at: datetime) -> None:
    if event.item_id != state.current_item:
        return
    holder = state.floor
    if holder is not None and event.suspends == holder.id and state.suspended is None:
        timer.pause(holder, at)
        state.suspended, state.floor = holder, None
    elif holder is not None:
        timer.end(holder, at)
        state.floor = None
    if state.suspended is not None and event.kind != InterventionKind.POINT_OF_ORDER:
        timer.end(state.suspended, at)
        state.suspended = None
    request_id = event.request
    if request_id:
        scheduled = parse_scheduled_id(request_id)
        if scheduled is not None:
            state.scheduled_done.add(scheduled)
        state.waiting = [r for r in state.waiting if r.id != request_id]
    record = InterventionRecord(
        id=event.intervention_id,
        item_id=event.item_id,
        session_id=event.session_id,
        who=event.who,
        guest=event.guest,
        kind=InterventionKind(event.kind),
        on_behalf=event.on_behalf,
        alignment=event.alignment,
        request_id=request_id,
        started_at=at,
        allotted=int(event.allotted),
    )
    if event.running:
        record.running_since = at
    state.floor = record
    state.log.append(record)


@folds(FloorEnded)
def _ended(context: FoldContext, state: MeetingState, event: FloorEnded, at: datetime) -> None:
    intervention = event.intervention_id
    if state.floor is not None and state.floor.id == intervention:
        timer.end(state.floor, at)
        # The speaker a point of order suspended holds the floor again, timer paused.
        state.floor, state.suspended = state.suspended, None
    elif state.suspended is not None and state.suspended.id == intervention:
        timer.end(state.suspended, at)
        state.suspended = None


def _holder(state: MeetingState, intervention_id: str) -> InterventionRecord | None:
    floor = state.floor
    return floor if floor is not None and floor.id == intervention_id else None


@folds(TimerStarted)
def _started(context: FoldContext, state: MeetingState, event: TimerStarted, at: datetime) -> None:
    if (holder := _holder(state, event.intervention_id)) is not None:
        timer.run(holder, at)


@folds(TimerPaused)
def _paused(context: FoldContext, state: MeetingState, event: TimerPaused, at: datetime) -> None:
    if (holder := _holder(state, event.intervention_id)) is not None:
        timer.pause(holder, at)


@folds(TimerAdjusted)
def _adjusted(context: FoldContext, state: MeetingState, event: TimerAdjusted, at: datetime) -> None:
    if (holder := _holder(state, event.intervention_id)) is not None:
        holder.allotted = max(0, holder.allotted + int(event.seconds))


class _ItemLogs:
    """The speaking log's records by item, kept up with the log as it grows: the consoles ask
    for the current item's log at every event (its log, its notes' speakers), which searched
    the whole meeting's log each time (0.4 ms a search at 5,000 interventions, two a key).

    The fold only appends to a state's log; a state restored from a checkpoint, or read from a
    snapshot, has a log of its own (a new list): that one is indexed anew."""

    __slots__ = ("_log", "_indexed", "_records")

    def __init__(self) -> None:
        self._log: list[InterventionRecord] | None = None
        self._indexed = 0
        self._records: dict[str, list[InterventionRecord]] = {}

    def of(self, log: list[InterventionRecord], item_id: str) -> list[InterventionRecord]:
        if log is not self._log or len(log) < self._indexed:
            self._log, self._indexed, self._records = log, 0, {}
        if self._indexed < len(log):
            records = self._records
            for record in log[self._indexed:]:
                group = records.get(record.item_id)
                if group is None:
                    records[record.item_id] = [record]
                else:
                    group.append(record)
            self._indexed = len(log)
        return self._records.get(item_id, [])


class Floor:
    """The floor and the timer: who speaks, for how long; the chair's decisions on them.

    `refuse_while_suspended()` raises `Refused` while the sitting is suspended (nobody takes
    the floor then).
    """

    def __init__(self, context: MeetingContext, speakers: SpeakersList,
                 refuse_while_suspended: Callable[[], None]) -> None:
        self.context = context
        self.speakers = speakers
        self.refuse_while_suspended = refuse_while_suspended
        self._by_item = _ItemLogs()

    # -- views -----------------------------------------------------------------------------

    def floor(self) -> Intervention | None:
        floor = self.context.state.floor
        return timer.view_of(floor) if floor else None

    def suspended(self) -> Intervention | None:
        suspended = self.context.state.suspended
        return timer.view_of(suspended) if suspended else None

    def timer(self, now: datetime) -> TimerView:
        return timer.timer_view(self.floor(), self.context.agenda.defaults.warning, now)

    def log(self, item_id: str | None = None) -> list[Intervention]:
        """Every intervention in order of speaking (the one on the floor included)."""
        log = self.context.state.log
        return timer.views_of(log if item_id is None else self._by_item.of(log, item_id))

    def intervention(self, intervention_id: str) -> Intervention | None:
        """Any intervention of the meeting by id, finished or in progress."""
        for record in self._newest_records():
            if record.id == intervention_id:
                return timer.view_of(record)
        return None

    def _newest_records(self) -> Iterator[InterventionRecord]:
        """Interventions newest first, each once. A note is almost always stamped to a recent
        one: searching from the end keeps a note's cost flat over a week (it grew with the log)."""
        state = self.context.state
        seen: set[str] = set()
        live = (r for r in (state.floor, state.suspended) if r is not None)
        for record in chain(live, reversed(state.log)):
            if record.id not in seen:
                seen.add(record.id)
                yield record

    # -- decisions -------------------------------------------------------------------------

    def give_floor(self, request_id: str | None = None) -> list[dict]:
        """Give the floor (None: the next on the list). A point of order suspends the speaker."""
        self.refuse_while_suspended()
        context = self.context
        item = open_item(context)
        if item.kind is ItemKind.BREAK:
            # The requests made meanwhile are for the item after the break.
            raise Refused(f"“{item.title}” is in progress: ] ends it and opens the next item")
        queue = self.speakers.queue()
        holder, suspended = context.state.floor, context.state.suspended
        if request_id is None and suspended is not None and (
                not queue or queue[0].kind is not InterventionKind.POINT_OF_ORDER):
            # "Next" after a point of order: the suspended speaker resumes before anyone else.
            return self.finish_intervention()
        if request_id is None and not queue:
            raise Refused("Nobody is waiting for the floor")
        request = queue[0] if request_id is None else self.speakers.find(request_id)
        point = request.kind is InterventionKind.POINT_OF_ORDER
        action = Action(context)
        if holder is not None and not (point and holder.kind is not InterventionKind.POINT_OF_ORDER):
            action.add(FloorEnded(holder.id))
            # Ending a point of order gives the floor back to the speaker it suspended.
            holder, suspended = suspended, None
        if holder is not None and not point:
            action.add(FloorEnded(holder.id))
            holder = None
        session = context.agenda.find_item(item.id)[0]
        return action.add(FloorGiven(
            intervention_id=uuid4().hex, item_id=item.id, session_id=session.id,
            kind=str(request.kind), allotted=request.seconds, request=request.id,
            who=request.who, guest=request.guest, on_behalf=request.on_behalf,
            alignment=tuple(request.alignment), suspends=holder.id if holder else None,
            running=True,
        )).events

    def finish_intervention(self) -> list[dict]:
        """End the speech on the floor; a speaker a point of order suspended gets it back."""
        floor = self.context.state.floor
        if floor is None:
            raise Refused("Nobody holds the floor")
        return Action(self.context).add(FloorEnded(floor.id)).events

    def toggle_timer(self) -> list[dict]:
        """Start, pause or resume the timer; with nobody on the floor, give it to the next."""
        self.refuse_while_suspended()
        holder = self.context.state.floor
        if holder is None:
            return self.give_floor()
        kind = TimerPaused if holder.running_since is not None else TimerStarted
        return Action(self.context).add(kind(holder.id)).events

    def adjust_time(self, seconds: int) -> list[dict]:
        """Add (or with a negative number remove) time from the speaker's allotment."""
        holder = self.context.state.floor
        if holder is None:
            raise Refused("Nobody holds the floor")
        if seconds == 0 or (seconds < 0 and holder.allotted == 0):
            raise Refused("The time stays as it is")
        change = max(seconds, -holder.allotted)
        return Action(self.context).add(TimerAdjusted(holder.id, change)).events

    def set_speaker_limit(self, seconds: int) -> list[dict]:
        """Set the allotted time of the speaker holding the floor ("two minutes, please")."""
        holder = self.context.state.floor
        if holder is None:
            raise Refused("Nobody holds the floor")
        seconds = int(seconds)
        if seconds <= 0:
            raise Refused("A limit is a time longer than 0:00")
        if seconds == holder.allotted:
            raise Refused("The time stays as it is")
        return Action(self.context).add(
            TimerAdjusted(holder.id, seconds - holder.allotted, limit=seconds)).events
