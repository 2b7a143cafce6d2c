"""The meeting's mutable state, changed only by the fold (`fold.py`), read by the views.

What the fold changes in place, and so what a checkpoint must copy rather than share:
- `log`, `actions` and `dropped` only grow (append, extend): a checkpoint keeps the list and its
  length, and a restore copies the prefix;
- of the intervention records, only the ones on the floor and suspended are ever changed (the
  timer, an adjustment); a finished one is never touched again;
- waiting requests and item progress are never changed in place (replaced instead);
- the containers themselves (dicts, sets, the waiting list) are copied shallowly;
- an extension copies itself with its `checkpoint()` method if it has one, else `deepcopy`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from moderator.core.model import InterventionKind
from moderator.core.views import ItemStatus


@dataclass(slots=True)
class WaitingRequest:
    """A request waiting for the floor; never changed in place once made."""

    id: str
    item_id: str
    who: str | None
    guest: str | None
    kind: InterventionKind
    on_behalf: str | None
    alignment: tuple[str, ...]
    requested_at: datetime


@dataclass(slots=True)
class InterventionRecord:
    id: str
    item_id: str
    session_id: str
    who: str | None
    guest: str | None
    kind: InterventionKind
    on_behalf: str | None
    alignment: tuple[str, ...]
    request_id: str | None
    started_at: datetime
    allotted: int
    ended_at: datetime | None = None
    running_since: datetime | None = None
    paused_since: datetime | None = None
    speaking_banked: float = 0.0
    paused_banked: float = 0.0


@dataclass(frozen=True, slots=True)
class ItemProgress:
    """When an item was current: first start, last end, and the time spent on it.

    Frozen: the fold replaces it, so checkpoints can share it.
    """

    first_started: datetime | None = None
    last_ended: datetime | None = None
    current_since: datetime | None = None
    seconds_spent: float = 0.0


@dataclass(slots=True)
class MeetingState:
    current_item: str | None = None
    # The item most recently current: where "next" and "previous" count from.
    last_item: str | None = None
    statuses: dict[str, ItemStatus] = field(default_factory=dict)
    progress: dict[str, ItemProgress] = field(default_factory=dict)
    closed: set[str] = field(default_factory=set)
    # Limits the chair set during the meeting, in seconds, by (item id, kind).
    item_limits: dict[tuple[str, str], int] = field(default_factory=dict)
    # Room requests of the current item, in the order of the list.
    waiting: list[WaitingRequest] = field(default_factory=list)
    # Scheduled speakers already heard (or withdrawn): (item id, index on the agenda).
    scheduled_done: set[tuple[str, int]] = field(default_factory=set)
    # Requests dropped when their item finished: the record keeps them.
    dropped: list[WaitingRequest] = field(default_factory=list)
    floor: InterventionRecord | None = None
    suspended: InterventionRecord | None = None
    log: list[InterventionRecord] = field(default_factory=list)
    # Undoable actions in the order they were applied (undone ones are not folded).
    actions: list[str] = field(default_factory=list)
    # Room for other modules' folds (notes, ...), keyed by their name.
    extensions: dict[str, Any] = field(default_factory=dict)
    # Where the steady clock meets the timeline (`steady.Anchor`, frozen): the last event read.
    # Bookkeeping of the clocks, not of the meeting: left out of comparisons.
    anchor: Any = field(default=None, compare=False)

    def checkpoint(self) -> StateCheckpoint:
        """A pristine copy of the state, in time proportional to the agenda, not the history."""
        floor_at, suspended_at = _live_positions(self.log, self.floor, self.suspended)
        return StateCheckpoint(
            current_item=self.current_item,
            last_item=self.last_item,
            statuses=dict(self.statuses),
            progress=dict(self.progress),
            closed=frozenset(self.closed),
            item_limits=dict(self.item_limits),
            waiting=tuple(self.waiting),
            scheduled_done=frozenset(self.scheduled_done),
            dropped=self.dropped,
            dropped_length=len(self.dropped),
            floor=replace(self.floor) if self.floor is not None else None,
            floor_at=floor_at,
            suspended=replace(self.suspended) if self.suspended is not None else None,
            suspended_at=suspended_at,
            log=self.log,
            log_length=len(self.log),
            actions=self.actions,
            actions_length=len(self.actions),
            extensions={name: _copied(value) for name, value in self.extensions.items()},
            anchor=self.anchor,
        )


def _copied(extension: Any) -> Any:
    own = getattr(extension, "checkpoint", None)
    return own() if callable(own) else copy.deepcopy(extension)


def _live_positions(
    log: list[InterventionRecord], *live: InterventionRecord | None
) -> tuple[int | None, ...]:
    """Where the records still being changed sit in the log (near its end, searched backwards)."""
    found: list[int | None] = [None] * len(live)
    missing = sum(1 for record in live if record is not None)
    for index in range(len(log) - 1, -1, -1):
        if not missing:
            break
        for which, record in enumerate(live):
            if found[which] is None and log[index] is record:
                found[which] = index
                missing -= 1
    return tuple(found)


@dataclass(frozen=True, slots=True)
class StateCheckpoint:
    """The state after some events, never changed: `restore` hands out independent copies.

    The growing lists are shared with the live state and cut to their length at the time.
    """

    current_item: str | None
    last_item: str | None
    statuses: dict[str, ItemStatus]
    progress: dict[str, ItemProgress]
    closed: frozenset[str]
    item_limits: dict[tuple[str, str], int]
    waiting: tuple[WaitingRequest, ...]
    scheduled_done: frozenset[tuple[str, int]]
    dropped: list[WaitingRequest]
    dropped_length: int
    floor: InterventionRecord | None
    floor_at: int | None
    suspended: InterventionRecord | None
    suspended_at: int | None
    log: list[InterventionRecord]
    log_length: int
    actions: list[str]
    actions_length: int
    extensions: dict[str, Any]
    anchor: Any = None

    def restore(self) -> MeetingState:
        """A live state equal to the one checkpointed, sharing nothing the fold may change."""
        floor = replace(self.floor) if self.floor is not None else None
        suspended = replace(self.suspended) if self.suspended is not None else None
        log = self.log[: self.log_length]
        # The log held the live records themselves: put the fresh copies in their place.
        if self.floor_at is not None:
            log[self.floor_at] = floor
        if self.suspended_at is not None:
            log[self.suspended_at] = suspended
        return MeetingState(
            current_item=self.current_item,
            last_item=self.last_item,
            statuses=dict(self.statuses),
            progress=dict(self.progress),
            closed=set(self.closed),
            item_limits=dict(self.item_limits),
            waiting=list(self.waiting),
            scheduled_done=set(self.scheduled_done),
            dropped=self.dropped[: self.dropped_length],
            floor=floor,
            suspended=suspended,
            log=log,
            actions=self.actions[: self.actions_length],
            extensions={name: _copied(value) for name, value in self.extensions.items()},
            anchor=self.anchor,
        )
