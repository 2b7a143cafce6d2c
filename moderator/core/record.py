"""The official record's commands and views: documents, suspensions of the sitting, decisions.

`Meeting` inherits them from `RecordMixin`; each concept's events and folds live in its own
module (`documents.py`, `sitting.py`, `decisions.py`).
"""

from __future__ import annotations

from types import EllipsisType
from typing import TYPE_CHECKING
from uuid import uuid4

from moderator.core import decisions as dec
from moderator.core import documents as docs
from moderator.core import events as ev
from moderator.core import sitting
from moderator.core.commands import Refused, _Action, refuse_invalid_text
from moderator.core.decisions import Decision
from moderator.core.events import new_event
from moderator.core.sitting import Suspension

if TYPE_CHECKING:
    from moderator.core.meeting import Meeting

MAX_DECISION_TEXT = 2000


class RecordMixin:
    """Documents, suspensions and decisions: the commands decide events, the views read."""

    # -- the sitting -----------------------------------------------------------------------

    def suspended_since(self: Meeting) -> Suspension | None:
        """The suspension in progress, if the sitting is suspended."""
        return sitting.read_sitting(self.state).current

    def suspensions(self: Meeting) -> list[Suspension]:
        """Every suspension of the meeting in order (the last one may still be running)."""
        return list(sitting.read_sitting(self.state).suspensions)

    def suspend_sitting(self: Meeting) -> list[dict]:
        """Suspend the sitting: the speaker's timer pauses and the item's time stops."""
        if self.suspended_since() is not None:
            raise Refused("The sitting is already suspended")
        if not self.state.progress:
            raise Refused("The sitting has not opened yet: open an agenda item first")
        action = _Action(self)
        holder = self.state.floor
        if holder is not None and holder.running_since is not None:
            action.add(ev.TIMER_PAUSED, intervention=holder.id)
        session = self.current_session()
        return action.add(sitting.SITTING_SUSPENDED,
                          session=session.id if session else None).events

    def resume_sitting(self: Meeting) -> list[dict]:
        """Resume the sitting; a speaker holding the floor resumes with the timer paused."""
        if self.suspended_since() is None:
            raise Refused("The sitting is not suspended")
        return _Action(self).add(sitting.SITTING_RESUMED).events

    def toggle_sitting(self: Meeting) -> list[dict]:
        return self.resume_sitting() if self.suspended_since() else self.suspend_sitting()

    # -- documents -------------------------------------------------------------------------

    def documents(self: Meeting, intervention_id: str) -> tuple[str, ...]:
        """The documents circulated with an intervention: attached, then named in its notes."""
        record = self.intervention(intervention_id)
        if record is None:
            return ()
        attached = docs.read_documents(self.state).attached.get((record.item_id, intervention_id), ())
        noted = (s for n in self.notes_for(intervention_id) for s in docs.parse_documents(n.text))
        return tuple(dict.fromkeys((*attached, *noted)))

    def item_documents(self: Meeting, item_id: str) -> tuple[str, ...]:
        """Documents of an item as a whole (attached to no intervention)."""
        attached = docs.read_documents(self.state).attached.get((item_id, None), ())
        noted = (s for n in self.notes(item_id) if n.intervention_id is None
                 for s in docs.parse_documents(n.text))
        return tuple(dict.fromkeys((*attached, *noted)))

    def attached_documents(self: Meeting, intervention_id: str | None, item_id: str) -> tuple[str, ...]:
        """Only the documents attached by hand (what the documents dialog edits)."""
        return docs.read_documents(self.state).attached.get((item_id, intervention_id), ())

    def set_documents(
        self: Meeting, symbols: list[str], *,
        intervention_id: str | None | EllipsisType = ..., item_id: str | None = None,
    ) -> list[dict]:
        """Make the attached documents of an intervention (default: the one on the floor, else
        the item's last) exactly `symbols`: the events attach and remove the difference, so
        two consoles attaching at once both keep theirs."""
        item, intervention = self._document_target(intervention_id, item_id)
        wanted = list(dict.fromkeys(s.strip() for s in symbols if s.strip()))
        problems = [p for s in wanted if (p := docs.symbol_problem(s))]
        if problems:
            raise Refused(problems[0])
        for symbol in wanted:
            refuse_invalid_text(symbol, "document symbol")
        have = self.attached_documents(intervention, item)
        now = self.clock.now()
        target = {"item": item, "intervention": intervention}
        return [
            *(new_event(docs.DOCUMENT_REMOVED, now, self.role, symbol=s, **target)
              for s in have if s not in wanted),
            *(new_event(docs.DOCUMENT_ATTACHED, now, self.role, symbol=s, **target)
              for s in wanted if s not in have),
        ]

    def attach_document(
        self: Meeting, symbol: str, *,
        intervention_id: str | None | EllipsisType = ..., item_id: str | None = None,
    ) -> list[dict]:
        if problem := docs.symbol_problem(symbol):
            raise Refused(problem)
        item, intervention = self._document_target(intervention_id, item_id)
        have = self.attached_documents(intervention, item)
        if symbol.strip() in have:
            raise Refused(f"{symbol.strip()} is already attached")
        return self.set_documents([*have, symbol], intervention_id=intervention, item_id=item)

    def document_target(self: Meeting) -> tuple[str, str | None] | None:
        """Where a new document goes by default: (item, intervention), or None."""
        try:
            return self._document_target(..., None)
        except Refused:
            return None

    def _document_target(
        self: Meeting, intervention_id: str | None | EllipsisType, item_id: str | None
    ) -> tuple[str, str | None]:
        if intervention_id is ...:
            intervention_id = self._default_intervention(item_id)
            if intervention_id is None:
                raise Refused("Nobody has spoken yet on this item: documents go with a speaker")
        if intervention_id is not None:
            record = self.intervention(intervention_id)
            if record is None:
                raise Refused("There is no such intervention")
            return record.item_id, intervention_id
        item_id = item_id or self.state.current_item or self.state.last_item
        if item_id is None or self.agenda.find_item(item_id) is None:
            raise Refused("Open an agenda item first: no item is in progress")
        return item_id, None

    # -- decisions -------------------------------------------------------------------------

    def decisions(self: Meeting, item_id: str | None = None) -> list[Decision]:
        """Decisions adopted (under `item_id`, or all), in order of adoption."""
        return [d for d in dec.read_decisions(self.state).by_id.values()
                if not d.removed and (item_id is None or d.item_id == item_id)]

    def adopt_decision(
        self: Meeting, text: str, *, number: str = "", symbol: str = "",
        item_id: str | None = None, statements: tuple[str | tuple[str, str | None], ...] = (),
    ) -> list[dict]:
        """A decision adopted under the current item (or `item_id`), with the delegations whose
        interpretative statements are attached to it (an id, or (id, group spoken for))."""
        item_id = item_id or self.state.current_item or self.state.last_item
        found = self.agenda.find_item(item_id) if item_id else None
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
        if symbol and (problem := docs.symbol_problem(symbol)):
            raise Refused(problem)
        decision = uuid4().hex
        now = self.clock.now()
        events = [new_event(dec.DECISION_ADOPTED, now, self.role, decision=decision,
                            item=item_id, session=found[0].id, number=number, symbol=symbol,
                            text=text)]
        for entry in statements:
            who, on_behalf = (entry, None) if isinstance(entry, str) else entry
            events.append(self._statement_event(decision, who, on_behalf))
        return events

    def attach_statement(
        self: Meeting, decision_id: str, who: str, on_behalf: str | None = None
    ) -> list[dict]:
        """An interpretative statement by `who`, attached to a decision."""
        if self._decision(decision_id) is None:
            raise Refused("There is no such decision")
        return [self._statement_event(decision_id, who, on_behalf)]

    def remove_decision(self: Meeting, decision_id: str) -> list[dict]:
        if self._decision(decision_id) is None:
            raise Refused("There is no such decision")
        return [new_event(dec.DECISION_REMOVED, self.clock.now(), self.role, decision=decision_id)]

    def remove_statement(self: Meeting, decision_id: str, statement_id: str) -> list[dict]:
        decision = self._decision(decision_id)
        if decision is None or all(s.id != statement_id for s in decision.statements):
            raise Refused("There is no such interpretative statement")
        return [new_event(dec.STATEMENT_REMOVED, self.clock.now(), self.role,
                          decision=decision_id, statement=statement_id)]

    def _decision(self: Meeting, decision_id: str) -> Decision | None:
        found = dec.read_decisions(self.state).by_id.get(decision_id)
        return found if found is not None and not found.removed else None

    def _statement_event(self: Meeting, decision: str, who: str, on_behalf: str | None) -> dict:
        for ref in (who, on_behalf):
            if ref is not None and ref not in self.roster.delegations:
                raise Refused(f"“{ref}” is not a delegation on the roster")
        return new_event(dec.STATEMENT_ATTACHED, self.clock.now(), self.role, decision=decision,
                         statement=uuid4().hex, who=who, on_behalf=on_behalf)
