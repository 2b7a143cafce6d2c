"""`]` at the last item of a day: adjourn the meeting until the next day's first session (Enter),
or until a day and time typed, or open that first item now without adjourning (F2)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from moderator.core import Refused
from moderator.core.adjournment import DayEnd
from moderator.core.moments import long_day
from moderator.tui.keys import bindings
from moderator.tui.screens.typed_first import TypedBeforeFocus
from moderator.tui.text import plain
from moderator.tui.widgets.problem import ProblemLine


@dataclass(frozen=True, slots=True)
class DayChoice:
    until: datetime | None  # adjourn until then; None: open the next item, not adjourning


class AdjournDialog(TypedBeforeFocus, ModalScreen[DayChoice | None]):
    CSS_PATH = Path(__file__).with_name("adjourn.tcss")
    BINDINGS = bindings("adjourn")

    def __init__(self, ending: DayEnd, last: str | None, losses: list[str], until_words: str,
                 read: Callable[[str], datetime]) -> None:
        super().__init__()
        self.ending, self.last, self.losses = ending, last, losses
        self.until_words, self.read = until_words, read

    def compose(self) -> ComposeResult:
        ending = self.ending
        with Vertical(id="dialog"):
            yield Label(Text(f"The end of {long_day(ending.day)}", style="bold"))
            if self.last:
                yield Label(plain(f"“{self.last}” is the last item of the day."))
            if self.losses:
                lost = plain("Adjourning ends this: " + "; ".join(self.losses), "italic")
                yield Static(lost, id="losses")
            said = Text("Enter adjourns the meeting until ")
            said.append(self.until_words, "bold")
            said.append_text(plain(f" (“{ending.title}”)"))
            yield Static(said, id="until-words")
            yield Input(id="until", placeholder="or type a day and time: Friday 10:00")
            yield ProblemLine(id="problem")
            opens = plain(f"F2 opens “{ending.title}” now, without adjourning", "dim")
            yield Static(opens, classes="hint")
            yield Label("Escape cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def action_open_next(self) -> None:
        self.dismiss(DayChoice(None))

    @on(Input.Submitted)
    def _adjourn(self, event: Input.Submitted) -> None:
        typed = event.value.strip()
        if not typed:
            self.dismiss(DayChoice(self.ending.until))
            return
        try:
            until = self.read(typed)
        except Refused as refused:
            self.query_one(ProblemLine).say(str(refused))
            return
        self.dismiss(DayChoice(until))
