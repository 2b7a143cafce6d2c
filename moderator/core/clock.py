"""The clock is a parameter: everything that depends on time takes one.

A clock gives two readings. `now()` is the wall clock, for the record (the journal prints it).
`steady()` is a clock that never steps and keeps counting through suspend (Linux:
`CLOCK_BOOTTIME`), with `boot()` naming the boot it counts from: durations between readings of
the same boot come from it, so an NTP step or a changed system time cannot move a countdown.
"""

from __future__ import annotations

import platform
import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol, overload
from uuid import uuid4
from zoneinfo import ZoneInfo

BOOT_ID_FILE = "/proc/sys/kernel/random/boot_id"


@overload
def local(moment: datetime, timezone: str) -> datetime: ...
@overload
def local(moment: None, timezone: str) -> None: ...
def local(moment: datetime | None, timezone: str) -> datetime | None:
    """`moment` in the meeting's own time zone (the agenda's `event.timezone`, UTC when it names
    none): every screen, page and export shows its times so. None stays None."""
    return moment.astimezone(ZoneInfo(timezone or "UTC")) if moment is not None else None


class Clock(Protocol):
    def now(self) -> datetime:
        """The current wall-clock time, timezone-aware, in UTC."""
        ...


class SteadyClock(Clock, Protocol):
    def steady(self) -> float:
        """Seconds on a clock that never steps and counts suspend, from an origin of `boot()`."""
        ...

    def boot(self) -> str:
        """The boot (or origin) the steady readings count from."""
        ...


def steady_reading(clock: Clock) -> tuple[float, str] | None:
    """`(steady seconds, boot)` of a clock that has them, else None (a wall clock only)."""
    steady, boot = getattr(clock, "steady", None), getattr(clock, "boot", None)
    if steady is None or boot is None:
        return None
    return steady(), boot()


def _boot_id() -> str:
    """The kernel's id of this boot; elsewhere the nearest equivalent (the boot's minute)."""
    try:
        with open(BOOT_ID_FILE, encoding="ascii") as file:
            found = file.read().strip()
        if found:
            return found
    except OSError:
        pass
    # macOS, Windows: a monotonic clock counted from boot, so wall minus it is the boot time,
    # read once (a later wall-clock step must not make this process a different boot).
    booted = int((time.time() - time.monotonic()) // 60)
    return f"{platform.node()}-{booted}"


def _steady_source():
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None and sys.platform.startswith("linux"):
        return lambda: time.clock_gettime(boottime)
    return time.monotonic


class SystemClock:
    """The machine's clocks: wall time, and CLOCK_BOOTTIME (else monotonic) with the boot id."""

    _boot: str | None = None

    def __init__(self) -> None:
        self._steady = _steady_source()

    def now(self) -> datetime:
        return datetime.now(UTC)

    def steady(self) -> float:
        return self._steady()

    def boot(self) -> str:
        if SystemClock._boot is None:
            SystemClock._boot = _boot_id()
        return SystemClock._boot


class FakeClock:
    """A clock that moves only when told to: tests run three hours in a millisecond.

    `advance` and `set` are time passing (both readings move); `step` moves the wall clock
    alone (an NTP step, a changed system time); `reboot` starts a new boot.
    """

    def __init__(self, start: datetime | None = None, *, steady: float = 1000.0,
                 boot: str | None = None) -> None:
        self._now = start or datetime(2026, 12, 10, 8, 0, tzinfo=UTC)
        self._steady = steady
        self._boot = boot or f"fake-boot-{uuid4().hex[:8]}"

    def now(self) -> datetime:
        return self._now

    def steady(self) -> float:
        return self._steady

    def boot(self) -> str:
        return self._boot

    def advance(self, seconds: float) -> None:
        self._now += timedelta(seconds=seconds)
        self._steady += seconds

    def set(self, moment: datetime) -> None:
        self._steady += (moment - self._now).total_seconds()
        self._now = moment

    def step(self, seconds: float) -> None:
        """The wall clock jumps by `seconds` (either sign); the steady clock does not."""
        self._now += timedelta(seconds=seconds)

    def reboot(self, *, wall_seconds: float = 0.0) -> None:
        """A new boot: the steady clock starts again; the wall clock moves by `wall_seconds`."""
        self._now += timedelta(seconds=wall_seconds)
        self._steady = 1.0
        self._boot = f"fake-boot-{uuid4().hex[:8]}"
