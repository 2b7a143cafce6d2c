"""The documents a delegation circulated with its intervention ("PC.DEL/447/12").

Attached by the chair or the rapporteur (`document.attached` / `document.removed`), or written
in a note as `#doc PC.DEL/445/12`; the journal prints them after the speaker's name. Not floor
actions: undo never takes a document back (removing it does).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from types import EllipsisType
from typing import ClassVar

from moderator.core.actions import Refused, refuse_invalid_text
from moderator.core.context import MeetingContext
from moderator.core.events import Event, renamed, stamped
from moderator.core.floor import Floor
from moderator.core.fold import FoldContext, folds
from moderator.core.notes import Notes
from moderator.core.state import MeetingState

# Version 2: `item_id` and `intervention_id` (version 1 wrote `item` and `intervention`).
_IDS = {1: renamed(item="item_id", intervention="intervention_id")}


@dataclass(frozen=True, slots=True)
class DocumentAttached(Event):
    """A document attached to an intervention (None: to the item as a whole)."""

    TYPE: ClassVar[str] = "document.attached"
    VERSION: ClassVar[int] = 2
    UPCASTS: ClassVar = _IDS
    item_id: str
    symbol: str
    intervention_id: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentRemoved(Event):
    TYPE: ClassVar[str] = "document.removed"
    VERSION: ClassVar[int] = 2
    UPCASTS: ClassVar = _IDS
    item_id: str
    symbol: str
    intervention_id: str | None = None


DOCUMENT_ATTACHED = DocumentAttached.TYPE
DOCUMENT_REMOVED = DocumentRemoved.TYPE

MAX_SYMBOL = 80
# "#doc PC.DEL/445/12", "#doc: PC.DEL/925/20 OSCE+": a symbol is one word, with the OSCE+ mark.
_DOC = re.compile(r"(?<![\w#])#doc\b:?\s*([^\s,;()]+(?:\s+OSCE\+)?)", re.IGNORECASE)
_NOT_IN_SYMBOL = set(",;()[]")


def parse_documents(text: str) -> tuple[str, ...]:
    """The document symbols a note names with `#doc`, in order, without repeats."""
    if "#" not in text or "#doc" not in text.lower():  # most notes: a week's 10,000 cost
        return ()  # 0.5 s through the pattern (and a lower-case copy of each, 0.1 s at 10x)
    found = dict.fromkeys(m.group(1).rstrip(".") for m in _DOC.finditer(text))
    return tuple(s for s in found if s)


def symbol_problem(symbol: str) -> str | None:
    """Why `symbol` cannot be a document symbol, or None when it can."""
    if not symbol.strip():
        return "A document needs its symbol (e.g. PC.DEL/447/12)"
    if len(symbol) > MAX_SYMBOL:
        return f"A document symbol has at most {MAX_SYMBOL} characters"
    for char in symbol:
        if char in _NOT_IN_SYMBOL or unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            shown = repr(char) if char.isprintable() else f"U+{ord(char):04X}"
            return f"A document symbol cannot hold {shown}: {symbol.strip()[:40]!r}"
    return None


def split_symbols(text: str) -> list[str]:
    """Symbols typed in one field, separated by commas, semicolons or line breaks."""
    return [s.strip() for s in re.split(r"[,;\n]", text) if s.strip()]


@dataclass(slots=True)
class DocumentShelf:
    """Documents attached by hand, per (item id, intervention id or None for the item)."""

    attached: dict[tuple[str, str | None], tuple[str, ...]] = field(default_factory=dict)

    def checkpoint(self) -> DocumentShelf:
        return DocumentShelf(dict(self.attached))  # the tuples are never changed


def shelf(state: MeetingState) -> DocumentShelf:
    """The record in the state, made on first use (by the fold only: views use `read_documents`)."""
    found = state.extensions.get("documents")
    if found is None:
        found = state.extensions["documents"] = DocumentShelf()
    return found


def _key(event: DocumentAttached | DocumentRemoved) -> tuple[str, str | None]:
    return str(event.item_id), event.intervention_id


# Not floor actions: undo never takes a document back (removing it does).
@folds(DocumentAttached, undoable=False)
def _attached(context: FoldContext, state: MeetingState, event: DocumentAttached,
              at: datetime) -> None:
    books, key, symbol = shelf(state), _key(event), str(event.symbol)
    if symbol not in books.attached.get(key, ()):
        books.attached[key] = (*books.attached.get(key, ()), symbol)


@folds(DocumentRemoved, undoable=False)
def _removed(context: FoldContext, state: MeetingState, event: DocumentRemoved,
             at: datetime) -> None:
    books, key, symbol = shelf(state), _key(event), str(event.symbol)
    if symbol in books.attached.get(key, ()):
        books.attached[key] = tuple(s for s in books.attached[key] if s != symbol)


def read_documents(state: MeetingState) -> DocumentShelf:
    """The record for reading: commands and views never add it to the state."""
    return state.extensions.get("documents") or DocumentShelf()


class Documents:
    """The documents of each intervention and item: the views, and the decisions attaching and
    removing them (`intervention_id=...`: the speaker on the floor, else the item's last one;
    None: the item as a whole)."""

    def __init__(self, context: MeetingContext, floor: Floor, notes: Notes) -> None:
        self.context = context
        self.floor = floor
        self.notes = notes

    def documents(self, intervention_id: str) -> tuple[str, ...]:
        """The documents circulated with an intervention: attached, then named in its notes."""
        record = self.floor.intervention(intervention_id)
        if record is None:
            return ()
        attached = read_documents(self.context.state).attached.get(
            (record.item_id, intervention_id), ())
        noted = (s for n in self.notes.notes_for(intervention_id) for s in parse_documents(n.text))
        return tuple(dict.fromkeys((*attached, *noted)))

    def item_documents(self, item_id: str) -> tuple[str, ...]:
        """Documents of an item as a whole (attached to no intervention)."""
        attached = read_documents(self.context.state).attached.get((item_id, None), ())
        noted = (s for n in self.notes.notes(item_id) if n.intervention_id is None
                 for s in parse_documents(n.text))
        return tuple(dict.fromkeys((*attached, *noted)))

    def attached_documents(self, intervention_id: str | None, item_id: str) -> tuple[str, ...]:
        """Only the documents attached by hand (what the documents dialog edits)."""
        return read_documents(self.context.state).attached.get((item_id, intervention_id), ())

    def set_documents(
        self, symbols: list[str], *,
        intervention_id: str | None | EllipsisType = ..., item_id: str | None = None,
    ) -> list[dict]:
        """Make the attached documents of an intervention (default: the one on the floor, else
        the item's last) exactly `symbols`: the events attach and remove the difference, so
        two consoles attaching at once both keep theirs."""
        item, intervention = self._target(intervention_id, item_id)
        wanted = list(dict.fromkeys(s.strip() for s in symbols if s.strip()))
        problems = [p for s in wanted if (p := symbol_problem(s))]
        if problems:
            raise Refused(problems[0])
        for symbol in wanted:
            refuse_invalid_text(symbol, "document symbol")
        have = self.attached_documents(intervention, item)
        context = self.context
        now = context.clock.now()
        return [
            *(stamped(DocumentRemoved(item, s, intervention), now, context.role)
              for s in have if s not in wanted),
            *(stamped(DocumentAttached(item, s, intervention), now, context.role)
              for s in wanted if s not in have),
        ]

    def attach_document(
        self, symbol: str, *,
        intervention_id: str | None | EllipsisType = ..., item_id: str | None = None,
    ) -> list[dict]:
        if problem := symbol_problem(symbol):
            raise Refused(problem)
        item, intervention = self._target(intervention_id, item_id)
        have = self.attached_documents(intervention, item)
        if symbol.strip() in have:
            raise Refused(f"{symbol.strip()} is already attached")
        return self.set_documents([*have, symbol], intervention_id=intervention, item_id=item)

    def document_target(self) -> tuple[str, str | None] | None:
        """Where a new document goes by default: (item, intervention), or None."""
        try:
            return self._target(..., None)
        except Refused:
            return None

    def _target(
        self, intervention_id: str | None | EllipsisType, item_id: str | None
    ) -> tuple[str, str | None]:
        state = self.context.state
        if intervention_id is ...:
            intervention_id = self.notes.default_intervention(item_id)
            if intervention_id is None:
                raise Refused("Nobody has spoken yet on this item: documents go with a speaker")
        if intervention_id is not None:
            record = self.floor.intervention(intervention_id)
            if record is None:
                raise Refused("There is no such intervention")
            return record.item_id, intervention_id
        item_id = item_id or state.current_item or state.last_item
        if item_id is None or self.context.agenda.find_item(item_id) is None:
            raise Refused("Open an agenda item first: no item is in progress")
        return item_id, None
