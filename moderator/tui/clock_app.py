"""`moderator clock`: the audience display, a read-only follower of the meeting's database."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding

from moderator.core import Clock
from moderator.core.model import Agenda, Roster
from moderator.tui.base import MeetingFollowingApp, open_meeting
from moderator.tui.screens.audience_clock import AudienceClockScreen


class ClockApp(MeetingFollowingApp):
    """Shows the floor; it has no writer and no command that decides an event."""

    TITLE = "moderator clock"
    BINDINGS = [Binding("q,ctrl+q", "quit", "Quit")]

    def __init__(self, meeting, store) -> None:
        super().__init__(meeting, store, writer=None)

    def on_mount(self) -> None:
        self.push_screen(AudienceClockScreen(self.meeting))


def build_clock_app(agenda: Agenda, roster: Roster, database: Path,
                    clock: Clock | None = None) -> ClockApp:
    """The audience clock on an existing database (it never creates one)."""
    from moderator.store import StoreError

    if not Path(database).is_file():
        raise StoreError(f"{database}: no meeting database yet; start `moderator` first")
    meeting, store = open_meeting(agenda, roster, database, clock, "audience")
    return ClockApp(meeting, store)
