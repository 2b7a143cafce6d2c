"""What the interfaces read: frozen views computed from the meeting's state and the clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from moderator.core.model import InterventionKind


class ItemStatus(StrEnum):
    PENDING = "pending"
    CURRENT = "current"
    DONE = "done"
    SKIPPED = "skipped"


class TimerState(StrEnum):
    IDLE = "idle"
    RUNNING = "running"
    PAUSED = "paused"
    WARNING = "warning"
    OVERTIME = "overtime"


@dataclass(frozen=True, slots=True)
class Request:
    """A waiting request for the floor (or a scheduled speaker not yet heard)."""

    id: str
    item_id: str
    who: str | None
    guest: str | None
    kind: InterventionKind
    on_behalf: str | None
    alignment: tuple[str, ...]
    requested_at: datetime
    seconds: int


@dataclass(frozen=True, slots=True)
class Intervention:
    """One speaker holding the floor once; its times are banked at each timer change."""

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
    ended_at: datetime | None
    allotted: int
    running_since: datetime | None
    speaking_seconds_banked: float
    paused_seconds_banked: float
    # Set while the timer is paused after having been started (None while idle or running).
    paused_since: datetime | None = None

    def speaking_seconds(self, now: datetime) -> float:
        """Seconds the timer has run, computed from timestamps (never from ticks)."""
        if self.running_since is None:
            return self.speaking_seconds_banked
        return self.speaking_seconds_banked + max(0.0, (now - self.running_since).total_seconds())

    def paused_seconds(self, now: datetime) -> float:
        """Seconds the timer has stood paused (including while suspended by a point of order)."""
        if self.paused_since is None:
            return self.paused_seconds_banked
        return self.paused_seconds_banked + max(0.0, (now - self.paused_since).total_seconds())

    def overtime_seconds(self, now: datetime) -> float:
        return max(0.0, self.speaking_seconds(now) - self.allotted)


@dataclass(frozen=True, slots=True)
class TimerView:
    state: TimerState
    allotted: int
    elapsed: float
    remaining: float  # negative in overtime
    intervention: Intervention | None
    # WARNING and OVERTIME hide whether the timer runs; this says it.
    running: bool = False


@dataclass(frozen=True, slots=True)
class ItemForecast:
    item_id: str
    planned_minutes: int
    actual_minutes: float | None
    planned_start: datetime
    planned_end: datetime
    started_at: datetime | None
    ended_at: datetime | None
    projected_end: datetime | None


@dataclass(frozen=True, slots=True)
class Forecast:
    items: tuple[ItemForecast, ...]
    projected_item_end: datetime | None
    projected_session_end: datetime | None
    late_minutes: int  # > 0 late, < 0 ahead, 0 on time
    status: str  # "on time", "running 7 min late", "3 min ahead"
    fair_limit_seconds: int | None  # the per-speaker limit that ends the list on time
    sessions: tuple[SessionForecast, ...] = ()


@dataclass(frozen=True, slots=True)
class Plan:
    """The agenda's plan on the days it is held: each session's day (`held_on`) and each
    item's planned start and end on it (`planned_times`)."""

    days: dict[str, date]
    times: dict[str, tuple[datetime, datetime]]


@dataclass(frozen=True, slots=True)
class Headline:
    """The forecast's headline alone, without each item's: how late the session runs and when
    it ends (the status bar's, every second)."""

    projected_session_end: datetime | None
    late_minutes: int
    status: str


@dataclass(frozen=True, slots=True)
class SessionForecast:
    session_id: str
    planned_minutes: int
    actual_minutes: float | None  # the time its items were open
    planned_start: datetime
    planned_end: datetime
    started_at: datetime | None
    ended_at: datetime | None


@dataclass(frozen=True)
class BreakView:
    """A break in progress: when it began, when the meeting resumes, and what comes next."""

    item_id: str
    title: str
    started_at: datetime
    resumes_at: datetime
    remaining: float  # seconds until `resumes_at`; negative once it has passed
    next_item_id: str | None
    next_title: str | None
