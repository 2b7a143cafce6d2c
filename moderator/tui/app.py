"""The moderator's console app: wires the meeting, the store and the screens; nothing else."""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import Any

from moderator.core import Clock, Meeting, SystemClock
from moderator.core.model import Agenda, Roster
from moderator.session import OpenMeeting, open_meeting
from moderator.session.loop import EventStore, EventWriter
from moderator.session.other_consoles import others_did
from moderator.tui.base import MeetingFollowingApp
from moderator.tui.keys import bindings
from moderator.tui.screens.console import ConsoleScreen
from moderator.tui.themes import DARK, FORMER_NAMES, LIGHT
from moderator.tui.themes import THEMES as OWN_THEMES

THEMES = (DARK.name, LIGHT.name)
THEME_SETTING = "theme"


class MeetingApp(MeetingFollowingApp):
    """The console of one meeting; everything it shows is already on disk."""

    TITLE = "moderator"
    # The console's own stylesheet read with the app's: read as the screen is pushed, it had
    # Textual parse every stylesheet again before the first frame.
    CSS_PATH = [Path(__file__).with_name("app.tcss"), ConsoleScreen.CSS_PATH]
    BINDINGS = bindings("app")

    def __init__(self, opened: OpenMeeting) -> None:
        super().__init__(opened)
        for theme in OWN_THEMES:
            self.register_theme(theme)
        self.sub_title = opened.meeting.agenda.event.venue
        # Read here, as the console is made, never on the UI thread: the store's lock can be
        # held by another console's commit for as long as its fsync takes.
        self._saved_theme = read_setting(opened.store, THEME_SETTING, THEMES[0])

    def on_mount(self) -> None:
        self.theme = self._saved_theme
        self.link.on_others = self._others_did
        self.push_screen(ConsoleScreen(self.link))

    def _others_did(self, events: list[dict]) -> None:
        """Another chair console's actions, each named in a notification."""
        for sentence in others_did(self.meeting, events):
            self.notify(sentence, markup=False, timeout=6)

    def action_toggle_theme(self) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]
        # Off the UI thread, like every write.
        self.run_worker(partial(write_setting, self.store, THEME_SETTING, self.theme),
                        thread=True, group="settings")


def read_setting(store: Any, key: str, default: str) -> str:
    """A setting from the store's settings table (not the event log)."""
    try:
        value = store.setting(key)
    except Exception:  # a missing setting never stops the console
        return default
    value = FORMER_NAMES.get(value, value) if isinstance(value, str) else value
    return value if isinstance(value, str) and value in THEMES else default


def write_setting(store: Any, key: str, value: str) -> None:
    try:
        store.set_setting(key, value)
    except Exception as error:
        logging.getLogger(__name__).warning("theme not saved: %s", error)


def build_app(agenda: Agenda, roster: Roster, database: Path, clock: Clock | None = None,
              *, store: EventStore | None = None, writer: EventWriter | None = None,
              console: str | None = None) -> MeetingApp:
    """The one way to make the console, for the command line and the tests alike.

    Opens the meeting at `database` (`moderator.session.open_meeting`), so a relaunch shows
    exactly the state before the crash or quit. `console`: the name of this console's seat.
    Tests may give their own `store` and `writer` (a writer that fails, say).
    """
    if store is None:
        return MeetingApp(open_meeting(agenda, roster, database, role="moderator", clock=clock,
                                       create=True, seat=console, lasting=True))
    assert writer is not None
    meeting = Meeting(agenda, roster, clock or SystemClock())
    meeting.apply_all(store.read_new())
    return MeetingApp(OpenMeeting(meeting, store, writer))
