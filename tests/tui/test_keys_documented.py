"""Every key of the console is in the README's key table and on the help screen."""

from __future__ import annotations

import io
import re
from pathlib import Path

from rich.console import Console

from moderator.tui.commands import ACTIONS, shown_keys
from moderator.tui.screens.help import keys_table

README = Path(__file__).resolve().parents[2] / "README.md"
# Keys the README explains inside another key's row (the list of speakers' own keys).
EXPLAINED_WITHIN = {"up": "↑", "down": "↓", "shift+up": "shift+↑", "shift+down": "shift+↓",
                    "x": "`x`", "enter": "`Enter`"}


def first_column(table: str) -> str:
    return " ".join(re.findall(r"^\| (.+?) \|", table, flags=re.M))


def test_the_readme_key_table_lists_every_key() -> None:
    keys = README.read_text().split("## Keys", 1)[1]
    # The moderator's table, then the rapporteur's (the list of notes has its own keys).
    table, rapporteur = keys.split("The rapporteur's console", 1)
    rapporteur = rapporteur.split("The audience clock", 1)[0]
    names = {"question_mark": "?", "f1": "F1", "plus": "+", "minus": "-",
             "right_square_bracket": "]", "left_square_bracket": "[", "equals_sign": "=",
             "enter": "Enter"}
    for action in ACTIONS:
        for key in action.keys.split(","):
            if action.scope == "notes":
                assert f"`{names.get(key, key)}`" in first_column(rapporteur), key
            elif key in EXPLAINED_WITHIN:
                assert EXPLAINED_WITHIN[key] in table, key
            else:
                assert f"`{names.get(key, key)}`" in first_column(table), key


def test_the_help_screen_lists_every_action() -> None:
    console = Console(width=140, record=True, file=io.StringIO())
    console.print(keys_table())
    text = console.export_text()
    for action in ACTIONS:
        assert action.help in text and shown_keys(action) in text
