"""The meeting's database: the event log, the rapporteur's drafts and the settings."""

from __future__ import annotations

import bisect
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Protocol

from moderator.store import snapshot as snapshots
from moderator.store.collector import paused
from moderator.store.errors import StoreError
from moderator.store.expect import EarlierNeeded, Expectation, check
from moderator.store.journal import JournalStorage
from moderator.store.meeting_id import check_meeting, meeting_of
from moderator.store.tinytable import JournalDB

EVENTS, DRAFTS, SETTINGS = "events", "drafts", "settings"


class WallClock(Protocol):
    """What the store reads of a clock: the wall time a draft is kept at (the core's `Clock`
    has it; the store does not import the core)."""

    def now(self) -> datetime: ...


class UtcNow:
    """The store's own wall clock, when it is given none."""

    def now(self) -> datetime:
        return datetime.now(UTC)


EDIT = ":edit:"  # an edit of an existing note: `<editor's key>:edit:<note id>`


def draft_owner(key: str, slot: str) -> str | None:
    """The console a draft of `slot` belongs to ("" for one kept before consoles had ids);
    None when the key is not of that slot."""
    base = key.split(EDIT, 1)[0]
    name, _, owner = base.partition("@")
    return owner if name == slot else None


def rekeyed(key: str, slot: str, console: str) -> str:
    base, sep, rest = key.partition(EDIT)
    return f"{slot}@{console}{sep}{rest}"


@dataclass(frozen=True)
class Earlier:
    """The events a snapshot stands for: their ids (journal order), the document id of the
    last, and the last event of each type with its place (what compare-and-append consults)."""

    ids: tuple[str, ...] | list[str] = ()
    last_doc: int = 0
    last_of_type: dict[str, tuple[int, dict[str, Any]]] = field(default_factory=dict)

    @classmethod
    def of(cls, part: Any, count: int) -> tuple[Earlier, set[str]]:
        """The events of a snapshot's part, and the set of their ids (made to check that they
        are distinct: the store's own from then on, not made again)."""
        ids = part["ids"]
        types = {str(t): (int(i), e) for t, (i, e) in part["last_of_type"].items()}
        if not isinstance(ids, list) or set(map(type, ids)) - {str}:
            raise StoreError("the event ids are not text")
        distinct = set(ids)
        if len(ids) != count or len(distinct) != count:
            raise StoreError(f"{len(ids)} event ids for {count} events")
        if not all(isinstance(e, dict) and 0 <= i < count for i, e in types.values()):
            raise StoreError("the last event of each type is out of place")
        return cls(ids, int(part["last_doc"]), types), distinct


@dataclass(frozen=True)
class Draft:
    key: str
    text: str
    at: str  # ISO time of the last save


