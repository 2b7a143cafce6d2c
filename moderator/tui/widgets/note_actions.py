"""What the keys of a notes list do (edit, move, delete, restore, revisions), for every screen
that lists notes.

One piece of code: the console's notes panel and the rapporteur's console both hand their
`ItemNotes.Chosen` messages to a `NoteActions`. This module imports neither list (they import
it); what it needs of them is said by `Chosen` and `Listed`.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Protocol

from textual.app import App

from moderator.tui.live import SessionLink
from moderator.tui.screens.move_note import MoveNote, Target
from moderator.tui.screens.note_history import NoteHistory
from moderator.tui.text import sanitise
from moderator.tui.widgets.note_editor import NoteEditor


class NoteChoice(Enum):
    """What a key of a notes list asks for (`ItemNotes.Chosen.what`)."""

    EDIT = "edit"
    MOVE = "move"
    DELETE = "delete"
    RESTORE = "restore"  # the note deleted last: needs no highlighted note
    REVISIONS = "revisions"


class Chosen(Protocol):
    """A key of a notes list pressed on a note (`ItemNotes.Chosen`)."""

    what: NoteChoice
    note_id: str | None


class Listed(Protocol):
    """A list of notes (`ItemNotes`): it can show a note again, selected."""

    def reveal(self, note_id: str) -> None: ...


class NoteActions:
    """Edit opens the note in the editor, move asks where to, delete is soft, restore undoes it."""

    def __init__(self, link: SessionLink, app: App, editor: Callable[[], NoteEditor],
                 notes: Callable[[], Listed]) -> None:
        self.link, self.app, self._editor, self._notes = link, app, editor, notes
        self.deleted: list[str] = []  # for restore, most recent last

    def typed(self, text: str) -> None:
        """What was typed in the list goes on in the editor, where the rapporteur meant it."""
        editor = self._editor()
        editor.focus()
        editor.move_cursor(editor.document.end)
        editor.type_in(text)

    def chosen(self, chosen: Chosen) -> None:
        meeting = self.link.meeting
        if chosen.what is NoteChoice.RESTORE:
            self._restore()
            return
        note = meeting.note(chosen.note_id) if chosen.note_id else None
        if note is None:
            self.app.notify("Choose a note first (↑ ↓).", severity="warning")
            return
        match chosen.what:
            case NoteChoice.EDIT:
                self._editor().open_note(note)
            case NoteChoice.REVISIONS:
                self.app.push_screen(NoteHistory(meeting, note),
                                     lambda version: self._restore_version(note.id, version))
            case NoteChoice.DELETE:
                self.deleted.append(note.id)
                self.link.run(lambda: meeting.delete_note(note.id))
                self.app.notify(f"Deleted: {sanitise(note.title)[:40]} — ctrl+u in the list of "
                                "notes restores it", markup=False)
            case NoteChoice.MOVE:
                self.app.push_screen(MoveNote(meeting, note), self._move)

    def _restore_version(self, note_id: str, version: int | None) -> None:
        if version is not None:
            self.link.run(lambda: self.link.meeting.restore_revision(note_id, version),
                          on_recorded=lambda events, error: self._restored_version(
                              note_id, version, error))

    def _restored_version(self, note_id: str, version: int, error: BaseException | None) -> None:
        if error is None:
            self.app.notify(f"Version {version} is the note's text again (the text it "
                            "replaced is kept as a revision)", markup=False)
            self._notes().reveal(note_id)

    def _restore(self) -> None:
        if not self.deleted:
            self.app.notify("No deleted note to restore.", severity="warning")
            return
        note_id = self.deleted.pop()
        self.link.run(lambda: self.link.meeting.restore_note(note_id),
                      on_recorded=lambda events, error: self._restored(note_id, error))

    def _restored(self, note_id: str, error: BaseException | None) -> None:
        if error is None:
            self._notes().reveal(note_id)  # the restored note is selected again, in view

    def _move(self, target: Target | None) -> None:
        if target is not None:
            note_id, intervention_id, item_id = target
            self.link.run(lambda: self.link.meeting.move_note(note_id, intervention_id, item_id))
