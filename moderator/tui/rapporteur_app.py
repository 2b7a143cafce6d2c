"""`moderator notes`: the rapporteur's console, a second process on the meeting's database."""

from __future__ import annotations

import logging
from pathlib import Path

from textual import on
from textual.app import App

from moderator.core import Clock, Meeting, SystemClock
from moderator.core.model import Agenda, Roster
from moderator.tui.live import Durable, EventStore, EventWriter, SessionLink
from moderator.tui.screens.rapporteur import RapporteurScreen

ROLE = "rapporteur"


class RapporteurApp(App[None]):
    """Notes only: every command it runs is a note command of the role "rapporteur"."""

    TITLE = "moderator notes"

    def __init__(self, meeting: Meeting, store: EventStore, writer: EventWriter) -> None:
        super().__init__()
        self.meeting, self.store, self.writer = meeting, store, writer
        self.link = SessionLink(meeting, store, writer, self)
        self.sub_title = "rapporteur"

    def on_mount(self) -> None:
        self.push_screen(RapporteurScreen(self.link))

    @on(Durable)
    def _durable(self, durable: Durable) -> None:
        self.link.recorded(durable)

    def on_unmount(self) -> None:
        for closing in (getattr(self.writer, "close", None), getattr(self.store, "close", None)):
            try:
                if closing is not None:
                    closing()
            except Exception as error:
                logging.getLogger(__name__).error("closing the store: %s", error)


def build_rapporteur_app(agenda: Agenda, roster: Roster, database: Path,
                         clock: Clock | None = None) -> RapporteurApp:
    """The rapporteur's console on `database`, caught up with everything recorded so far."""
    from moderator.store import MeetingStore, Writer

    store = MeetingStore.open(database, clock)
    meeting = Meeting(agenda, roster, clock or SystemClock(), role=ROLE)
    meeting.apply_all(store.read_new())
    return RapporteurApp(meeting, store, Writer(store))
