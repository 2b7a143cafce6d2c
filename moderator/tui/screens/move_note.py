"""Choosing where a note belongs: an intervention of any item, or an item as a whole.

The dialog shows the note it moves and where it is now; every item with its session (six
sessions each have their "Discussion"), the interventions under it; typing filters by the
item's, the session's or the speaker's words (accents and case aside).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from moderator.core import Meeting
from moderator.core.notes import Note
from moderator.core.search import search_key
from moderator.tui.keys import bindings
from moderator.tui.screens.note_history import where
from moderator.tui.screens.typed_first import TypedBeforeFocus
from moderator.tui.text import plain
from moderator.tui.widgets.note_lines import preview, speaker_line

WHOLE_ITEM = "-whole-item:"  # followed by the item's id


class Target(NamedTuple):
    """Where the chosen note goes."""

    note_id: str
    intervention_id: str | None  # None: the item as a whole
    item_id: str | None


@dataclass(frozen=True, slots=True)
class _Place:
    """One line of the dialog: an item as a whole, or an intervention under it."""

    option_id: str
    item_id: str
    shown: Text
    words: str  # what the filter matches: the item, its session, the speaker


def places(meeting: Meeting, now: datetime) -> list[_Place]:
    """Every item of the meeting, with its session, each followed by its interventions."""
    spoken: dict[str, list] = {}
    for talk in meeting.log():
        spoken.setdefault(talk.item_id, []).append(talk)
    found: list[_Place] = []
    for session, item in meeting.agenda.items():
        # The item first, then its session, cut (never wrapped) where the line ends: six
        # sessions each have their "Discussion".
        head = plain(item.heading, "bold")
        head.append("  (the item as a whole)", "italic")
        head.append_text(plain(f"  ·  {session.title}", "dim"))
        words = f"{item.heading} {session.title}"
        found.append(_Place(f"{WHOLE_ITEM}{item.id}", item.id, head, search_key(words)))
        for talk in spoken.get(item.id, []):
            line = Text("    ")
            line.append_text(speaker_line(meeting, talk, now))
            found.append(_Place(talk.id, item.id, line,
                                search_key(f"{words} {meeting.label_of(talk)}")))
    return found


class MoveNote(TypedBeforeFocus, ModalScreen[Target | None]):
    FIRST_FIELD = "#filter"
    """The note, where it is, and every place it can go; typing filters them."""

    CSS_PATH = Path(__file__).with_name("move_note.tcss")
    BINDINGS = bindings("move_note")

    def __init__(self, meeting: Meeting, note: Note) -> None:
        super().__init__()
        self.meeting, self.note = meeting, note
        self._places = places(meeting, meeting.now())

    def compose(self) -> ComposeResult:
        lines, left = preview(self.note.text)
        moving = Text("Move the note “", style="bold")
        moving.append(lines[0][:60] + ("…" if len(lines[0]) > 60 or len(lines) > 1 or left
                                        else ""))
        moving.append("”")
        now_on = Text("now on: ", style="dim")
        now_on.append_text(where(self.meeting, self.note))
        with Vertical(id="move-dialog"):
            yield Static(moving, classes="title")
            yield Static(now_on, id="now-on")
            yield Input(placeholder="type to filter: item, session or speaker", id="filter")
            yield OptionList(id="targets")
            yield Static("Enter moves it there · ↑↓ choose · Escape cancels", classes="hint")

    def on_mount(self) -> None:
        targets = self.query_one("#targets", OptionList)
        targets.can_focus = False  # ↑↓ reach it from the filter
        self._show("")
        self.query_one("#filter", Input).focus()

    def _show(self, typed: str) -> None:
        words = search_key(typed).split()
        shown = [p for p in self._places if all(w in p.words for w in words)]
        targets = self.query_one("#targets", OptionList)
        targets.clear_options()
        targets.add_options([Option(p.shown, id=p.option_id) for p in shown])
        if not shown:
            targets.add_option(Option(Text("Nothing matches", style="dim"), disabled=True))
            return
        # The note's item as a whole, while it is listed (its interventions just below);
        # else the first place that matches.
        targets.highlighted = next((i for i, p in enumerate(shown)
                                    if p.option_id == f"{WHOLE_ITEM}{self.note.item_id}"), 0)

    @on(Input.Changed, "#filter")
    def _filter(self, changed: Input.Changed) -> None:
        self._show(changed.value)

    def action_highlight(self, step: int) -> None:
        targets = self.query_one("#targets", OptionList)
        if targets.option_count:
            current = targets.highlighted or 0
            targets.highlighted = max(0, min(targets.option_count - 1, current + step))

    @on(Input.Submitted, "#filter")
    def _submitted(self) -> None:
        chosen = self.query_one("#targets", OptionList).highlighted_option
        if chosen is not None and chosen.id is not None:
            self._move(chosen.id)

    @on(OptionList.OptionSelected)
    def _selected(self, selected: OptionList.OptionSelected) -> None:
        if selected.option.id is not None:
            self._move(selected.option.id)

    def _move(self, chosen: str) -> None:
        item_id = next((p.item_id for p in self._places if p.option_id == chosen),
                       self.note.item_id)
        intervention = None if chosen.startswith(WHOLE_ITEM) else chosen
        self.dismiss(Target(self.note.id, intervention, item_id))
