"""Every key of the three consoles is in the README's key tables and texts."""

from __future__ import annotations

import re
from pathlib import Path

from moderator.tui.keys import SCOPES

README = Path(__file__).resolve().parents[2] / "README.md"
# Keys the README explains inside another key's row (the list of speakers' own keys).
EXPLAINED_WITHIN = {"up": "↑", "down": "↓", "shift+up": "shift+↑", "shift+down": "shift+↓",
                    "x": "`x`", "c": "`c`", "enter": "`Enter`"}
NAMES = {"question_mark": "?", "f1": "F1", "plus": "+", "minus": "-",
         "right_square_bracket": "]", "left_square_bracket": "[", "equals_sign": "=",
         "enter": "Enter", "escape": "Escape"}


def first_column(table: str) -> str:
    return " ".join(re.findall(r"^\| (.+?) \|", table, flags=re.M))


def keys_of(*scopes: str) -> list[str]:
    return [key for scope in scopes for action in SCOPES[scope].actions
            for key in action.keys.split(",")]


def sections() -> tuple[str, str, str]:
    """The moderator's part, the rapporteur's and the audience clock's."""
    keys = README.read_text().split("## Keys", 1)[1].split("\n## ", 1)[0]
    chair, rest = keys.split("The rapporteur's console", 1)
    rapporteur, clock = rest.split("The audience clock", 1)
    return chair, rapporteur, clock


def test_the_chairs_key_table_lists_every_key_of_the_console() -> None:
    table = first_column(sections()[0])
    for key in keys_of("app", "console", "requests"):
        assert f"`{NAMES.get(key, key)}`" in table, key
    for key in keys_of("speakers"):
        assert EXPLAINED_WITHIN[key] in sections()[0], key


def test_the_rapporteurs_text_names_every_key_of_its_console() -> None:
    text = sections()[1]
    for key in keys_of("rapporteur_app", "rapporteur", "note_editor", "notes"):
        assert f"`{NAMES.get(key, key)}`" in text, key


def test_the_clocks_text_names_every_key_of_the_clock() -> None:
    text = sections()[2]
    for key in keys_of("clock_app"):
        assert f"`{NAMES.get(key, key)}`" in text, key


def test_the_readme_says_f1_lists_the_keys_of_a_dialog() -> None:
    assert "`F1` lists the keys of the dialog" in " ".join(sections()[0].split())
