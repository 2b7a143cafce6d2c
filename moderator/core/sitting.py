"""Suspending and resuming the sitting ("suspended 1.05 p.m., resumed 3.10 p.m."): the
events, the decisions and the folds.

While the sitting is suspended the speaker's timer is paused (the suspension pauses it in the
same action) and the item's time does not run: the forecast counts the suspension as time
nobody spends on the agenda, and the journal prints both times. A suspension may say when the
sitting resumes ("resumes at 15:00"): typed when suspending, changed while it lasts
(`sitting.resumption`); the room is told, and the chair still resumes it with `p`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import ClassVar

from moderator.core.actions import Action, Refused
from moderator.core.agenda_progress import current_session
from moderator.core.bounds import bounded_time
from moderator.core.context import MeetingContext
from moderator.core.events import Event, renamed
from moderator.core.floor import TimerPaused
from moderator.core.fold import FoldContext, folds
from moderator.core.state import MeetingState
from moderator.core.steady import now as steady_now


@dataclass(frozen=True, slots=True)
class SittingSuspended(Event):
    """`session_id`: the session in progress (or last held); version 1 wrote `session`."""

    TYPE: ClassVar[str] = "sitting.suspended"
    VERSION: ClassVar[int] = 2
    UPCASTS: ClassVar = {1: renamed(session="session_id")}
    session_id: str | None = None


@dataclass(frozen=True, slots=True)
class SittingResumed(Event):
    TYPE: ClassVar[str] = "sitting.resumed"


@dataclass(frozen=True, slots=True)
class ResumptionSet(Event):
    """When the suspended sitting is to resume (ISO time, UTC), or None: not said."""

    TYPE: ClassVar[str] = "sitting.resumption"
    resumes_at: str | None = None


SITTING_SUSPENDED = SittingSuspended.TYPE
SITTING_RESUMED = SittingResumed.TYPE
SITTING_RESUMPTION = ResumptionSet.TYPE


@dataclass(frozen=True, slots=True)
class Suspension:
    session_id: str | None  # the session in progress (or last held) when it was suspended
    item_id: str | None  # the item open at the time, if any
    suspended_at: datetime
    resumed_at: datetime | None = None
    # When the chair said the sitting resumes ("resumes at 15:00"), if they did.
    resumes_at: datetime | None = None


@dataclass(slots=True)
class SittingRecord:
    suspensions: list[Suspension] = field(default_factory=list)

    def checkpoint(self) -> SittingRecord:
        return SittingRecord(list(self.suspensions))  # each suspension is frozen

    @property
    def current(self) -> Suspension | None:
        last = self.suspensions[-1] if self.suspensions else None
        return last if last is not None and last.resumed_at is None else None


def record_of(state: MeetingState) -> SittingRecord:
    """The record in the state, made on first use (by the fold only: views use `read_sitting`)."""
    found = state.extensions.get("sitting")
    if found is None:
        found = state.extensions["sitting"] = SittingRecord()
    return found


@folds(SittingSuspended)
def _suspended(context: FoldContext, state: MeetingState, event: SittingSuspended,
               at: datetime) -> None:
    record = record_of(state)
    if record.current is not None:
        return
    record.suspensions.append(Suspension(event.session_id, state.current_item, at))
    item = state.current_item
    progress = state.progress.get(item) if item else None
    if progress is not None and progress.current_since is not None:
        # The item's clock stops: the time it was open is banked, the suspension is not.
        spent = progress.seconds_spent + max(0.0, (at - progress.current_since).total_seconds())
        state.progress[item] = replace(progress, current_since=None, seconds_spent=spent)


@folds(SittingResumed)
def _resumed(context: FoldContext, state: MeetingState, event: SittingResumed, at: datetime) -> None:
    record = record_of(state)
    current = record.current
    if current is None:
        return
    record.suspensions[-1] = replace(current, resumed_at=at)
    item = state.current_item
    progress = state.progress.get(item) if item else None
    if progress is not None and progress.current_since is None:
        state.progress[item] = replace(progress, current_since=at)


@folds(ResumptionSet)
def _resumption(context: FoldContext, state: MeetingState, event: ResumptionSet,
                at: datetime) -> None:
    record = record_of(state)
    current = record.current
    if current is None:
        return
    when = bounded_time(datetime.fromisoformat(event.resumes_at)) if event.resumes_at else None
    record.suspensions[-1] = replace(current, resumes_at=when)


def read_sitting(state: MeetingState) -> SittingRecord:
    """The record for reading: commands and views never add it to the state."""
    return state.extensions.get("sitting") or SittingRecord()


class Sitting:
    """Whether the sitting is suspended, its suspensions, and the decisions to suspend and
    resume it: suspending pauses the running timer in the same action and stops the item's
    time; while suspended, nobody takes the floor and no item opens."""

    def __init__(self, context: MeetingContext,
                 refuse_while_adjourned: Callable[[], None] = lambda: None) -> None:
        self.context = context
        self.refuse_while_adjourned = refuse_while_adjourned

    def suspended_since(self) -> Suspension | None:
        """The suspension in progress, if the sitting is suspended."""
        return read_sitting(self.context.state).current

    def suspensions(self) -> list[Suspension]:
        """Every suspension of the meeting in order (the last one may still be running)."""
        return list(read_sitting(self.context.state).suspensions)

    def refuse_while_suspended(self) -> None:
        """Nobody takes the floor and no item opens while the sitting is suspended."""
        if self.suspended_since() is not None:
            raise Refused("The sitting is suspended: resume it first")

    def suspend_sitting(self, resumes_at: datetime | None = None) -> list[dict]:
        """Suspend the sitting: the speaker's timer pauses and the item's time stops.
        `resumes_at`: when the chair says it resumes (later than now), if they say it."""
        if self.suspended_since() is not None:
            raise Refused("The sitting is already suspended")
        self.refuse_while_adjourned()
        state = self.context.state
        if not state.progress:
            raise Refused("The sitting has not opened yet: open an agenda item first")
        action = Action(self.context)
        holder = state.floor
        if holder is not None and holder.running_since is not None:
            action.add(TimerPaused(holder.id))
        session = current_session(self.context)
        action.add(SittingSuspended(session.id if session else None))
        if resumes_at is not None:
            action.add(ResumptionSet(self._later(resumes_at).isoformat()))
        return action.events

    def set_resumption(self, resumes_at: datetime | None) -> list[dict]:
        """Say (or, with None, take back) when the suspended sitting resumes."""
        current = self.suspended_since()
        if current is None:
            raise Refused("The sitting is not suspended")
        if resumes_at is None and current.resumes_at is None:
            raise Refused("No time of resumption is set")
        when = self._later(resumes_at).isoformat() if resumes_at is not None else None
        if current.resumes_at is not None and when == current.resumes_at.astimezone(UTC).isoformat():
            raise Refused("The sitting resumes when it did")
        return Action(self.context).add(ResumptionSet(when)).events

    def adjust_resumption(self, seconds: int) -> list[dict]:
        """Move the time the sitting resumes by `seconds` (never before now)."""
        current = self.suspended_since()
        if current is None:
            raise Refused("The sitting is not suspended")
        if current.resumes_at is None:
            raise Refused("No time of resumption is set: = sets one")
        now = steady_now(self.context.state, self.context.clock)
        if seconds < 0 and current.resumes_at <= now:
            raise Refused("The time of resumption is already past: p resumes the sitting")
        base = max(current.resumes_at, now) if seconds > 0 else current.resumes_at
        return self.set_resumption(max(now + timedelta(minutes=1),
                                       base + timedelta(seconds=int(seconds))))

    def _later(self, moment: datetime) -> datetime:
        if moment <= steady_now(self.context.state, self.context.clock):
            raise Refused("The sitting resumes later than now: p resumes it at once")
        return bounded_time(moment).astimezone(UTC)

    def resume_sitting(self) -> list[dict]:
        """Resume the sitting; a speaker holding the floor resumes with the timer paused."""
        if self.suspended_since() is None:
            raise Refused("The sitting is not suspended")
        return Action(self.context).add(SittingResumed()).events

    def toggle_sitting(self) -> list[dict]:
        return self.resume_sitting() if self.suspended_since() else self.suspend_sitting()
