"""`moderator clock`: the audience display, a read-only follower of the meeting's database."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from textual.app import App
from textual.binding import Binding

from moderator.core import Clock, Meeting, SystemClock
from moderator.core.model import Agenda, Roster
from moderator.tui.screens.audience_clock import AudienceClockScreen


class ClockApp(App[None]):
    """Shows the floor; it has no command that decides an event, so it cannot write one."""

    TITLE = "moderator clock"
    BINDINGS = [Binding("q,ctrl+q", "quit", "Quit")]

    def __init__(self, meeting: Meeting, store: Any) -> None:
        super().__init__()
        self.meeting, self.store = meeting, store

    def on_mount(self) -> None:
        self.push_screen(AudienceClockScreen(self.meeting, self.store))

    def on_unmount(self) -> None:
        try:
            self.store.close()
        except Exception as error:
            logging.getLogger(__name__).error("closing the store: %s", error)


def build_clock_app(agenda: Agenda, roster: Roster, database: Path,
                    clock: Clock | None = None) -> ClockApp:
    """The audience clock on an existing database (it never creates one)."""
    from moderator.store import MeetingStore, StoreError

    if not Path(database).is_file():
        raise StoreError(f"{database}: no meeting database yet; start `moderator` first")
    store = MeetingStore.open(database, clock)
    meeting = Meeting(agenda, roster, clock or SystemClock(), role="audience")
    meeting.apply_all(store.read_new())
    return ClockApp(meeting, store)
