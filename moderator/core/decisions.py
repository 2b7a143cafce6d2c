"""Decisions adopted under an item and the interpretative statements attached to them.

"Decision: The Permanent Council adopted Decision No. 1041 (PC.DEC/1041) on ..., the text of
which is appended to this journal." then "Russian Federation (interpretative statement, see
attachment to the decision)". Recorded by the chair or the rapporteur; not floor actions.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from moderator.core.fold import FoldContext, folds
from moderator.core.state import MeetingState

DECISION_ADOPTED = "decision.adopted"
DECISION_REMOVED = "decision.removed"
STATEMENT_ATTACHED = "decision.statement_attached"
STATEMENT_REMOVED = "decision.statement_removed"


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


@folds(DECISION_ADOPTED, undoable=False)
def _adopted(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    book = book_of(state)
    if event["decision"] in book.by_id or context.agenda.find_item(event["item"]) is None:
        return
    book.by_id[event["decision"]] = Decision(
        id=event["decision"], item_id=event["item"], session_id=event.get("session"),
        number=str(event.get("number") or ""), symbol=str(event.get("symbol") or ""),
        text=str(event.get("text") or ""), adopted_at=at,
    )


@folds(DECISION_REMOVED, undoable=False)
def _removed(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    book = book_of(state)
    if (decision := book.by_id.get(event["decision"])) is not None:
        book.by_id[decision.id] = replace(decision, removed=True)


@folds(STATEMENT_ATTACHED, undoable=False)
def _statement(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    book = book_of(state)
    decision = book.by_id.get(event["decision"])
    if decision is None or any(s.id == event["statement"] for s in decision.statements):
        return
    statement = InterpretativeStatement(event["statement"], str(event["who"]), event.get("on_behalf"))
    book.by_id[decision.id] = replace(decision, statements=(*decision.statements, statement))


@folds(STATEMENT_REMOVED, undoable=False)
def _statement_removed(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    book = book_of(state)
    if (decision := book.by_id.get(event["decision"])) is not None:
        kept = tuple(s for s in decision.statements if s.id != event["statement"])
        book.by_id[decision.id] = replace(decision, statements=kept)


def read_decisions(state: MeetingState) -> DecisionBook:
    """The record for reading: commands and views never add it to the state."""
    return state.extensions.get("decisions") or DecisionBook()
