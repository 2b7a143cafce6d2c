"""The top bar: event, session and item, wall clock and schedule status."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from rich.text import Text
from textual.widgets import Static

from moderator.core import Meeting
from moderator.tui.text import sanitise, stack
from moderator.tui.widgets import quiet


def local(meeting: Meeting, moment: datetime) -> datetime:
    """`moment` in the meeting's own time zone (the agenda's)."""
    return moment.astimezone(ZoneInfo(meeting.agenda.event.timezone))


class StatusBar(Static):
    def show(self, meeting: Meeting, now: datetime) -> None:
        session, item = meeting.current_session(), meeting.current_item()
        forecast = meeting.forecast(now)
        where = " · ".join(
            sanitise(part.title) for part in (session, item) if part is not None
        ) or "No item in progress"
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(local(meeting, now).strftime("%H:%M:%S"), "bold")
        line.append("  ")
        status_style = "bold red" if forecast.late_minutes > 0 else "bold"
        line.append(forecast.status, status_style)
        if forecast.projected_session_end is not None:
            line.append(f"  session ends ~{local(meeting, forecast.projected_session_end):%H:%M}")
        line.append("  │  ")
        line.append(where)
        title = Text(sanitise(meeting.agenda.event.title), style="bold", no_wrap=True,
                     overflow="ellipsis")
        quiet.update(self, stack([title, line]))
