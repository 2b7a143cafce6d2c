"""The note editor: multi-line, saved with ctrl+s, its text kept as a draft every second.

The note shows as saved only once the store holds it; a draft left by a crash is offered back.
"""

from __future__ import annotations

import logging
from typing import Any

from textual.binding import Binding
from textual.message import Message
from textual.widgets import TextArea

from moderator.core.notes import Note
from moderator.store.drafts import DraftKeeper
from moderator.tui.live import SessionLink
from moderator.tui.widgets.status import local

# Well inside the promise that a crash loses at most 2 seconds of typing.
DRAFT_SECONDS = 1.0


class NoteEditor(TextArea):
    BINDINGS = [
        # Not a priority binding: it must come after the keys typed before it, in order.
        Binding("ctrl+s", "save", "Save note"),
        Binding("escape", "leave", "Leave editor"),
    ]

    class Left(Message):
        """Escape: the screen moves the focus elsewhere."""

    def __init__(self, link: SessionLink, draft_key: str, **kwargs: Any) -> None:
        super().__init__(soft_wrap=True, tab_behavior="focus", **kwargs)
        self.link = link
        self.draft_key = draft_key
        self.editing_note: Note | None = None
        self.keeper: DraftKeeper | None = None
        # While a save is on its way: events applied before it, its event ids (once decided), text.
        self._saving: tuple[int, set[str] | None, str] | None = None

    def on_mount(self) -> None:
        store = self.link.store
        if hasattr(store, "save_draft"):
            self.keeper = DraftKeeper(store)  # type: ignore[arg-type]
            recovered = self.keeper.recovered(self.draft_key)
            if recovered is not None and not self.text:
                self.load_text(recovered.text)
                self.app.notify("Unsaved text from the last run is back in the editor: ctrl+s "
                                "saves it, or clear it.", title="Draft recovered", timeout=8)
        self.set_interval(DRAFT_SECONDS, self.keep_draft)
        self.set_interval(0.05, self._check_saved)
        self._show_status("ctrl+s saves · escape leaves")

    def on_unmount(self) -> None:
        if self.keeper is not None:
            self.keep_draft()
            try:
                self.keeper.flush()
            except Exception as error:  # the draft is a safety net; closing goes on
                logging.getLogger(__name__).warning("draft not kept: %s", error)
            self.keeper.close()

    # A focus change is a natural pause in typing: keep the draft at once.
    def on_focus(self) -> None:
        self.keep_draft()

    def on_blur(self) -> None:
        self.keep_draft()

    def keep_draft(self) -> None:
        if self.keeper is not None and self.editing_note is None:
            self.keeper.keep(self.draft_key, self.text)

    def open_note(self, note: Note) -> bool:
        """Load an existing note for editing; False when unsaved text is in the way."""
        if self.text.strip() and self.editing_note is None:
            self.app.notify("Save or clear the note you are typing first.", severity="warning")
            return False
        self.editing_note = note
        self.load_text(note.text)
        self.border_title = "Editing a note"
        self.focus()
        return True

    def action_leave(self) -> None:
        if self.editing_note is not None:
            self.editing_note = None
            self.load_text("")
            self.border_title = "New note"
        self.post_message(self.Left())

    def action_save(self) -> None:
        text, editing = self.text, self.editing_note
        if not text.strip() or self._saving is not None:
            return
        meeting = self.link.meeting
        applied_before = len(meeting.events)

        def decide() -> list[dict]:
            events = meeting.edit_note(editing.id, text) if editing else meeting.add_note(text)
            self._saving = (applied_before, {e["id"] for e in events}, text)
            return events

        self._saving = (applied_before, None, text)
        self._show_status("saving…")
        self.link.run(decide)

    def _check_saved(self) -> None:
        if self._saving is None:
            return
        start, ids, text = self._saving
        applied = {e.get("id") for e in self.link.meeting.events[start:]}
        if ids is not None and ids and ids <= applied:
            self._saving = None
            self._saved(text)
        elif self.link.idle:
            self._saving = None
            # Refused, unchanged, or the store failed: the text stays in the editor.
            self._show_status("not saved" if ids else "nothing to save")

    def _saved(self, text: str) -> None:
        # Keep what was typed while the store was writing.
        rest = self.text[len(text):].lstrip() if self.text.startswith(text) else self.text
        if self.editing_note is not None:
            self.editing_note = None
            self.border_title = "New note"
        self.load_text(rest)
        self.move_cursor(self.document.end)
        if self.keeper is not None:
            if rest:
                self.keeper.keep(self.draft_key, rest)
            else:
                self.keeper.discard(self.draft_key)
        now = local(self.link.meeting, self.link.meeting.clock.now())
        self._show_status(f"saved {now:%H:%M:%S}")

    def _show_status(self, words: str) -> None:
        self.border_subtitle = words
