"""A note's revisions: every text it has had, who wrote it and when, newest first."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from moderator.core import Meeting
from moderator.core.clock import local
from moderator.core.notes import Note
from moderator.tui.keys import bindings
from moderator.tui.text import plain, sanitise


def revisions(meeting: Meeting, note: Note) -> Text:
    """Each version of the note: its number, when, by whom, and its text as typed."""
    # history[i] is a text that was replaced at history[i].at by history[i].role: the first
    # text was written at the note's creation by its author, each later one by who replaced.
    texts = [revision.text for revision in note.history] + [note.text]
    written = [(note.created_at, note.role)] + [(r.at, r.role) for r in note.history]
    out = Text()
    for number in range(len(texts), 0, -1):
        at, role = written[number - 1]
        head = Text(f"Version {number}", style="bold")
        if number == len(texts):
            head.append("  (current)", "bold green")
        head.append(f"  {local(at, meeting.agenda.event.timezone):%Y-%m-%d %H:%M:%S}  by the {role or 'unknown'}",
                    "dim")
        out.append_text(head)
        out.append("\n")
        for line in texts[number - 1].strip().splitlines() or [""]:
            out.append("  " + sanitise(line) + "\n")
        out.append("\n")
    return out


def where(meeting: Meeting, note: Note) -> Text:
    """The item and speaker the note is on."""
    found = meeting.agenda.find_item(note.item_id) if note.item_id else None
    line = plain(found[1].title if found else "No item", "italic")
    talk = meeting.intervention(note.intervention_id) if note.intervention_id else None
    if talk is not None:
        line.append(" · ")
        line.append_text(plain(meeting.label_of(talk)))
    return line


class NoteHistory(ModalScreen[None]):
    CSS_PATH = Path(__file__).with_name("note_history.tcss")
    BINDINGS = bindings("note_history")

    def __init__(self, meeting: Meeting, note: Note) -> None:
        super().__init__()
        self.meeting, self.note = meeting, note

    def compose(self) -> ComposeResult:
        count = len(self.note.history) + 1
        title = "Revisions of the note" + ("" if count > 1 else " (never edited)")
        with Vertical(id="history-dialog"):
            yield Static(Text(title, style="bold"), classes="title")
            yield Static(where(self.meeting, self.note), classes="where")
            with VerticalScroll(id="revisions"):
                yield Static(revisions(self.meeting, self.note))
            yield Static(Text("escape closes", style="dim"), classes="hint")
