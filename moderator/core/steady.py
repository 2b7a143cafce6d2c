"""The meeting's timeline: wall-clock times for the record, steady durations between them.

Every event carries its wall time (`at`) and, from this version on, a reading of the steady
clock with the boot it belongs to (`steady`, `boot`). The fold places each event at its wall
time; when the wall clock stepped since the previous event of the same boot (the two clocks
disagree about the time between them), everything still being timed (the speaker on the floor,
the suspended one, the current item) is shifted by the step, so its duration is the steady
clock's. Across a reboot, or for events written before steady readings existed, durations are
the wall clock's.

"Now" for the views is the same: the steady clock's time since the last event, added to that
event's place, when this process runs in the same boot; else the wall clock.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import NamedTuple

from moderator.core.clock import Clock, steady_reading
from moderator.core.state import InterventionRecord, MeetingState

# Wall and steady readings are taken a moment apart: a disagreement below this is no step.
STEP_TOLERANCE = timedelta(milliseconds=10)
_CLEARLY_NO_STEP = STEP_TOLERANCE.total_seconds() - 0.0001  # 0.1 ms short of it


class Anchor(NamedTuple):
    """Where the steady clock of one boot meets the timeline: the last event read on it.
    (A named tuple: one is made for every event folded, at half a frozen dataclass's cost.)"""

    boot: str
    steady: float
    at: datetime


_NUMBER = (int, float)


def reading(event: dict) -> tuple[float, str] | None:
    steady, boot = event.get("steady"), event.get("boot")
    if isinstance(steady, _NUMBER) and isinstance(boot, str) and boot:
        return float(steady), boot
    return None


def place(state: MeetingState, event: dict, at: datetime) -> datetime:
    """The event's moment on the timeline (its wall time), shifting open intervals on a step."""
    steady, boot = event.get("steady"), event.get("boot")  # `reading`, inline: once an event
    if not (isinstance(steady, _NUMBER) and isinstance(boot, str) and boot):
        return at
    steady = float(steady)
    anchor = state.anchor
    if anchor is not None and anchor.boot == boot:
        # The two clocks agree to well within the tolerance for nearly every event: said in
        # floats (their error is below a microsecond), without making the projected moment.
        agreed = (at - anchor.at).total_seconds() - (steady - anchor.steady)
        if not -_CLEARLY_NO_STEP < agreed < _CLEARLY_NO_STEP:
            projected = anchor.at + timedelta(seconds=steady - anchor.steady)
            step = at - projected
            if abs(step) >= STEP_TOLERANCE:
                shift_open(state, step)
    state.anchor = Anchor(boot, steady, at)
    return at


def elapsed(first: dict, last: dict) -> float:
    """Seconds from one event to a later one: steady within a boot, else wall."""
    a, b = reading(first), reading(last)
    if a is not None and b is not None and a[1] == b[1]:
        return b[0] - a[0]
    return (datetime.fromisoformat(last["at"]) - datetime.fromisoformat(first["at"])).total_seconds()


def now(state: MeetingState, clock: Clock) -> datetime:
    """The present on the timeline: steady time since the last event, else the wall clock."""
    anchor = state.anchor
    if anchor is not None:
        found = steady_reading(clock)
        if found is not None and found[1] == anchor.boot:
            return anchor.at + timedelta(seconds=max(0.0, found[0] - anchor.steady))
    return clock.now()


def shift_open(state: MeetingState, step: timedelta) -> None:
    """Move everything still being timed by `step`: its duration so far stays what it was."""
    for record in (state.floor, state.suspended):
        if record is not None:
            _shift_record(record, step)
    item = state.current_item
    progress = state.progress.get(item) if item is not None else None
    if progress is not None and progress.current_since is not None:
        first = progress.first_started
        if first == progress.current_since:  # opened once: its start moves with it
            first = first + step
        # Replaced, never changed in place: checkpoints share it.
        state.progress[item] = replace(progress, current_since=progress.current_since + step,
                                       first_started=first)
    for extension in state.extensions.values():
        shifted = getattr(extension, "shift_open", None)
        if callable(shifted):
            shifted(step)


def _shift_record(record: InterventionRecord, step: timedelta) -> None:
    # Only the records on the floor and suspended change in place (see state.py).
    record.started_at += step
    if record.running_since is not None:
        record.running_since += step
    if record.paused_since is not None:
        record.paused_since += step
