"""The folded state as plain values (lists, strings, numbers) and back: what a snapshot keeps.

Each class the fold writes is declared once here as a `Table`: its fields in order, each with
the plain form of its values. A list of records is saved column by column, and read back by
checking each column's JSON types at once, converting it (times, kinds, tuples), then calling
the class on the columns. Decoding builds only the classes declared here, from JSON's plain
values: a saved state names no class and no function, so reading one can construct nothing
else and run no code. Times are ISO 8601 text (exact, offset kept). A value of the wrong shape
raises `ValueError`, `TypeError`, `KeyError` or `IndexError`. `tests/core/test_plain_state.py`
holds every table to its dataclass's fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from itertools import chain
from typing import Any

from moderator.core.adjournment import Adjournment, AdjournmentRecord
from moderator.core.breaks import BreakLengths
from moderator.core.decisions import Decision, DecisionBook, InterpretativeStatement
from moderator.core.documents import DocumentShelf
from moderator.core.in_bulk import filled, slot_setters
from moderator.core.model import InterventionKind
from moderator.core.notebook import Note, NoteBook, NoteRevision
from moderator.core.podium import PodiumMessage
from moderator.core.request_desk import Asked, AskedRequest, RequestDesk
from moderator.core.sitting import SittingRecord, Suspension
from moderator.core.state import InterventionRecord, ItemProgress, MeetingState, WaitingRequest
from moderator.core.steady import Anchor
from moderator.core.views import ItemStatus

Plain = Any  # what json.loads gives: dict, list, str, int, float, bool, None
_when = datetime.fromisoformat


def _checked(values: Plain, kinds: frozenset[type], length: int) -> list:
    """`values` if it is a list of `length` values of these JSON types."""
    if type(values) is not list or len(values) != length:
        raise ValueError(f"a column of {length} values expected, not {type(values).__name__}")
    if not set(map(type, values)) <= kinds:
        raise TypeError(f"a column of {sorted(k.__name__ for k in kinds)} holds other values")
    return values


@dataclass(frozen=True)
class Column:
    """The plain form of one field: its JSON types, and the conversions each way (None: as is)."""

    kinds: frozenset[type]
    to_plain: Callable[[Any], Plain] | None = None  # one value
    from_plain: Callable[[list], list] | None = None  # the whole column, its types checked

    def encode(self, values: list) -> list:
        return values if self.to_plain is None else list(map(self.to_plain, values))

    def decode(self, plain: Plain, length: int) -> list:
        values = _checked(plain, self.kinds, length)
        return values if self.from_plain is None else self.from_plain(values)


def _maybe_times(values: list) -> list[datetime | None]:
    return [None if v is None else _when(v) for v in values]


def _text_tuples(values: list) -> list[tuple[str, ...]]:
    if not set(map(type, chain.from_iterable(values))) <= {str}:
        raise TypeError("a list of texts holds other values")
    return list(map(tuple, values))


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


_KINDS = {kind.value: kind for kind in InterventionKind}
_STATUSES = {status.value: status for status in ItemStatus}
_ASKED = {status.value: status for status in Asked}
NONE = type(None)
TEXT = Column(frozenset({str}))
MAYBE_TEXT = Column(frozenset({str, NONE}))
WHOLE = Column(frozenset({int}))
NUMBER = Column(frozenset({int, float}))
FLAG = Column(frozenset({bool}))
TIME = Column(frozenset({str}), datetime.isoformat, lambda values: list(map(_when, values)))
MAYBE_TIME = Column(frozenset({str, NONE}), _iso, _maybe_times)
TEXTS = Column(frozenset({list}), list, _text_tuples)
KIND = Column(frozenset({str}), lambda kind: kind.value,
              lambda values: list(map(_KINDS.__getitem__, values)))
ASKED_STATUS = Column(frozenset({str}), lambda status: status.value,
                      lambda values: list(map(_ASKED.__getitem__, values)))


class Table:
    """A class saved as columns: `[[field 1 of every record], [field 2 ...], ...]`."""

    def __init__(self, kind: type, *columns: tuple[str, Column | Nested]) -> None:
        assert isinstance(columns[0][1], Column), "the first column counts the records"
        self.kind = kind
        self.columns = columns
        # Records made empty and filled a field at a time: half the time of calling a frozen
        # class for each (its __init__ sets every field through object.__setattr__; a week's
        # snapshot holds 100,000 notes of 13 fields).
        self._setters = slot_setters(kind, self.fields)

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.columns)

    def encode(self, records: Iterable[Any]) -> list:
        rows = list(records)
        return [column.encode([getattr(r, name) for r in rows]) for name, column in self.columns]

    def decode(self, plain: Plain, length: int | None = None) -> list:
        if type(plain) is not list or len(plain) != len(self.columns):
            raise ValueError(f"{len(self.columns)} columns of {self.kind.__name__} expected")
        count = len(plain[0]) if length is None and type(plain[0]) is list else length
        if count is None:
            raise ValueError(f"no column of {self.kind.__name__}")
        values = [column.decode(p, count)
                  for (_, column), p in zip(self.columns, plain, strict=True)]
        if self._setters is None:
            return list(map(self.kind, *values))
        return filled(self.kind, self._setters, values, count)


class Nested:
    """A field holding a tuple of records: their count per record, then their table."""

    def __init__(self, table: Table) -> None:
        self.table = table

    def encode(self, values: list) -> list:
        return [[len(v) for v in values], self.table.encode(chain.from_iterable(values))]

    def decode(self, plain: Plain, length: int) -> list:
        counts, rows = plain
        counts = _checked(counts, frozenset({int}), length)
        if min(counts, default=0) < 0:
            raise ValueError("a negative count")
        records = self.table.decode(rows, sum(counts))
        found, at = [], 0
        for count in counts:
            found.append(tuple(records[at:at + count]) if count else ())
            at += count
        return found


REQUEST = Table(WaitingRequest, ("id", TEXT), ("item_id", TEXT), ("who", MAYBE_TEXT),
                ("guest", MAYBE_TEXT), ("kind", KIND), ("on_behalf", MAYBE_TEXT),
                ("alignment", TEXTS), ("requested_at", TIME))
RECORD = Table(InterventionRecord, ("id", TEXT), ("item_id", TEXT), ("session_id", TEXT),
               ("who", MAYBE_TEXT), ("guest", MAYBE_TEXT), ("kind", KIND),
               ("on_behalf", MAYBE_TEXT), ("alignment", TEXTS), ("request_id", MAYBE_TEXT),
               ("started_at", TIME), ("allotted", WHOLE), ("ended_at", MAYBE_TIME),
               ("running_since", MAYBE_TIME), ("paused_since", MAYBE_TIME),
               ("speaking_banked", NUMBER), ("paused_banked", NUMBER))
PROGRESS = Table(ItemProgress, ("first_started", MAYBE_TIME), ("last_ended", MAYBE_TIME),
                 ("current_since", MAYBE_TIME), ("seconds_spent", NUMBER))
ANCHOR = Table(Anchor, ("boot", TEXT), ("steady", NUMBER), ("at", TIME))
REVISION = Table(NoteRevision, ("text", TEXT), ("at", TIME), ("role", TEXT), ("author", TEXT),
                 ("revision", TEXT))
NOTE = Table(Note, ("id", TEXT), ("text", TEXT), ("tags", TEXTS), ("session_id", MAYBE_TEXT),
             ("item_id", MAYBE_TEXT), ("intervention_id", MAYBE_TEXT), ("created_at", TIME),
             ("updated_at", TIME), ("role", TEXT), ("history", Nested(REVISION)),
             ("deleted", FLAG), ("author", TEXT), ("revision", TEXT))
SUSPENSION = Table(Suspension, ("session_id", MAYBE_TEXT), ("item_id", MAYBE_TEXT),
                   ("suspended_at", TIME), ("resumed_at", MAYBE_TIME),
                   ("resumes_at", MAYBE_TIME))
ADJOURNMENT = Table(Adjournment, ("adjourned_at", TIME), ("until", TIME),
                    ("session_id", MAYBE_TEXT), ("item_id", MAYBE_TEXT),
                    ("resumed_at", MAYBE_TIME))
STATEMENT = Table(InterpretativeStatement, ("id", TEXT), ("who", TEXT),
                  ("on_behalf", MAYBE_TEXT))
DECISION = Table(Decision, ("id", TEXT), ("item_id", TEXT), ("session_id", MAYBE_TEXT),
                 ("number", TEXT), ("symbol", TEXT), ("text", TEXT), ("adopted_at", TIME),
                 ("statements", Nested(STATEMENT)), ("removed", FLAG))
PODIUM = Table(PodiumMessage, ("text", TEXT), ("at", TIME), ("intervention_id", MAYBE_TEXT))
ASKED = Table(AskedRequest, ("id", TEXT), ("item_id", TEXT), ("who", MAYBE_TEXT),
              ("guest", MAYBE_TEXT), ("kind", KIND), ("on_behalf", MAYBE_TEXT),
              ("alignment", TEXTS), ("asked_at", TIME), ("source", TEXT),
              ("status", ASKED_STATUS), ("reason", TEXT))
TABLES = (REQUEST, RECORD, PROGRESS, ANCHOR, REVISION, NOTE, SUSPENSION, ADJOURNMENT, STATEMENT,
          DECISION, PODIUM, ASKED)


def _as_columns(rows: Iterable[tuple], width: int) -> list[list]:
    """Rows (keys of a small mapping, say) saved as columns."""
    return [list(column) for column in zip(*rows, strict=True)] or [[] for _ in range(width)]


def _columns_from(plain: Plain, *columns: Column) -> list[list]:
    if type(plain) is not list or len(plain) != len(columns) or type(plain[0]) is not list:
        raise ValueError(f"{len(columns)} columns expected")
    return [column.decode(p, len(plain[0])) for column, p in zip(columns, plain, strict=True)]


def _one(table: Table, value: Any) -> Plain:
    return None if value is None else table.encode([value])


def _one_from(table: Table, plain: Plain) -> Any:
    return None if plain is None else table.decode(plain, 1)[0]


# -- the extensions: notes, documents, the sitting, adjournments, breaks, decisions, the podium --

def _notes_from(plain: Plain) -> NoteBook:
    return NoteBook.of(NOTE.decode(plain))


def _documents(shelf: DocumentShelf) -> list:
    return _as_columns(((item, intervention, list(symbols))
                        for (item, intervention), symbols in shelf.attached.items()), 3)


def _documents_from(plain: Plain) -> DocumentShelf:
    items, interventions, symbols = _columns_from(plain, TEXT, MAYBE_TEXT, TEXTS)
    keys = zip(items, interventions, strict=True)
    return DocumentShelf(dict(zip(keys, symbols, strict=True)))


def _break_lengths_from(plain: Plain) -> BreakLengths:
    items, seconds = _columns_from(plain, TEXT, WHOLE)
    return BreakLengths(dict(zip(items, seconds, strict=True)))


def _decisions_from(plain: Plain) -> DecisionBook:
    return DecisionBook({d.id: d for d in DECISION.decode(plain)})


def _desk(desk: RequestDesk) -> list:
    return [ASKED.encode(desk.asked.values()), list(desk.ahead),
            Nested(REQUEST).encode(list(desk.ahead.values())), sorted(desk.remote),
            sorted(desk.remote_heard)]


def _desk_from(plain: Plain) -> RequestDesk:
    asked, items, ahead, remote, heard = plain
    items = TEXT.decode(items, len(items))
    return RequestDesk({a.id: a for a in ASKED.decode(asked)},
                       dict(zip(items, Nested(REQUEST).decode(ahead, len(items)), strict=True)),
                       frozenset(TEXT.decode(remote, len(remote))),
                       frozenset(TEXT.decode(heard, len(heard))))


# name in `MeetingState.extensions` -> (its class, encoder, decoder)
EXTENSIONS: dict[str, tuple[type, Callable[[Any], Plain], Callable[[Plain], Any]]] = {
    "notes": (NoteBook, lambda book: NOTE.encode(book.by_id.values()), _notes_from),
    "documents": (DocumentShelf, _documents, _documents_from),
    "sitting": (SittingRecord, lambda record: SUSPENSION.encode(record.suspensions),
                lambda plain: SittingRecord(SUSPENSION.decode(plain))),
    "adjournments": (AdjournmentRecord, lambda record: ADJOURNMENT.encode(record.adjournments),
                     lambda plain: AdjournmentRecord(ADJOURNMENT.decode(plain))),
    "breaks": (BreakLengths, lambda lengths: _as_columns(lengths.seconds.items(), 2),
               _break_lengths_from),
    "decisions": (DecisionBook, lambda book: DECISION.encode(book.by_id.values()),
                  _decisions_from),
    "podium": (PodiumMessage, lambda message: _one(PODIUM, message),
               lambda plain: _one_from(PODIUM, plain)),
    "requests": (RequestDesk, _desk, _desk_from),
}


def _extensions(extensions: dict[str, Any]) -> dict[str, Plain]:
    plain: dict[str, Plain] = {}
    for name, value in extensions.items():
        spec = EXTENSIONS.get(name)
        if spec is None or not (value is None or type(value) is spec[0]):
            raise ValueError(f"the state's {name!r} ({type(value).__name__}) has no plain form")
        plain[name] = None if value is None else spec[1](value)
    return plain


def _extensions_from(plain: Plain) -> dict[str, Any]:
    if not isinstance(plain, dict):
        raise TypeError("the extensions are not a mapping")
    return {name: None if value is None else EXTENSIONS[name][2](value)
            for name, value in plain.items()}


# -- the state ---------------------------------------------------------------------------------

def _place_in(log: list[InterventionRecord], record: InterventionRecord | None) -> Plain:
    """A live record (the floor, the suspended speaker) is one of the log's: saved as its
    place there, so that it comes back as the same object, as the fold keeps it."""
    if record is None:
        return None
    for index in range(len(log) - 1, -1, -1):
        if log[index] is record:
            return index
    return {"record": _one(RECORD, record)}


def _placed(log: list[InterventionRecord], plain: Plain) -> InterventionRecord | None:
    if plain is None:
        return None
    if type(plain) is int:
        if not 0 <= plain < len(log):
            raise IndexError(f"no record {plain} in the log")
        return log[plain]
    return _one_from(RECORD, plain["record"])


def _keyed(plain: Plain) -> tuple[list, list]:
    """The keys (texts) and values of a saved mapping."""
    if not isinstance(plain, dict):
        raise TypeError("not a mapping")
    return TEXT.decode(list(plain), len(plain)), list(plain.values())


def plain_state(state: MeetingState) -> dict[str, Plain]:
    """The state as plain values (JSON-ready)."""
    return {
        "current_item": state.current_item,
        "last_item": state.last_item,
        "statuses": {item: status.value for item, status in state.statuses.items()},
        "progress": [list(state.progress), PROGRESS.encode(state.progress.values())],
        "closed": list(state.closed),
        "item_limits": _as_columns(((item, kind, seconds) for (item, kind), seconds
                                    in state.item_limits.items()), 3),
        "waiting": REQUEST.encode(state.waiting),
        "scheduled_done": _as_columns(state.scheduled_done, 2),
        "dropped": REQUEST.encode(state.dropped),
        "floor": _place_in(state.log, state.floor),
        "suspended": _place_in(state.log, state.suspended),
        "log": RECORD.encode(state.log),
        "actions": list(state.actions),
        "extensions": _extensions(state.extensions),
        "anchor": _one(ANCHOR, state.anchor),
    }


def state_from_plain(plain: Plain) -> MeetingState:
    """The state `plain_state` gave, built again (only the core's classes)."""
    if not isinstance(plain, dict):
        raise TypeError("the state is not a mapping")
    log = RECORD.decode(plain["log"])
    items, statuses = _keyed(plain["statuses"])
    progressed, progress = plain["progress"]
    progressed = TEXT.decode(progressed, len(progressed))
    limited, kinds, seconds = _columns_from(plain["item_limits"], TEXT, TEXT, WHOLE)
    return MeetingState(
        current_item=MAYBE_TEXT.decode([plain["current_item"]], 1)[0],
        last_item=MAYBE_TEXT.decode([plain["last_item"]], 1)[0],
        statuses=dict(zip(items, map(_STATUSES.__getitem__, statuses), strict=True)),
        progress=dict(zip(progressed, PROGRESS.decode(progress, len(progressed)), strict=True)),
        closed=set(TEXT.decode(plain["closed"], len(plain["closed"]))),
        item_limits=dict(zip(zip(limited, kinds, strict=True), seconds, strict=True)),
        waiting=REQUEST.decode(plain["waiting"]),
        scheduled_done=set(zip(*_columns_from(plain["scheduled_done"], TEXT, WHOLE),
                               strict=True)),
        dropped=REQUEST.decode(plain["dropped"]),
        floor=_placed(log, plain["floor"]),
        suspended=_placed(log, plain["suspended"]),
        log=log,
        actions=TEXT.decode(plain["actions"], len(plain["actions"])),
        extensions=_extensions_from(plain["extensions"]),
        anchor=_one_from(ANCHOR, plain["anchor"]),
    )
