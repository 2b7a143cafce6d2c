"""What a meeting can hold: numbers and moments bounded, so absurd stored values fold safely.

A database with valid checksums can still hold absurd values (edited by hand, written by a
buggy tool): 1e308 seconds, the year 9999. The fold clamps them to what a meeting can hold,
so the console, the forecast and every export show a (visibly odd) value instead of failing.
The loader holds the agenda to the same bounds, as errors.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime

MAX_SECONDS = 7 * 24 * 3600  # any duration or time adjustment: a week
MAX_MINUTES = 24 * 60  # an agenda item or session: a day
FIRST_YEAR, LAST_YEAR = 1970, 2999
EARLIEST = datetime(FIRST_YEAR, 1, 1, tzinfo=UTC)
LATEST = datetime(LAST_YEAR, 12, 31, tzinfo=UTC)


def bounded_number(value: int | float) -> int | float:
    """`value` within +-MAX_SECONDS (not a number: 0)."""
    if isinstance(value, float) and math.isnan(value):
        return 0
    return min(max(value, -MAX_SECONDS), MAX_SECONDS)


def bounded(event: dict) -> dict:
    """`event`, or a copy with every number of its payload clamped to what a meeting holds."""
    for key, value in event.items():
        if type(value) in (int, float) and key != "v" and not -MAX_SECONDS <= value <= MAX_SECONDS:
            return {k: bounded_number(v) if type(v) in (int, float) and k != "v" else v
                    for k, v in event.items()}
    return event


def bounded_time(moment: datetime) -> datetime:
    """`moment` (aware) within the years a meeting can be held in."""
    if moment.tzinfo is None:
        raise ValueError("an event time without a time zone")
    if EARLIEST <= moment <= LATEST:  # every event of a real meeting: no min and max to call
        return moment
    return min(max(moment, EARLIEST), LATEST)
