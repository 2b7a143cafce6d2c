"""`?` / F1: every key that works on the screen under it, from the declarations its bindings
come from (moderator/tui/keys.py)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from moderator.tui.keys import HELP_SCREEN, Declared, bindings, declared_on, shown_keys


def keys_table(sections: Iterable[Declared]) -> Table:
    """This help's own keys, then each section: its keys, and those its fields handle."""
    table = Table(box=None, show_header=False, padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    rows = [(HELP_SCREEN, HELP_SCREEN.actions)]
    rows += [(s.keys, s.actions) for s in sections if s.keys is not HELP_SCREEN]
    for keys, actions in rows:
        table.add_row(Text(keys.title, style="underline"), Text(""))
        for action in actions:
            table.add_row(Text(shown_keys(action)), Text(action.help))
        for shown, what in keys.fields:
            table.add_row(Text(shown), Text(what))
    return table


class HelpScreen(ModalScreen[None]):
    CSS_PATH = Path(__file__).with_name("help.tcss")
    BINDINGS = bindings("help")

    def __init__(self, covered: Screen) -> None:
        super().__init__()
        self.covered = covered  # the screen whose keys it lists

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(keys_table(declared_on(self.covered)), id="keys")
