"""Suspending and resuming the sitting ("suspended 1.05 p.m., resumed 3.10 p.m.").

While the sitting is suspended the speaker's timer is paused (the suspension pauses it in the
same action) and the item's time does not run: the forecast counts the suspension as time
nobody spends on the agenda, and the journal prints both times.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from moderator.core.fold import FoldContext, folds
from moderator.core.state import MeetingState

SITTING_SUSPENDED = "sitting.suspended"
SITTING_RESUMED = "sitting.resumed"


@dataclass(frozen=True, slots=True)
class Suspension:
    session_id: str | None  # the session in progress (or last held) when it was suspended
    item_id: str | None  # the item open at the time, if any
    suspended_at: datetime
    resumed_at: datetime | None = None


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


@folds(SITTING_SUSPENDED)
def _suspended(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    record = record_of(state)
    if record.current is not None:
        return
    record.suspensions.append(Suspension(event.get("session"), state.current_item, at))
    item = state.current_item
    progress = state.progress.get(item) if item else None
    if progress is not None and progress.current_since is not None:
        # The item's clock stops: the time it was open is banked, the suspension is not.
        spent = progress.seconds_spent + max(0.0, (at - progress.current_since).total_seconds())
        state.progress[item] = replace(progress, current_since=None, seconds_spent=spent)


@folds(SITTING_RESUMED)
def _resumed(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    record = record_of(state)
    current = record.current
    if current is None:
        return
    record.suspensions[-1] = replace(current, resumed_at=at)
    item = state.current_item
    progress = state.progress.get(item) if item else None
    if progress is not None and progress.current_since is None:
        state.progress[item] = replace(progress, current_since=at)


def read_sitting(state: MeetingState) -> SittingRecord:
    """The record for reading: commands and views never add it to the state."""
    return state.extensions.get("sitting") or SittingRecord()
