"""The `=` and `i` dialog: a time limit typed as minutes ("3"), m:ss ("2:30") or seconds ("90s")."""

from __future__ import annotations

import re
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from moderator.tui.keys import bindings
from moderator.tui.screens.typed_first import TypedBeforeFocus
from moderator.tui.text import clock_face

_TIME = re.compile(r"^\s*(?:(\d{1,3}):([0-5]\d)|(\d{1,3}(?:[.,]\d+)?)\s*(m|min)?|(\d{1,5})\s*s)\s*$")


def parse_limit(text: str) -> int | None:
    """Seconds for "3" (minutes), "2:30", "2.5", "90s"; None when it is not a time."""
    found = _TIME.match(text.lower())
    if found is None:
        return None
    minutes, seconds, decimal, _, only_seconds = found.groups()
    if minutes is not None:
        total = int(minutes) * 60 + int(seconds)
    elif decimal is not None:
        total = round(float(decimal.replace(",", ".")) * 60)
    else:
        total = int(only_seconds)
    return total if total > 0 else None


class SetLimit(TypedBeforeFocus, ModalScreen[int | None]):
    """Asks for a limit; dismisses with the seconds, or None on Escape."""

    CSS_PATH = Path(__file__).with_name("set_limit.tcss")
    BINDINGS = bindings("set_limit")

    def __init__(self, what: str, current: int) -> None:
        super().__init__()
        self.what, self.current = what, current

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.what, id="what", markup=False)
            yield Input(value=clock_face(self.current), id="limit",
                        placeholder="minutes (3), m:ss (2:30) or seconds (90s)")
            yield Label("Enter sets it · Escape cancels · e.g. 3, 2:30 or 90s",
                        classes="hint")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.focus()
        field.select_all()

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        seconds = parse_limit(event.value)
        if seconds is None:
            self.notify(f"“{event.value}” is not a time: type 3, 2:30 or 90s",
                        severity="warning", markup=False)
            return
        self.dismiss(seconds)
