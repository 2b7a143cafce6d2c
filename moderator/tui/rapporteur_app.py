"""`moderator notes`: the rapporteur's console, a second process on the meeting's database."""

from __future__ import annotations

from pathlib import Path

from moderator.core import Clock
from moderator.core.model import Agenda, Roster
from moderator.session import open_meeting
from moderator.tui.base import MeetingFollowingApp
from moderator.tui.keys import bindings
from moderator.tui.screens.rapporteur import RapporteurScreen
from moderator.tui.themes import DARK, THEMES

ROLE = "rapporteur"


class RapporteurApp(MeetingFollowingApp):
    """Notes only: every command it runs is a note command of the role "rapporteur"."""

    TITLE = "moderator notes"
    SUB_TITLE = "rapporteur"
    CSS_PATH = RapporteurScreen.CSS_PATH  # read with the app's, not again as it is pushed
    BINDINGS = bindings("rapporteur_app")

    def on_mount(self) -> None:
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = DARK.name
        self.push_screen(RapporteurScreen(self.link))


def build_rapporteur_app(agenda: Agenda, roster: Roster, database: Path,
                         clock: Clock | None = None, *, console: str | None = None) -> RapporteurApp:
    """The rapporteur's console on `database`, caught up with everything recorded so far.

    `console`: the name of its seat (`--console`): a console restarted under the same name
    (else in the same terminal) gets back the drafts the previous one left.
    """
    return RapporteurApp(open_meeting(agenda, roster, database, role=ROLE, clock=clock,
                                      seat=console, lasting=True))
