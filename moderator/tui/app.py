"""A minimal console: the event's title and its agenda (the full console replaces it)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from moderator.core.model import Agenda, Roster


def agenda_lines(agenda: Agenda, roster: Roster) -> list[str]:
    """The agenda as plain lines: each session with its time and its items."""
    lines: list[str] = []
    for session in agenda.sessions:
        when = f"{session.date:%a %d %b}  {session.start:%H:%M}-{session.end:%H:%M}"
        lines.append(f"{when}  {session.title}")
        if session.moderator:
            lines.append(f"    Moderator: {roster.name_of(session.moderator)}")
        for item in session.items:
            lines.append(f"    {item.minutes:>3} min  {item.title}")
    return lines


class MeetingApp(App[None]):
    """Shows the meeting it was opened on; names are plain text, never markup."""

    TITLE = "moderator"

    def __init__(self, agenda: Agenda, roster: Roster, database: Path | None = None) -> None:
        super().__init__()
        self.agenda = agenda
        self.roster = roster
        self.database = database
        self.sub_title = agenda.event.venue

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static(self.agenda.event.title, id="event-title", markup=False)
            yield Static(
                "\n".join(agenda_lines(self.agenda, self.roster)), id="agenda", markup=False
            )
        yield Footer()
