"""The documents a delegation circulated with its intervention ("PC.DEL/447/12").

Attached by the chair or the rapporteur (`document.attached` / `document.removed`), or written
in a note as `#doc PC.DEL/445/12`; the journal prints them after the speaker's name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from moderator.core.fold import FoldContext, folds
from moderator.core.state import MeetingState

DOCUMENT_ATTACHED = "document.attached"
DOCUMENT_REMOVED = "document.removed"

MAX_SYMBOL = 80
# "#doc PC.DEL/445/12", "#doc: PC.DEL/925/20 OSCE+": a symbol is one word, with the OSCE+ mark.
_DOC = re.compile(r"(?<![\w#])#doc\b:?\s*([^\s,;()]+(?:\s+OSCE\+)?)", re.IGNORECASE)
_NOT_IN_SYMBOL = set(",;()[]")


def parse_documents(text: str) -> tuple[str, ...]:
    """The document symbols a note names with `#doc`, in order, without repeats."""
    if "#doc" not in text.lower():  # most notes: a week's 10,000 cost 0.5 s through the pattern
        return ()
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


def _key(event: dict) -> tuple[str, str | None]:
    return str(event["item"]), event.get("intervention")


# Not floor actions: undo never takes a document back (removing it does).
@folds(DOCUMENT_ATTACHED, undoable=False)
def _attached(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    books, key, symbol = shelf(state), _key(event), str(event["symbol"])
    if symbol not in books.attached.get(key, ()):
        books.attached[key] = (*books.attached.get(key, ()), symbol)


@folds(DOCUMENT_REMOVED, undoable=False)
def _removed(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    books, key, symbol = shelf(state), _key(event), str(event["symbol"])
    if symbol in books.attached.get(key, ()):
        books.attached[key] = tuple(s for s in books.attached[key] if s != symbol)


def read_documents(state: MeetingState) -> DocumentShelf:
    """The record for reading: commands and views never add it to the state."""
    return state.extensions.get("documents") or DocumentShelf()
