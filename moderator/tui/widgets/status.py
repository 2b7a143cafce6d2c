"""The top bar: event, session and item, wall clock and schedule status."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widgets import Static

from moderator.core import Meeting
from moderator.core.clock import local
from moderator.tui.text import sanitise, stack
from moderator.tui.widgets import quiet


class StatusBar(Static):
    def show(self, meeting: Meeting, now: datetime) -> None:
        session, item = meeting.current_session(), meeting.current_item()
        forecast = meeting.forecast(now)
        # Line 1: the time and the schedule, then the event. Line 2: the item in progress
        # first, so a narrow screen cuts the session's title, never the item's.
        clock = Text(no_wrap=True, overflow="ellipsis")
        clock.append(local(now, meeting.agenda.event.timezone).strftime("%H:%M:%S"), "bold")
        clock.append("  ")
        clock.append(forecast.status, "bold red" if forecast.late_minutes > 0 else "bold")
        if forecast.projected_session_end is not None:
            clock.append(f"  session ends ~{local(forecast.projected_session_end, meeting.agenda.event.timezone):%H:%M}")
        clock.append("  │  ")
        clock.append(sanitise(meeting.agenda.event.title), "dim")
        line = Text(no_wrap=True, overflow="ellipsis")
        if item is None:
            line.append("No item in progress", "italic")
        else:
            line.append("▶ ")
            line.append(sanitise(item.heading), "bold")
        if session is not None:
            line.append(f"  ·  {sanitise(session.title)}")
        title = clock
        quiet.update(self, stack([title, line]))
