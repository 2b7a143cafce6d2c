"""A note changed on another console while it was being edited here: both texts, and the
rapporteur's choice (keep mine, take theirs, merge by hand). Nothing is saved over a text its
author did not see."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from moderator.core.notes import EditConflict
from moderator.tui.keys import bindings
from moderator.tui.text import sanitise


class Resolution(Enum):
    """What the rapporteur chose (`NoteConflict`'s result; None: decide later)."""

    KEEP_MINE = "keep mine"  # saved over theirs, on their revision: they saw it, now I have
    TAKE_THEIRS = "take theirs"  # mine is dropped
    MERGE = "merge"  # both texts in the editor, to be merged by hand and saved


def texts(words: str, text: str) -> Text:
    out = Text()
    out.append(words + "\n", "bold")
    for line in text.splitlines() or [""]:
        out.append(sanitise(line) + "\n")
    return out


class NoteConflict(ModalScreen[Resolution | None]):
    CSS_PATH = Path(__file__).with_name("note_conflict.tcss")
    BINDINGS = bindings("note_conflict")

    def __init__(self, conflict: EditConflict) -> None:
        super().__init__()
        self.conflict = conflict

    def compose(self) -> ComposeResult:
        conflict = self.conflict
        with Vertical(id="conflict-dialog"):
            yield Static(Text(f"Meanwhile {sanitise(conflict.by)} changed this note",
                              style="bold"), classes="title")
            with Horizontal(id="both"):
                with VerticalScroll(classes="text"):
                    yield Static(texts("Yours (not saved)", conflict.mine))
                with VerticalScroll(classes="text"):
                    yield Static(texts(f"{sanitise(conflict.by)}'s (saved)", conflict.theirs))
            yield Static(Text("k keep yours · t take theirs · m merge by hand · escape "
                              "decide later (yours stays in the editor)", style="dim"),
                         classes="hint")

    def action_keep_mine(self) -> None:
        self.dismiss(Resolution.KEEP_MINE)

    def action_take_theirs(self) -> None:
        self.dismiss(Resolution.TAKE_THEIRS)

    def action_merge(self) -> None:
        self.dismiss(Resolution.MERGE)
