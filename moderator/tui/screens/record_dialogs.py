"""The official record's dialogs, the same in both consoles: documents and decisions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from moderator.core.documents import split_symbols, symbol_problem
from moderator.core.model import Roster
from moderator.core.search import match_names
from moderator.tui.keys import bindings
from moderator.tui.screens.typed_first import TypedBeforeFocus
from moderator.tui.text import sanitise

CSS = Path(__file__).with_name("record_dialogs.tcss")


class DocumentsDialog(TypedBeforeFocus, ModalScreen[list[str] | None]):
    FIRST_FIELD = "#symbols"
    """The documents a speaker circulated: the symbols attached by hand, editable in one line;
    those a `#doc` note names are shown and kept."""

    CSS_PATH = CSS
    BINDINGS = bindings("documents")

    def __init__(self, whose: str, attached: tuple[str, ...], noted: tuple[str, ...]) -> None:
        super().__init__()
        self.whose, self.attached, self.noted = whose, attached, noted

    def compose(self) -> ComposeResult:
        with Vertical(classes="record-dialog"):
            yield Label(f"Documents circulated by {sanitise(self.whose)}", classes="title")
            yield Input(", ".join(self.attached), placeholder="e.g. PC.DEL/447/12, PC.DEL/925/20 OSCE+",
                        id="symbols")
            if self.noted:
                yield Label(f"From notes (#doc): {sanitise(', '.join(self.noted))}", classes="hint")
            yield Label("", id="problem", classes="problem")
            yield Label("Symbols separated by commas · Enter saves · Escape cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#symbols", Input).focus()

    @on(Input.Submitted, "#symbols")
    def _save(self, submitted: Input.Submitted) -> None:
        symbols = split_symbols(submitted.value)
        problem = next((p for s in symbols if (p := symbol_problem(s))), None)
        if problem:  # the text stays as typed, with what is wrong
            self.query_one("#problem", Label).update(sanitise(problem))
            return
        self.dismiss(symbols)


@dataclass(frozen=True, slots=True)
class DecisionDraft:
    number: str
    symbol: str
    text: str
    statements: tuple[str, ...]  # delegation ids with an interpretative statement


class DecisionDialog(TypedBeforeFocus, ModalScreen[DecisionDraft | None]):
    FIRST_FIELD = "#number"
    """A decision adopted under the item, and who attached an interpretative statement."""

    CSS_PATH = CSS
    BINDINGS = bindings("decision")

    def __init__(self, roster: Roster, item_title: str) -> None:
        super().__init__()
        self.roster, self.item_title = roster, item_title

    def compose(self) -> ComposeResult:
        with Vertical(classes="record-dialog"):
            yield Label(f"Decision adopted under “{sanitise(self.item_title)}”", classes="title")
            yield Input(placeholder="number, e.g. 1041", id="number")
            yield Input(placeholder="symbol, e.g. PC.DEC/1041", id="symbol")
            yield Input(placeholder="on what, e.g. on the dates of the 2027 Annual Security Review "
                        "Conference", id="text")
            yield Input(placeholder="interpretative statements by, e.g. RU, US", id="statements")
            yield Label("", id="problem", classes="problem")
            yield Label("Tab moves · Enter records · Escape cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#number", Input).focus()

    @on(Input.Submitted)
    def _save(self) -> None:
        values = {name: self.query_one(f"#{name}", Input).value.strip()
                  for name in ("number", "symbol", "text", "statements")}
        if not (values["number"] or values["symbol"] or values["text"]):
            self.query_one("#problem", Label).update("Give the decision's number, symbol or subject")
            return
        statements = []
        for name in filter(None, (p.strip() for p in values["statements"].split(","))):
            found = [m for m in match_names(self.roster, name) if m.kind == "delegation"]
            if not found:
                self.query_one("#problem", Label).update(f"No delegation matches “{sanitise(name)}”")
                return
            statements.append(found[0].ref)
        self.dismiss(DecisionDraft(values["number"], values["symbol"], values["text"],
                                   tuple(statements)))
