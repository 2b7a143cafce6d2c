"""Decisions adopted under an item and the interpretative statements attached to them.

"Decision: The Permanent Council adopted Decision No. 1041 (PC.DEC/1041) on ..., the text of
which is appended to this journal." then "Russian Federation (interpretative statement, see
attachment to the decision)". Recorded by the chair or the rapporteur; not floor actions.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import ClassVar
from uuid import uuid4

from moderator.core.actions import Refused, refuse_invalid_text
from moderator.core.context import MeetingContext
from moderator.core.documents import symbol_problem
from moderator.core.events import Event, renamed, stamped
from moderator.core.fold import FoldContext, folds
from moderator.core.state import MeetingState


@dataclass(frozen=True, slots=True)
class DecisionAdopted(Event):
    """Version 2: `item_id` and `session_id` (version 1 wrote `item` and `session`)."""

    TYPE: ClassVar[str] = "decision.adopted"
    VERSION: ClassVar[int] = 2
    UPCASTS: ClassVar = {1: renamed(item="item_id", session="session_id")}
    decision: str
    item_id: str
    session_id: str | None = None
    number: str = ""
    symbol: str = ""
    text: str = ""


@dataclass(frozen=True, slots=True)
class DecisionRemoved(Event):
    TYPE: ClassVar[str] = "decision.removed"
    decision: str


@dataclass(frozen=True, slots=True)
class StatementAttached(Event):
    """An interpretative statement by `who` (a delegation), perhaps for a group."""

    TYPE: ClassVar[str] = "decision.statement_attached"
    decision: str
    statement: str
    who: str
    on_behalf: str | None = None


@dataclass(frozen=True, slots=True)
class StatementRemoved(Event):
    TYPE: ClassVar[str] = "decision.statement_removed"
    decision: str
    statement: str


DECISION_ADOPTED = DecisionAdopted.TYPE
DECISION_REMOVED = DecisionRemoved.TYPE
STATEMENT_ATTACHED = StatementAttached.TYPE
STATEMENT_REMOVED = StatementRemoved.TYPE
MAX_DECISION_TEXT = 2000


@dataclass(frozen=True, slots=True)
class InterpretativeStatement:
    id: str
    who: str  # a delegation id
    on_behalf: str | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    id: str
    item_id: str
    session_id: str | None
    number: str  # "1041"; may be empty
    symbol: str  # "PC.DEC/1041"; may be empty
    text: str  # what it is on: "on the extension of the mandate of ..."
    adopted_at: datetime
    statements: tuple[InterpretativeStatement, ...] = ()
    removed: bool = False


@dataclass(slots=True)
class DecisionBook:
    by_id: dict[str, Decision] = field(default_factory=dict)  # in order of adoption

    def checkpoint(self) -> DecisionBook:
        return DecisionBook(dict(self.by_id))  # decisions are frozen


def book_of(state: MeetingState) -> DecisionBook:
    """The record in the state, made on first use (by the fold only: views use `read_decisions`)."""
    found = state.extensions.get("decisions")
    if found is None:
        found = state.extensions["decisions"] = DecisionBook()
    return found


@folds(DecisionAdopted, undoable=False)
def _adopted(context: FoldContext, state: MeetingState, event: DecisionAdopted,
             at: datetime) -> None:
    book = book_of(state)
    if event.decision in book.by_id or context.agenda.find_item(event.item_id) is None:
        return
    book.by_id[event.decision] = Decision(
        id=event.decision, item_id=event.item_id, session_id=event.session_id,
        number=str(event.number or ""), symbol=str(event.symbol or ""),
        text=str(event.text or ""), adopted_at=at,
    )


@folds(DecisionRemoved, undoable=False)
def _removed(context: FoldContext, state: MeetingState, event: DecisionRemoved,
             at: datetime) -> None:
    book = book_of(state)
    if (decision := book.by_id.get(event.decision)) is not None:
        book.by_id[decision.id] = replace(decision, removed=True)


@folds(StatementAttached, undoable=False)
def _statement(context: FoldContext, state: MeetingState, event: StatementAttached,
               at: datetime) -> None:
    book = book_of(state)
    decision = book.by_id.get(event.decision)
    if decision is None or any(s.id == event.statement for s in decision.statements):
        return
    statement = InterpretativeStatement(event.statement, str(event.who), event.on_behalf)
    book.by_id[decision.id] = replace(decision, statements=(*decision.statements, statement))


@folds(StatementRemoved, undoable=False)
def _statement_removed(context: FoldContext, state: MeetingState, event: StatementRemoved,
                       at: datetime) -> None:
    book = book_of(state)
    if (decision := book.by_id.get(event.decision)) is not None:
        kept = tuple(s for s in decision.statements if s.id != event.statement)
        book.by_id[decision.id] = replace(decision, statements=kept)


def read_decisions(state: MeetingState) -> DecisionBook:
    """The record for reading: commands and views never add it to the state."""
    return state.extensions.get("decisions") or DecisionBook()


class Decisions:
    """Decisions adopted under an item (the current, else the last one), with the
    interpretative statements attached to them: the views and the decisions recording them."""

    def __init__(self, context: MeetingContext) -> None:
        self.context = context

    def decisions(self, item_id: str | None = None) -> list[Decision]:
        """Decisions adopted (under `item_id`, or all), in order of adoption."""
        return [d for d in read_decisions(self.context.state).by_id.values()
                if not d.removed and (item_id is None or d.item_id == item_id)]

    def adopt_decision(
        self, text: str, *, number: str = "", symbol: str = "",
        item_id: str | None = None, statements: tuple[str | tuple[str, str | None], ...] = (),
    ) -> list[dict]:
        """A decision adopted under the current item (or `item_id`), with the delegations whose
        interpretative statements are attached to it (an id, or (id, group spoken for))."""
        context = self.context
        item_id = item_id or context.state.current_item or context.state.last_item
        found = context.agenda.find_item(item_id) if item_id else None
        if found is None:
            raise Refused("Open an agenda item first: a decision is adopted under an item")
        text, number, symbol = text.strip(), number.strip(), symbol.strip()
        if not (text or number or symbol):
            raise Refused("A decision needs its number, its symbol or what it is on")
        for value, what in ((text, "decision's text"), (number, "decision's number"),
                            (symbol, "decision's symbol")):
            refuse_invalid_text(value, what)
            if len(value) > MAX_DECISION_TEXT or (what != "decision's text" and "\n" in value):
                raise Refused(f"The {what} is too long or holds a line break")
        if symbol and (problem := symbol_problem(symbol)):
            raise Refused(problem)
        decision = uuid4().hex
        events = [stamped(DecisionAdopted(decision, item_id, found[0].id, number, symbol, text),
                          context.clock.now(), context.role)]
        for entry in statements:
            who, on_behalf = (entry, None) if isinstance(entry, str) else entry
            events.append(self._statement_event(decision, who, on_behalf))
        return events

    def attach_statement(self, decision_id: str, who: str, on_behalf: str | None = None
                         ) -> list[dict]:
        """An interpretative statement by `who`, attached to a decision."""
        if self._decision(decision_id) is None:
            raise Refused("There is no such decision")
        return [self._statement_event(decision_id, who, on_behalf)]

    def remove_decision(self, decision_id: str) -> list[dict]:
        if self._decision(decision_id) is None:
            raise Refused("There is no such decision")
        return [stamped(DecisionRemoved(decision_id), self.context.clock.now(), self.context.role)]

    def remove_statement(self, decision_id: str, statement_id: str) -> list[dict]:
        decision = self._decision(decision_id)
        if decision is None or all(s.id != statement_id for s in decision.statements):
            raise Refused("There is no such interpretative statement")
        return [stamped(StatementRemoved(decision_id, statement_id), self.context.clock.now(),
                        self.context.role)]

    def _decision(self, decision_id: str) -> Decision | None:
        found = read_decisions(self.context.state).by_id.get(decision_id)
        return found if found is not None and not found.removed else None

    def _statement_event(self, decision: str, who: str, on_behalf: str | None) -> dict:
        for ref in (who, on_behalf):
            if ref is not None and ref not in self.context.roster.delegations:
                raise Refused(f"“{ref}” is not a delegation on the roster")
        return stamped(StatementAttached(decision, uuid4().hex, who, on_behalf),
                       self.context.clock.now(), self.context.role)
