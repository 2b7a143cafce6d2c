"""The schedule: planned against actual, and where the session is heading.

Planned times are the agenda's local times in `agenda.event.timezone`, converted to UTC; an
item's planned start is its session's start plus the minutes of the items before it. The
projected end of the current item is now + the time left to the speakers holding the floor +
the waiting list times their limits (a break lasts its planned minutes, or as the chair
timed it). The fair limit shares
the time left until the item's planned end (on the agenda's clock) among the waiting speakers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from moderator.core.breaks import break_ends
from moderator.core.model import Agenda, ItemKind, Session
from moderator.core.moments import words_of
from moderator.core.reading import MeetingReader
from moderator.core.views import (
    Forecast,
    Headline,
    ItemForecast,
    ItemStatus,
    Plan,
    SessionForecast,
)


def held_on(meeting: MeetingReader) -> dict[str, date]:
    """The day each session is held: the day it actually started, else the agenda's date.

    A session run on another day than planned (a rehearsal, a postponed day) is measured
    against its planned times on that day, not reported thousands of minutes early or late.
    """
    zone = ZoneInfo(meeting.agenda.event.timezone)
    days = {}
    for session in meeting.agenda.sessions:
        starts = [p.first_started for i in session.items
                  if (p := meeting.state.progress.get(i.id)) is not None and p.first_started]
        days[session.id] = min(starts).astimezone(zone).date() if starts else session.date
    return days


def planned_times(
    agenda: Agenda, days: dict[str, date] | None = None
) -> dict[str, tuple[datetime, datetime]]:
    """Each item's planned start and end, in UTC (on the day each session is held)."""
    zone = ZoneInfo(agenda.event.timezone)
    days = days or {}
    times = {}
    for session in agenda.sessions:
        start = session_start(session, zone, days.get(session.id))
        for item in session.items:
            end = start + timedelta(minutes=item.minutes)
            times[item.id] = (start, end)
            start = end
    return times


def plan(meeting: MeetingReader) -> Plan:
    days = held_on(meeting)
    return Plan(days, planned_times(meeting.agenda, days))


def session_start(session: Session, zone: ZoneInfo, day: date | None = None) -> datetime:
    return datetime.combine(day or session.date, session.start, tzinfo=zone).astimezone(UTC)


def session_end(session: Session, zone: ZoneInfo, day: date | None = None) -> datetime:
    return datetime.combine(day or session.date, session.end, tzinfo=zone).astimezone(UTC)


def late_status(minutes: int) -> str:
    if minutes > 0:
        return f"running {minutes} min late"
    if minutes < 0:
        return f"{-minutes} min ahead"
    return "on time"


def _left(meeting: MeetingReader, now: datetime) -> float:
    """Seconds left to the speaker on the floor and to the one a point of order suspended."""
    views = (meeting.floor(), meeting.suspended())
    return sum(max(0.0, v.allotted - v.speaking_seconds(now)) for v in views if v is not None)


def forecast(meeting: MeetingReader, now: datetime) -> Forecast:
    """Planned against actual per item and session, projected ends and the fair limit."""
    ahead = _ahead(meeting, now)
    agenda, zone, days, planned, projected = (meeting.agenda, ahead.zone, ahead.days,
                                              ahead.planned, ahead.projected)
    items = tuple(_item_forecast(meeting, i.id, i.minutes, planned[i.id], projected, now)
                  for _, i in agenda.items())
    sessions = tuple(_session_forecast(s, zone, items, days[s.id]) for s in agenda.sessions)
    return Forecast(items, ahead.projected_item_end, ahead.projected_session_end,
                    ahead.late_minutes, ahead.status, ahead.fair_limit_seconds, sessions)


def headline(meeting: MeetingReader, now: datetime) -> Headline:
    """The forecast's headline, without the forecast of each item."""
    ahead = _ahead(meeting, now)
    return Headline(ahead.projected_session_end, ahead.late_minutes, ahead.status)


@dataclass(frozen=True, slots=True)
class _Ahead:
    """What the forecast and its headline share: the projections, the plan they are read on."""

    zone: ZoneInfo
    days: dict[str, date]
    planned: dict[str, tuple[datetime, datetime]]
    projected: dict[str, datetime]
    projected_item_end: datetime | None
    projected_session_end: datetime | None
    late_minutes: int
    status: str
    fair_limit_seconds: int | None


