"""The `m` dialog: a message to the podium ("Please conclude", "One minute", or free text).

Enter on typed text sends it; with nothing typed, Enter sends the highlighted choice, and with
a message on the podium the first choice clears it. Escape cancels.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from moderator.core.podium import MAX_LENGTH, PRESETS
from moderator.tui.keys import bindings
from moderator.tui.screens.typed_first import TypedBeforeFocus
from moderator.tui.text import plain

CLEAR = "clear"


@dataclass(frozen=True, slots=True)
class PodiumChoice:
    text: str | None  # None: clear the message


class PodiumMessageDialog(TypedBeforeFocus, ModalScreen[PodiumChoice | None]):
    FIRST_FIELD = "#text"
    CSS_PATH = Path(__file__).with_name("podium_message.tcss")
    BINDINGS = bindings("podium_message")

    def __init__(self, shown: str | None) -> None:
        super().__init__()
        self.shown = shown

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            title = Text("Message to the podium")
            if self.shown:
                title.append("  (shown now: ", "dim")
                title.append_text(plain(self.shown, "bold"))
                title.append(")", "dim")
            yield Label(title)
            yield Input(placeholder="type a message, or choose one below", id="text",
                        max_length=MAX_LENGTH)
            choices = OptionList(id="choices")
            choices.can_focus = False  # up/down reach it from the text
            if self.shown:
                choices.add_option(Option(Text("Clear the message from the podium",
                                               style="bold"), id=CLEAR))
            for index, preset in enumerate(PRESETS):
                choices.add_option(Option(preset, id=f"preset-{index}"))
            yield choices
            yield Label("Enter sends · ↑↓ choose · Escape cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#choices", OptionList).highlighted = 0
        self.query_one("#text", Input).focus()

    def action_highlight(self, step: int) -> None:
        choices = self.query_one("#choices", OptionList)
        current = choices.highlighted or 0
        choices.highlighted = max(0, min(choices.option_count - 1, current + step))

    @on(Input.Submitted)
    @on(OptionList.OptionSelected)
    def _send(self) -> None:
        typed = self.query_one("#text", Input).value.strip()
        if typed:
            self.dismiss(PodiumChoice(typed))
            return
        chosen = self.query_one("#choices", OptionList).highlighted_option
        if chosen is None:
            return
        if chosen.id == CLEAR:
            self.dismiss(PodiumChoice(None))
        else:
            self.dismiss(PodiumChoice(PRESETS[int(chosen.id.removeprefix("preset-"))]))
