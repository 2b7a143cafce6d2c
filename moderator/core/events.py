"""Events: plain JSON-serialisable dicts, the only thing the store keeps.

Every command of the meeting answers with a list of events; the state is a fold of them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING
from uuid import uuid4

from moderator.core.bounds import bounded_time
from moderator.core.clock import Clock, steady_reading

if TYPE_CHECKING:
    from moderator.core.identity import ConsoleIdentity

EVENT_VERSION = 1

# Undo is the fold's own (core/replay.py); each concept's module names its event types.
UNDO = "undo"


def new_event(type: str, at: datetime, role: str, **payload: object) -> dict:
    """A new event of `type`, decided at `at` (aware) by `role`, with its payload."""
    if at.tzinfo is None:
        raise ValueError("event times must be timezone-aware")
    return {
        "v": EVENT_VERSION,
        "id": uuid4().hex,
        "at": at.astimezone(UTC).isoformat(),
        "role": role,
        "type": type,
        **payload,
    }


def origin(clock: Clock, console: ConsoleIdentity | None) -> dict:
    """Where and when an event is decided, beside its wall time: the steady clock's reading
    and its boot (`steady`, `boot`), and the console (`console`, `host`)."""
    fields: dict = {}
    found = steady_reading(clock)
    if found is not None:
        fields["steady"], fields["boot"] = round(found[0], 6), found[1]
    if console is not None:
        fields.update(console.stamp())
    return fields


def event_time(event: dict) -> datetime:
    """The UTC moment an event was decided (within the years a meeting can be held in)."""
    return bounded_time(datetime.fromisoformat(event["at"]))


def new_action() -> str:
    """An id shared by the events of one user action, so undo takes back all of them."""
    return uuid4().hex