def _ahead(meeting: MeetingReader, now: datetime) -> _Ahead:
    agenda, state = meeting.agenda, meeting.state
    made = meeting.plan()
    days, planned = made.days, made.times
    zone = ZoneInfo(agenda.event.timezone)
    item = meeting.current_item()
    projected_item_end = None
    fair = None
    if item is not None:
        queue = meeting.queue()
        if item.kind is ItemKind.BREAK:
            projected_item_end = max(now, break_ends(state, item, now))
        else:
            work = _left(meeting, now) + sum(r.seconds for r in queue)
            projected_item_end = now + timedelta(seconds=work)
        if queue and item.kind is not ItemKind.BREAK:  # a break's list is the next item's
            available = (planned[item.id][1] - now).total_seconds() - _left(meeting, now)
            fair = max(0, math.floor(available / len(queue)))

    session = meeting.current_session()
    projected: dict[str, datetime] = {}
    projected_session_end = None
    if session is not None:
        cursor = projected_item_end
        pending = [i for i in session.items if meeting.item_status(i.id) is ItemStatus.PENDING]
        if cursor is None and pending:
            cursor = planned[pending[0].id][0]
            if now.astimezone(zone).date() == days[session.id]:
                cursor = max(now, cursor)  # on the day, a late start makes the session late
        for pending_item in pending:
            projected[pending_item.id] = cursor = cursor + timedelta(minutes=pending_item.minutes)
        if cursor is None:
            ends = [state.progress[i.id].last_ended for i in session.items if i.id in state.progress]
            cursor = max((e for e in ends if e is not None), default=None)
        projected_session_end = cursor
    if item is not None:
        projected[item.id] = projected_item_end

    late = 0
    status = late_status(late)
    if session is not None and projected_session_end is not None:
        planned_end = session_end(session, zone, days[session.id])
        seconds = (projected_session_end - planned_end).total_seconds()
        late = math.floor(seconds / 60 + 0.5)
        status = late_status(late)
        started = any((p := state.progress.get(i.id)) is not None and p.first_started is not None
                      for i in session.items)
        if not started and late <= 0:
            # Before the session opens, slack in the plan is not "ahead": say when it starts.
            opens = session_start(session, zone, days[session.id]).astimezone(zone)
            status = f"starts at {opens:%H:%M}"
    sitting = meeting.suspended_since()
    if sitting is not None:
        # The projected ends move with the suspension; when it is to end, if said, comes first.
        until = "" if sitting.resumes_at is None else \
            f" until {words_of(sitting.resumes_at, now, agenda.event.timezone)}"
        status = f"sitting suspended{until}; {status}"
    return _Ahead(zone, days, planned, projected, projected_item_end, projected_session_end,
                  late, status, fair)


def _item_forecast(
    meeting: MeetingReader, item_id: str, minutes: int, planned: tuple[datetime, datetime],
    projected: dict[str, datetime], now: datetime,
) -> ItemForecast:
    progress = meeting.state.progress.get(item_id)
    status = meeting.item_status(item_id)
    actual = ended = None
    if progress is not None and progress.first_started is not None:
        seconds = progress.seconds_spent
        if progress.current_since is not None:
            seconds += max(0.0, (now - progress.current_since).total_seconds())
        actual = seconds / 60
        if status in (ItemStatus.DONE, ItemStatus.SKIPPED):
            ended = progress.last_ended
    started = progress.first_started if progress else None
    projected_end = ended if ended is not None else projected.get(item_id)
    return ItemForecast(item_id, minutes, actual, planned[0], planned[1], started, ended, projected_end)


def _session_forecast(
    session: Session, zone: ZoneInfo, items: tuple[ItemForecast, ...], day: date
) -> SessionForecast:
    ids = {i.id for i in session.items}  # once, not once per item of the agenda
    own = [f for f in items if f.item_id in ids]
    actuals = [f.actual_minutes for f in own if f.actual_minutes is not None]
    starts = [f.started_at for f in own if f.started_at is not None]
    ends = [f.ended_at for f in own if f.ended_at is not None]
    done = bool(own) and all(f.ended_at is not None for f in own)
    return SessionForecast(
        session.id, session.planned_minutes, sum(actuals) if actuals else None,
        session_start(session, zone, day), session_end(session, zone, day),
        min(starts, default=None), max(ends) if done else None,
    )
