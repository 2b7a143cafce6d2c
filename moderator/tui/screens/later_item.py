"""The `A` dialog: which later agenda item's list a request goes on (opened ahead of time)."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from moderator.core.model import Item
from moderator.tui.keys import bindings
from moderator.tui.text import sanitise


class LaterItem(ModalScreen[str | None]):
    """Dismisses with the chosen item's id, or None on Escape."""

    CSS_PATH = Path(__file__).with_name("decline.tcss")
    BINDINGS = bindings("later_item")

    def __init__(self, items: list[Item], waiting: dict[str, int]) -> None:
        super().__init__()
        self.items, self.waiting = items, waiting

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("A request on a later item's list", id="what")
            yield OptionList(*(Option(f"{sanitise(item.heading)}  ({self.waiting.get(item.id, 0)} "
                                      "waiting)", id=item.id) for item in self.items),
                             id="items")
            yield Label("Enter chooses · Escape cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
