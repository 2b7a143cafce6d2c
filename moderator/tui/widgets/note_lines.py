"""The lines every list of notes draws: a speaker's line and a note's, for the notes panel,
the rapporteur's list and the move dialog alike."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from moderator.core import Meeting
from moderator.core.clock import local
from moderator.core.notes import Note
from moderator.core.views import Intervention
from moderator.tui.text import CAUTION, GOOD, plain, sanitise


def speaker_line(meeting: Meeting, intervention: Intervention, now: datetime) -> Text:
    """`09:41  Türkiye  Statement`, with "speaking" (or "suspended") while it is in progress."""
    line = Text()
    line.append(f"{local(intervention.started_at, meeting.agenda.event.timezone):%H:%M}  ", "dim")
    line.append_text(plain(meeting.label_of(intervention), "bold"))
    line.append(f"  {intervention.kind.label}", "dim")
    if intervention.ended_at is None:
        suspended = meeting.suspended()
        line.append("  ")
        if suspended is not None and suspended.id == intervention.id:
            line.append("suspended", CAUTION)
        else:
            line.append("speaking", GOOD)
    return line


# A list shows the beginning of a long note: a pasted speech of 5,000 words measured and drawn
# in full took seconds on every save; the editor and the revisions show all of it.
PREVIEW_LINES = 6
PREVIEW_CHARACTERS = 480


def preview(text: str) -> tuple[list[str], int]:
    """The first lines of `text` (each sanitised) and the number of words left out."""
    lines = text.strip().splitlines() or [""]
    shown, room = [], PREVIEW_CHARACTERS
    for line in lines[:PREVIEW_LINES]:
        if room <= 0:
            break
        shown.append(line[:room])
        room -= len(line)
    left = len(text.split()) - len(" ".join(shown).split())
    return [sanitise(line) for line in shown], max(0, left)


def note_line(note: Note, *, undone: bool = False) -> Text:
    """A note on one line or more: its text as typed (never markup), then its tags."""
    lines, left = preview(note.text)
    text = Text("  • " + "\n    ".join(lines))
    if left:
        text.append(f" … ({left:,} more words)", "dim")
    if note.history:
        text.append("  (edited)", "dim")
    if undone:
        text.append("  (its intervention was undone)", "dim")
    return text
