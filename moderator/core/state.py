"""The meeting's mutable state, changed only by the fold (`fold.py`), read by the views."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from moderator.core.model import InterventionKind
from moderator.core.views import ItemStatus


@dataclass(slots=True)
class WaitingRequest:
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


@dataclass(slots=True)
class ItemProgress:
    """When an item was current: first start, last end, and the time spent on it."""

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
