"""The `w` dialog: the reason the chair declines a request, shown on the delegation's phone."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from moderator.core.delegation_requests import MAX_REASON
from moderator.tui.keys import bindings
from moderator.tui.screens.typed_first import TypedBeforeFocus


class DeclineRequest(TypedBeforeFocus, ModalScreen[str | None]):
    """Asks for the reason; dismisses with it ("" for none), or None on Escape."""

    CSS_PATH = Path(__file__).with_name("decline.tcss")
    BINDINGS = bindings("decline")

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.what, id="what", markup=False)
            yield Input(id="reason", max_length=MAX_REASON,
                        placeholder="the reason the delegation reads (may be left empty)")
            yield Label("Enter declines it · Escape cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)
