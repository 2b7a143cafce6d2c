"""Choosing where a note belongs: an intervention of its item, or the item as a whole."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from moderator.core import Meeting
from moderator.core.notes import Note
from moderator.tui.widgets.notes_panel import speaker_line

WHOLE_ITEM = "-whole-item"
# (note id, intervention id or None, item id)
Target = tuple[str, str | None, str | None]


class MoveNote(ModalScreen[Target | None]):
    CSS_PATH = Path(__file__).with_name("move_note.tcss")
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, meeting: Meeting, note: Note) -> None:
        super().__init__()
        self.meeting, self.note = meeting, note

    def compose(self) -> ComposeResult:
        now = self.meeting.now()
        options = [Option(Text("The item as a whole", style="italic"), id=WHOLE_ITEM)]
        item_id = self.note.item_id
        for talk in self.meeting.log(item_id) if item_id else []:
            options.append(Option(speaker_line(self.meeting, talk, now), id=talk.id))
        with Vertical(id="move-dialog"):
            yield Static("Move the note to…", classes="title")
            yield OptionList(*options, id="targets")

    @on(OptionList.OptionSelected)
    def _selected(self, selected: OptionList.OptionSelected) -> None:
        chosen = selected.option.id
        intervention = None if chosen == WHOLE_ITEM else chosen
        self.dismiss((self.note.id, intervention, self.note.item_id))
