"""A note's revisions: every text it has had, who wrote it and when, newest first; Enter on an
older one makes it the note's text again, as a new revision (nothing is lost)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from moderator.core import Meeting
from moderator.core.clock import local
from moderator.core.notes import Note
from moderator.tui.keys import bindings
from moderator.tui.text import plain, sanitise


def versions(meeting: Meeting, note: Note) -> list[tuple[int, Text]]:
    """Each version of the note, newest first: its number, and when, by whom (the console's or
    the rapporteur link's name) and its text as typed."""
    zone = meeting.agenda.event.timezone
    out = []
    for version in reversed(note.versions()):
        shown = Text(f"Version {version.number}", style="bold")
        if version.current:
            shown.append("  (current)", "bold green")
        shown.append(f"  {local(version.at, zone):%Y-%m-%d %H:%M:%S}  by ", "dim")
        shown.append(sanitise(version.by), "bold")
        for line in version.text.strip().splitlines() or [""]:
            shown.append("\n  " + sanitise(line))
        out.append((version.number, shown))
    return out


def revisions(meeting: Meeting, note: Note) -> Text:
    """Every version of the note as one text, newest first."""
    return Text("\n\n").join(shown for _, shown in versions(meeting, note))


def where(meeting: Meeting, note: Note) -> Text:
    """The item and speaker the note is on."""
    found = meeting.agenda.find_item(note.item_id) if note.item_id else None
    line = plain(found[1].title if found else "No item", "italic")
    talk = meeting.intervention(note.intervention_id) if note.intervention_id else None
    if talk is not None:
        line.append(" · ")
        line.append_text(plain(meeting.label_of(talk)))
    return line


class NoteHistory(ModalScreen[int | None]):
    """Dismissed with the number of the version to make the note's text again, or None."""

    CSS_PATH = Path(__file__).with_name("note_history.tcss")
    BINDINGS = bindings("note_history")

    def __init__(self, meeting: Meeting, note: Note) -> None:
        super().__init__()
        self.meeting, self.note = meeting, note

    def compose(self) -> ComposeResult:
        count = len(self.note.history) + 1
        title = "Revisions of the note" + ("" if count > 1 else " (never edited)")
        options = [Option(shown, id=str(number))
                   for number, shown in versions(self.meeting, self.note)]
        with Vertical(id="history-dialog"):
            yield Static(Text(title, style="bold"), classes="title")
            yield Static(where(self.meeting, self.note), classes="where")
            yield OptionList(*options, id="revisions")
            hint = "Enter makes the chosen version the text again (a new revision) · " \
                if count > 1 else ""
            yield Static(Text(f"{hint}Escape closes", style="dim"), classes="hint")

    def on_mount(self) -> None:
        choices = self.query_one("#revisions", OptionList)
        # The version before the current one: the one most often wanted back.
        choices.highlighted = 1 if choices.option_count > 1 else 0
        choices.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, chosen: OptionList.OptionSelected) -> None:
        number = int(chosen.option.id or 0)
        if number == len(self.note.history) + 1:
            self.notify(f"Version {number} is the note's text already", severity="warning")
            return
        self.dismiss(number)
