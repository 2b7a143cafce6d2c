"""The meeting's database: the event log, the rapporteur's drafts and the settings."""

from __future__ import annotations

import bisect
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from moderator.store.errors import StoreError
from moderator.store.expect import Expectation, check
from moderator.store.identity import check_meeting, meeting_of
from moderator.store.journal import JournalStorage
from moderator.store.tinytable import JournalDB

EVENTS, DRAFTS, SETTINGS = "events", "drafts", "settings"


class Clock(Protocol):  # the core's Clock, restated so the store does not import the core
    def now(self) -> datetime: ...


class SystemClock:
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
class Draft:
    key: str
    text: str
    at: str  # ISO time of the last save


class MeetingStore:
    """Open with `MeetingStore.open(path)`; every write is durable when it returns."""

    def __init__(self, journal: JournalStorage, clock: Clock) -> None:
        self._journal = journal
        self._clock = clock
        self.db = JournalDB(journal)  # TinyDB's Table API, for reading and for tools
        self._log: list[dict[str, Any]] = []
        self._log_ids: list[int] = []
        self._event_ids: set[str] = set()
        self._cursor = 0  # document id of the last event this handle has handed out
        journal.subscribe(self._on_put, self._on_reset)

    @classmethod
    def open(cls, path: str | os.PathLike[str], clock: Clock | None = None, *,
             create: bool = True, meeting: str | None = None) -> MeetingStore:
        """Open (or, if `create`, create mode 0600) the database at `path`; raises `StoreError`.

        `meeting` is the event id of the agenda it is opened with: recorded in a new database,
        and a database recorded for another meeting is refused.
        """
        journal = JournalStorage(path, create=create, meta={"event": meeting} if meeting else None)
        try:
            check_meeting(journal, meeting, claim=create)
        except BaseException:
            journal.close()
            raise
        return cls(journal, clock or SystemClock())

    @property
    def path(self) -> str:
        """The database's real path (symlinks resolved): the file written and locked."""
        return self._journal.path

    @property
    def meeting(self) -> str | None:
        """The event id recorded at creation (None for a database made before it was)."""
        return meeting_of(self._journal)

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
                check(self.path, self._log, expect)
            fresh: dict[str, dict[str, Any]] = {}
            for event in events:
                if event["id"] not in self._event_ids:
                    fresh.setdefault(event["id"], event)
            ops = [["put", EVENTS, self._journal.next_id(EVENTS), e] for e in fresh.values()]
            self._journal.commit(ops)

    def events(self) -> list[dict[str, Any]]:
        """Every event in journal order (and marks them all as read).

        The events are the store's own documents, not copies (a week is 50,000 of them): read
        them, never change them.
        """
        with self._journal.transaction():
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

    def _on_put(self, table: str, key: str, doc: dict[str, Any]) -> None:
        if table != EVENTS or doc.get("id") in self._event_ids:
            return
        number = int(key)
        if self._log_ids and number <= self._log_ids[-1]:
            raise StoreError(f"{self.path}: event document {number} is out of order")
        self._log.append(doc)
        self._log_ids.append(number)
        self._event_ids.add(doc.get("id"))

    def _on_reset(self) -> None:
        self._log, self._log_ids, self._event_ids = [], [], set()

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
        """Rewrite the database as one snapshot (also done now and then by itself)."""
        self._journal.compact()

    def close(self) -> None:
        self._journal.close()

    def __enter__(self) -> MeetingStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
