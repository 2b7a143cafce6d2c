"""`?` / F1: every key of the console, from the same declarations as the bindings."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from moderator.tui.commands import ACTIONS, shown_keys

WHERE = {"app": "Everywhere", "console": "Console", "speakers": "List of speakers (focused)",
         "rapporteur": "Rapporteur's console", "notes": "List of notes (focused)"}


def keys_table() -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for scope, title in WHERE.items():
        table.add_row(Text(title, style="underline"), Text(""))
        for action in ACTIONS:
            if action.scope == scope:
                table.add_row(Text(shown_keys(action)), Text(action.help))
    table.add_row(Text(""), Text(""))
    table.add_row(Text("ctrl+p"), Text("Command palette: every action by name"))
    table.add_row(Text("ctrl+q"), Text("Quit (everything is already saved)"))
    return table


class HelpScreen(ModalScreen[None]):
    CSS_PATH = Path(__file__).with_name("help.tcss")
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(keys_table())
