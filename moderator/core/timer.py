"""Timer arithmetic: time is banked from timestamps at every change, never counted in ticks."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from operator import attrgetter

from moderator.core.in_bulk import filled, slot_setters
from moderator.core.state import InterventionRecord
from moderator.core.views import Intervention, TimerState, TimerView


def spoken_whole(seconds: float) -> int:
    """Whole seconds of speaking time, rounded down: the one rule of the screen and the export.

    The countdown rounds the time left up, so the two always add up to the allotted time.
    """
    return max(0, math.floor(seconds + 1e-6))


def _since(start: datetime, at: datetime) -> float:
    # A clock a little behind (another process) must never make time negative.
    return max(0.0, (at - start).total_seconds())


def run(record: InterventionRecord, at: datetime) -> None:
    """Start or resume the timer."""
    if record.running_since is not None or record.ended_at is not None:
        return
    if record.paused_since is not None:
        record.paused_banked += _since(record.paused_since, at)
        record.paused_since = None
    record.running_since = at


def pause(record: InterventionRecord, at: datetime) -> None:
    """Pause the timer; the paused time is not charged to the speaker."""
    if record.running_since is None or record.ended_at is not None:
        return
    record.speaking_banked += _since(record.running_since, at)
    record.running_since = None
    record.paused_since = at


def end(record: InterventionRecord, at: datetime) -> None:
    """Stop the timer for good: the intervention is over."""
    if record.ended_at is not None:
        return
    if record.running_since is not None:
        record.speaking_banked += _since(record.running_since, at)
    if record.paused_since is not None:
        record.paused_banked += _since(record.paused_since, at)
    record.running_since = record.paused_since = None
    record.ended_at = at


# Each field of the view, in the view's order, and the record's attribute it shows.
_VIEW_OF = (("id", "id"), ("item_id", "item_id"), ("session_id", "session_id"), ("who", "who"),
            ("guest", "guest"), ("kind", "kind"), ("on_behalf", "on_behalf"),
            ("alignment", "alignment"), ("request_id", "request_id"),
            ("started_at", "started_at"), ("ended_at", "ended_at"), ("allotted", "allotted"),
            ("running_since", "running_since"), ("speaking_seconds_banked", "speaking_banked"),
            ("paused_seconds_banked", "paused_banked"), ("paused_since", "paused_since"))
_READ_VIEW = attrgetter(*(attribute for _, attribute in _VIEW_OF))
_VIEW_SETTERS = slot_setters(Intervention, [field for field, _ in _VIEW_OF])
assert _VIEW_SETTERS is not None, "a view's fields as _VIEW_OF lists them, in order"
# Below this many records, making each view is quicker (the bulk's columns cost 12 us at once).
_BULK_FROM = 16


def view_of(record: InterventionRecord) -> Intervention:
    return Intervention(*_READ_VIEW(record))


def views_of(records: Sequence[InterventionRecord]) -> list[Intervention]:
    """`view_of` of each record, made at once when there are many (a week's speaking log:
    20,000 views, a third of the time of making each)."""
    if len(records) < _BULK_FROM:
        return [view_of(r) for r in records]
    columns = [list(map(attrgetter(attribute), records)) for _, attribute in _VIEW_OF]
    return filled(Intervention, _VIEW_SETTERS, columns, len(records))


def timer_view(intervention: Intervention | None, warning: int, now: datetime) -> TimerView:
    """The timer of the speaker holding the floor, at `now`."""
    if intervention is None:
        return TimerView(TimerState.IDLE, 0, 0.0, 0.0, None)
    elapsed = intervention.speaking_seconds(now)
    remaining = intervention.allotted - elapsed
    running = intervention.running_since is not None
    if not running and intervention.paused_since is None and elapsed == 0:
        state = TimerState.IDLE
    elif remaining < 0:
        state = TimerState.OVERTIME
    elif remaining <= warning:
        state = TimerState.WARNING
    else:
        state = TimerState.RUNNING if running else TimerState.PAUSED
    return TimerView(state, intervention.allotted, elapsed, remaining, intervention, running)
