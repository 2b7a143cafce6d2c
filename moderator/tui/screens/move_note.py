"""Choosing where a note belongs: an intervention of its item, or the item as a whole."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from moderator.core import Meeting
from moderator.core.notes import Note
from moderator.tui.keys import bindings
from moderator.tui.text import plain
from moderator.tui.widgets.note_lines import speaker_line

WHOLE_ITEM = "-whole-item:"  # followed by the item's id


class Target(NamedTuple):
    """Where the chosen note goes."""

    note_id: str
    intervention_id: str | None  # None: the item as a whole
    item_id: str | None


class MoveNote(ModalScreen[Target | None]):
    """Every item of the meeting as a whole, and every intervention under its item."""

    CSS_PATH = Path(__file__).with_name("move_note.tcss")
    BINDINGS = bindings("move_note")

    def __init__(self, meeting: Meeting, note: Note) -> None:
        super().__init__()
        self.meeting, self.note = meeting, note
        self._items: dict[str, str] = {}  # option id -> item id

    def compose(self) -> ComposeResult:
        now = self.meeting.now()
        options: list[Option] = []
        spoken: dict[str, list] = {}
        for talk in self.meeting.log():
            spoken.setdefault(talk.item_id, []).append(talk)
        highlight = 0
        for _, item in self.meeting.agenda.items():
            talks = spoken.get(item.id, [])
            if item.id == self.note.item_id:
                highlight = len(options)
            option_id = f"{WHOLE_ITEM}{item.id}"
            self._items[option_id] = item.id
            head = plain(item.title, "bold")
            head.append("  (the item as a whole)", "italic")
            options.append(Option(head, id=option_id))
            for talk in talks:
                line = Text("    ")
                line.append_text(speaker_line(self.meeting, talk, now))
                options.append(Option(line, id=talk.id))
                self._items[talk.id] = item.id
        with Vertical(id="move-dialog"):
            yield Static("Move the note to… (any item or intervention of the meeting)",
                         classes="title")
            targets = OptionList(*options, id="targets")
            targets.highlighted = highlight if options else None
            yield targets

    @on(OptionList.OptionSelected)
    def _selected(self, selected: OptionList.OptionSelected) -> None:
        chosen = selected.option.id or ""
        item_id = self._items.get(chosen, self.note.item_id)
        intervention = None if chosen.startswith(WHOLE_ITEM) else chosen
        self.dismiss(Target(self.note.id, intervention, item_id))