class MeetingStore:
    """Open with `MeetingStore.open(path)`; every write is durable when it returns."""

    def __init__(self, journal: JournalStorage, clock: WallClock) -> None:
        self._journal = journal
        self._clock = clock
        self.db = JournalDB(journal)  # TinyDB's Table API, for reading and for tools
        self._log: list[dict[str, Any]] = []
        self._log_ids: list[int] = []
        self._event_ids: set[str] = set()
        self._cursor = 0  # document id of the last event this handle has handed out
        self._earlier = Earlier()  # the events a snapshot stands for (none: every one is read)
        if journal.resumed is not None:
            try:
                self._earlier, distinct = Earlier.of(journal.resumed.store["events"],
                                                     journal.resumed.header["events"])
            except (StoreError, KeyError, TypeError, ValueError, AttributeError) as error:
                snapshots.log.warning("%s: snapshot ignored (its events: %s)",
                                      snapshots.path_of(journal.path), error)
                journal.load_everything()
            else:
                self._event_ids = distinct
                self._cursor = self._earlier.last_doc
        journal.subscribe(self._on_puts, self._on_reset)

    @classmethod
    def open(cls, path: str | os.PathLike[str], clock: WallClock | None = None, *,
             create: bool = True, meeting: str | None = None,
             snapshot: bool = False) -> MeetingStore:
        """Open (or, if `create`, create mode 0600) the database at `path`; raises `StoreError`.

        `meeting` is the event id of the agenda it is opened with: recorded in a new database,
        and a database recorded for another meeting is refused. With `snapshot`, a matching
        folded-state snapshot stands for the events it was made from (`resumed`): they are
        read from the journal only when asked for (`events()`).
        """
        with paused():  # a week's documents are decoded and kept: nothing to collect
            journal = JournalStorage(path, create=create,
                                     meta={"event": meeting} if meeting else None,
                                     snapshot=snapshot)
            try:
                check_meeting(journal, meeting, claim=create)
                return cls(journal, clock or UtcNow())
            except BaseException:
                journal.close()
                raise

    @property
    def path(self) -> str:
        """The database's real path (symlinks resolved): the file written and locked."""
        return self._journal.path

    @property
    def meeting(self) -> str | None:
        """The event id recorded at creation (None for a database made before it was)."""
        return meeting_of(self._journal)

    @property
    def resumed(self) -> snapshots.Saved | None:
        """The snapshot standing for the journal's first events, while it does (else None)."""
        return self._journal.resumed if self._earlier.ids else None

    def let_go_of_fold(self) -> None:
        """The snapshot's fold was read into the meeting: its bytes are not kept for the
        store's life (a week's fold is tens of megabytes; `fold_of_resumed` reads it again)."""
        saved = self._journal.resumed
        if saved is not None and saved.fold:
            self._journal.resumed = replace(saved, fold=b"")

    def fold_of_resumed(self) -> bytes:
        """The fold of the snapshot this store was opened with, read again from its file if
        its bytes were let go; b"" when the file holds another snapshot now, or none."""
        saved = self.resumed
        if saved is None:
            return b""
        if saved.fold:
            return saved.fold
        again = snapshots.read(self.path, self.snapshot_key())
        if again is None or again.header != saved.header:  # its place in the journal, digest
            return b""
        return again.fold

    @property
    def earlier_ids(self) -> tuple[str, ...] | list[str]:
        """The ids of the events a snapshot stands for, in journal order (read-only)."""
        return self._earlier.ids

    @property
    def read_only(self) -> bool:
        return self._journal.read_only

    def on_compacted(self, told: Callable[[], None]) -> None:
        """Be told (on the compacting thread, under the lock: return at once) after each
        compaction of the database by this handle."""
        self._journal.compacted.append(told)

    @property
    def upkeep_problem(self) -> str | None:
        """Why the last compaction failed, if it did (appends were saved regardless)."""
        return self._journal.upkeep_error

    # -- events --------------------------------------------------------------------------

    def append(self, events: list[dict[str, Any]], expect: Expectation | None = None) -> None:
        """Make `events` durable, in order, as one atomic record; events already stored are skipped.

        With `expect`, only if no conflicting event was appended after the one it names
        (compare-and-append, see `expect.py`); else `Conflict` is raised and nothing is written.
        """
        for event in events:
            if not isinstance(event, dict) or not isinstance(event.get("id"), str):
                raise StoreError(f"{self.path}: an event must be a dict with a string id: {event!r}")
        with self._journal.transaction():
            if expect is not None and not all(e["id"] in self._event_ids for e in events):
                self._check(expect)
            fresh: dict[str, dict[str, Any]] = {}
            for event in events:
                if event["id"] not in self._event_ids:
                    fresh.setdefault(event["id"], event)
            ops = [["put", EVENTS, self._journal.next_id(EVENTS), e] for e in fresh.values()]
            self._journal.commit(ops)

    def _check(self, expect: Expectation) -> None:
        try:
            check(self.path, self._log, expect, self._earlier.last_of_type)
        except EarlierNeeded:  # the answer is among the events a snapshot stands for
            self._journal.load_everything()
            check(self.path, self._log, expect)

    def events(self) -> list[dict[str, Any]]:
        """Every event in journal order (and marks them all as read).

        The events are the store's own documents, not copies (a week is 50,000 of them): read
        them, never change them.
        """
        with self._journal.transaction():
            self._journal.load_everything()  # the events a snapshot stood for, if one did
            self._cursor = self._log_ids[-1] if self._log_ids else 0
            return list(self._log)

    def read_new(self) -> list[dict[str, Any]]:
        """Events appended by any process (this one included) since this handle last read."""
        with self._journal.transaction():
            start = bisect.bisect_right(self._log_ids, self._cursor)
            new = self._log[start:]  # the documents themselves: read-only, like `events()`
            if self._log_ids:
                self._cursor = self._log_ids[-1]
            return new

    def _on_puts(self, table: str, puts: Iterable[tuple[str, dict[str, Any]]]) -> None:
        if table != EVENTS:
            return
        log, numbers, ids = self._log, self._log_ids, self._event_ids
        last = numbers[-1] if numbers else self._earlier.last_doc
        for key, doc in puts:  # (a whole day's, once, as the store opens: locals)
            event_id = doc.get("id")
            if event_id in ids:
                continue
            number = int(key)
            if number <= last:
                raise StoreError(f"{self.path}: event document {number} is out of order")
            last = number
            log.append(doc)
            numbers.append(number)
            ids.add(event_id)

    def _on_reset(self) -> None:
        self._log, self._log_ids, self._event_ids = [], [], set()
        self._earlier = Earlier()

    def snapshot_key(self) -> bytes:
        """The key that authenticates this database's snapshots (it lives in the journal's
        header only). A database made before keys existed gets one: it is compacted once,
        its header rewritten with a new key."""
        with self._journal.transaction():
            if self._journal.key is None:
                self._journal.compact()
            key = self._journal.key
            assert key is not None
            return key

    def snapshot_parts(self) -> tuple[snapshots.Position, dict[str, Any], list[dict[str, Any]], int]:
        """Under the lock, caught up: where the journal is, the store's part of a snapshot,
        the events in memory (journal order) and how many before them a snapshot stands for."""
        with self._journal.transaction():
            earlier = self._earlier
            ids = [*earlier.ids, *(e["id"] for e in self._log)]
            last_of_type = dict(earlier.last_of_type)
            for index, event in enumerate(self._log, start=len(earlier.ids)):
                last_of_type[str(event.get("type", ""))] = (index, event)
            part = {**self._journal.small_tables(), "events": {
                "ids": ids, "last_doc": self._log_ids[-1] if self._log_ids else earlier.last_doc,
                "last_of_type": {t: [i, e] for t, (i, e) in last_of_type.items()}}}
            return self._journal.position(), part, list(self._log), len(earlier.ids)

    # -- drafts and settings ---------------------------------------------------------------

    def save_draft(self, key: str, text: str, at: datetime | None = None, *,
                   seat: str | None = None) -> None:
        """Upsert the rapporteur's unsaved text under `key`, durably (`seat`: where the
        console that types it sits, so that its successor there gets it back)."""
        moment = (at or self._clock.now()).isoformat()
        doc = {"key": key, "text": text, "at": moment}
        if seat is not None:
            doc["seat"] = seat
        self._upsert(DRAFTS, "key", key, doc)

    def claim_drafts(self, slot: str, console: str, seat: str | None,
                     alive: Callable[[str], bool]) -> list[Draft]:
        """Take over, atomically, the drafts of `slot` left by one console that is gone.

        Drafts are keyed `<slot>@<console id>` (an edit: `...:edit:<note id>`). Of the gone
        consoles' drafts, those of one console are moved under `console`: the one that sat at
        `seat` if any, else the oldest. Under the lock, so each is claimed once, by one console.
        """
        with self._journal.transaction():
            groups: dict[str, list[tuple[str, dict[str, Any]]]] = {}
            for doc_id, doc in self._journal.live_table(DRAFTS).items():
                owner = draft_owner(str(doc.get("key", "")), slot)
                if owner is None or owner == console or (owner and alive(owner)):
                    continue
                groups.setdefault(owner, []).append((doc_id, doc))
            if not groups:
                return []
            owner = next((o for o, docs in groups.items()
                          if seat is not None and any(d.get("seat") == seat for _, d in docs)),
                         None)
            if owner is None:
                owner = min(groups, key=lambda o: min(str(d.get("at", "")) for _, d in groups[o]))
            ops: list[list[Any]] = []
            claimed: list[Draft] = []
            for doc_id, doc in groups[owner]:
                key = rekeyed(str(doc["key"]), slot, console)
                moved = {**doc, "key": key, **({"seat": seat} if seat is not None else {})}
                ops += [["del", DRAFTS, int(doc_id)],
                        ["put", DRAFTS, self._journal.next_id(DRAFTS), moved]]
                claimed.append(Draft(key, str(doc.get("text", "")), str(doc.get("at", ""))))
            self._journal.commit(ops)
            return claimed

    def draft(self, key: str) -> Draft | None:
        found = self._find(DRAFTS, "key", key)
        return None if found is None else Draft(found[1]["key"], found[1]["text"], found[1]["at"])

    def drafts(self) -> dict[str, Draft]:
        self._journal.refresh()
        docs = self._journal.live_table(DRAFTS).values()
        return {d["key"]: Draft(d["key"], d["text"], d["at"]) for d in docs}

    def discard_draft(self, key: str) -> None:
        with self._journal.transaction():
            found = self._find(DRAFTS, "key", key)
            if found is not None:
                self._journal.commit([["del", DRAFTS, int(found[0])]])

    def setting(self, name: str, default: Any = None) -> Any:
        found = self._find(SETTINGS, "name", name)
        return default if found is None else found[1]["value"]

    def set_setting(self, name: str, value: Any) -> None:
        """Durably remember a setting such as the theme."""
        self._upsert(SETTINGS, "name", name, {"name": name, "value": value})

    def _upsert(self, table: str, field: str, value: str, doc: dict[str, Any]) -> None:
        with self._journal.transaction():
            found = self._find(table, field, value)
            doc_id = int(found[0]) if found else self._journal.next_id(table)
            self._journal.commit([["put", table, doc_id, doc]])

    def _find(self, table: str, field: str, value: str) -> tuple[str, dict[str, Any]] | None:
        with self._journal.transaction():
            for key, doc in self._journal.live_table(table).items():
                if doc.get(field) == value:
                    return key, doc
        return None

    # -- upkeep ----------------------------------------------------------------------------

    def compact(self) -> None:
        """Rewrite the database with its live documents only, as a new generation of the file
        (also done now and then by itself)."""
        self._journal.compact()

    def close(self) -> None:
        self._journal.close()

    def __enter__(self) -> MeetingStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
