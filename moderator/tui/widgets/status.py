"""The top bar: event, session and item, wall clock and schedule status."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from moderator.core import Meeting
from moderator.core.clock import local
from moderator.core.moments import words_of
from moderator.tui.frame import FollowsFrame, Frame, Pace, ShownText
from moderator.tui.text import ALARM, sanitise, stack


def when(meeting: Meeting, moment: datetime, now: datetime) -> str:
    """"15:00" today, "Friday 09:30" this week, in the meeting's time zone."""
    return words_of(moment, now, meeting.agenda.event.timezone)


def adjourned_words(meeting: Meeting, now: datetime) -> str | None:
    """"Adjourned until Friday 09:30" while the meeting is adjourned, else None."""
    adjourned = meeting.adjournment()
    return f"Adjourned until {when(meeting, adjourned.until, now)}" if adjourned else None


def suspended_words(meeting: Meeting, now: datetime, *, loud: bool = False) -> str | None:
    """"Sitting suspended at 13:05, resumes at 15:00" while it is suspended, else None;
    `loud`: "SITTING SUSPENDED at ...", where it must not be missed."""
    sitting = meeting.suspended_since()
    if sitting is None:
        return None
    words = f"{'SITTING SUSPENDED' if loud else 'Sitting suspended'} at " \
            f"{local(sitting.suspended_at, meeting.agenda.event.timezone):%H:%M}"
    if sitting.resumes_at is not None:
        words += f", resumes at {when(meeting, sitting.resumes_at, now)}"
    return words


class StatusBar(FollowsFrame, ShownText):
    PACE = Pace.SECOND

    def draw(self, frame: Frame) -> None:
        meeting, now = frame.meeting, frame.now
        session, item = meeting.current_session(), meeting.current_item()
        headline = meeting.headline(now)
        # Line 1: the time and the schedule, then the event. Line 2: the item in progress
        # first, so a narrow screen cuts the session's title, never the item's.
        clock = Text(no_wrap=True, overflow="ellipsis")
        clock.append(local(now, meeting.agenda.event.timezone).strftime("%H:%M:%S"), "bold")
        clock.append("  ")
        adjourned = adjourned_words(meeting, now)
        if adjourned is not None:
            # Overnight the schedule says nothing: when the meeting resumes is what counts.
            clock.append(adjourned.upper(), "bold reverse")
        else:
            clock.append(headline.status, ALARM if headline.late_minutes > 0 else "bold")
            if headline.projected_session_end is not None:
                ends = local(headline.projected_session_end, meeting.agenda.event.timezone)
                clock.append(f"  session ends ~{ends:%H:%M}")
        clock.append("  │  ")
        clock.append(sanitise(meeting.agenda.event.title), "dim")
        line = Text(no_wrap=True, overflow="ellipsis")
        if item is None:
            line.append(adjourned or "No item in progress", "italic")
        else:
            line.append("▶ ")
            line.append(sanitise(item.heading), "bold")
        # A break is a session of one item of the same name: said once, not "Coffee break ·
        # Coffee break".
        if session is not None and (item is None or session.title not in (item.title, item.heading)):
            line.append(f"  ·  {sanitise(session.title)}")
        title = clock
        self.say(stack([title, line]))
