"""The dialog of a time the meeting resumes: `=` during a break or a suspension, `p` when
suspending. The time is typed as the chair says it ("15:00", "Friday 09:30", "20" minutes from
now) and read by the core (`core/moments.py`); a typo is said in the dialog, never lost."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from moderator.core import Refused
from moderator.tui.keys import bindings
from moderator.tui.screens.typed_first import TypedBeforeFocus
from moderator.tui.widgets.problem import ProblemLine


@dataclass(frozen=True, slots=True)
class TimeChosen:
    moment: datetime | None  # None: no time (the field was left empty, where that is allowed)


class SetTime(TypedBeforeFocus, ModalScreen[TimeChosen | None]):
    """Asks for a time; dismisses with it (or with no time, if `optional`), None on Escape."""

    CSS_PATH = Path(__file__).with_name("set_limit.tcss")
    BINDINGS = bindings("set_time")

    def __init__(self, what: str, read: Callable[[str], datetime], *, value: str = "",
                 optional: bool = False, hint: str = "") -> None:
        super().__init__()
        self.what, self.read, self.value, self.optional = what, read, value, optional
        self.hint = hint or ("Enter sets it · Escape cancels · e.g. 15:00, Friday 09:30, or "
                             "20 (minutes from now)")

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.what, id="what", markup=False)
            yield Input(value=self.value, id="time",
                        placeholder="15:00, Friday 09:30, or minutes from now (20)")
            yield ProblemLine(id="problem")
            yield Label(self.hint, classes="hint", markup=False)

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.focus()
        field.select_all()

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        if not event.value.strip() and self.optional:
            self.dismiss(TimeChosen(None))
            return
        try:
            moment = self.read(event.value)
        except Refused as refused:
            # Said here, where it is corrected: the text typed stays.
            self.query_one(ProblemLine).say(str(refused))
            return
        self.dismiss(TimeChosen(moment))
