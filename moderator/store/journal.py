"""A TinyDB `Storage` that is an fsynced, append-only journal of changes, compacted now and then.

File layout: a header record (`{"journal": "moderator", "format": 1, "gen": N, "key": K}`)
then commit records (`{"ops": [...]}`), one line each with a length and CRC32 (see `records`).
An op is `["put", table, id, doc]`, `["del", table, id]`, `["clear", table]` or `["drop", table]`.
Compaction writes the live documents to a new file (generation N+1) and `os.replace`s it.
`K` is the database's own random key (hex), made once and carried by every compaction: it
authenticates the snapshot beside the file (`snapshot.py`), and lives nowhere else.

Every append and every catch-up happens under an exclusive `flock` on the database file
itself (see `lock`), after reading what other processes appended since our last known offset,
so document ids are assigned from the true maximum and no process overwrites another's writes.
The path is resolved once (symlinks, `..`), so every process agrees on one file and one lock.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import secrets
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from tinydb.storages import Storage

from moderator.store import records, upgrades
from moderator.store import snapshot as snapshots
from moderator.store.collector import paused
from moderator.store.errors import StoreError
from moderator.store.files import (
    check_target,
    database_path,
    fail,
    fsync_dir,
    refuse_other_names,
    remove_stale_temps,
    write_all,
    write_new_file,
)
from moderator.store.lock import DatabaseLock

Tables = dict[str, dict[str, dict[str, Any]]]
Op = list[Any]
# A listener of puts: a table's name and its (key, document) pairs, in the order they were put.
Puts = Callable[[str, Iterable[tuple[str, dict[str, Any]]]], None]
FORMAT = 1
COMPACTED_CHUNK = 500  # documents per record of a compacted file: keeps lines a readable size
COMPACT_MIN_DEAD = 1000  # superseded documents before a compaction is worth its cost
KEY_BYTES = 32
# Opening for writing fails with these on a file we may still read (an archive, read-only media).
READ_ONLY_ERRORS = (errno.EACCES, errno.EPERM, errno.EROFS)


class JournalStorage(Storage):
    """The journal under TinyDB; `MeetingStore` uses its narrower `commit` path directly."""

    def __init__(self, path: str | os.PathLike[str], *, create: bool = True,
                 meta: dict[str, Any] | None = None, snapshot: bool = False) -> None:
        """Open the journal at `path`; create it (with `meta` in its meta document) if `create`.

        With `snapshot`, a folded-state snapshot beside it that matches the journal (see
        `snapshot.py`) stands for the journal's first bytes: they are neither decoded nor
        held (`skipped`), until something asks for every event (`load_everything`).
        """
        self.path = database_path(path)
        self._mutex = threading.RLock()  # flock does not exclude threads sharing one fd
        self._depth = 0
        self._fd = -1
        self._broken: str | None = None
        self._puts: list[Puts] = []
        self._resets: list[Callable[[], None]] = []
        self.version = 0  # bumped on every change seen, so readers can drop their caches
        self.upkeep_error: str | None = None  # the last compaction's failure, if it failed
        self.compacted: list[Callable[[], None]] = []  # told after each compaction
        self._lock = DatabaseLock(self.path)
        self.resumed: snapshots.Saved | None = None  # the snapshot standing for the first bytes
        self.skipped = 0  # how many bytes of the journal it stands for (not decoded)
        self.key: bytes | None = None  # the snapshot key of the journal's header (None: older)
        try:
            if not check_target(self.path, create=create):
                self._create(meta or {})
            with self._lock.held():
                self._load(snapshot=snapshot)
                self._upgrade_if_needed()
        except BaseException:
            self.close()
            raise

    # -- opening ---------------------------------------------------------------------------

    def _create(self, meta: dict[str, Any]) -> None:
        """A complete, fsynced first file, linked in place only if no other process made one."""
        meta = {**meta, "schema": upgrades.CURRENT_SCHEMA}
        first = iter([header_record(1, new_key()), records.encode({"ops": [["put", "meta", 1, meta]]})])
        write_new_file(self.path, first, exclusive=True)

    def _load(self, *, snapshot: bool = False) -> None:
        """(Re)open the file and fold it from the start (or from a matching snapshot)."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
        self.read_only = False
        try:
            self._fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CLOEXEC)
        except OSError as exc:
            if exc.errno not in READ_ONLY_ERRORS:
                raise fail("open", self.path, exc) from exc
            # An archived database, or one on read-only media, can still be read and exported.
            self.read_only = True
            try:
                self._fd = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC)
            except OSError as again:
                raise fail("open", self.path, again) from again
        st = os.fstat(self._fd)
        refuse_other_names(self.path, st)
        self._ino = (st.st_dev, st.st_ino)
        self._tables: Tables = {}
        self._max_id: dict[str, int] = {}
        self._reserved: dict[str, int] = {}
        self._dead = 0
        self._live = 0
        self._offset = 0
        self._lines = 1
        self._torn = False
        self._open_end = False  # the last record read lacks its newline (written before the next)
        self._digest = hashlib.sha256()  # of the journal's first `_offset` bytes
        self.generation = 0
        self.key = None
        self.resumed, self.skipped = None, 0
        for reset in self._resets:
            reset()
        if st.st_size == 0:
            raise StoreError(f"{self.path}: the file is empty: not a moderator database "
                             "(the store never leaves an empty file; it was left untouched)")
        with paused():  # every record decoded is kept: the collector would free nothing
            if snapshot:
                self._resume(st.st_size)
            self._catch_up()
        if self.generation == 0:
            raise StoreError(f"{self.path}:1: not a moderator database (no journal header); "
                             "the file was left untouched")

    def _resume(self, size: int) -> bool:
        """Start from the snapshot beside the file if it was made from this file's first bytes
        (all of them: their digest) and carries this file's key."""
        if not os.path.lexists(snapshots.path_of(self.path)):
            return False
        try:
            first = records.decode(os.pread(self._fd, 4096, 0).split(b"\n", 1)[0])
        except OSError:
            return False  # the full read that follows says what is wrong
        key = key_of(first)
        if key is None:
            snapshots.log.info("%s: snapshot not read: the database has no key for one yet "
                               "(made by an older version)", snapshots.path_of(self.path))
            return False
        prefix = snapshots.JournalDigest(self._fd, size)  # hashed while the snapshot is read
        try:
            saved = snapshots.read(self.path, key)
            if saved is None:
                return False
            why = self._mismatch(saved, size, first)
            if why is None:
                digest, why = self._digest_of(prefix, saved.position)
        finally:
            prefix.close()
        if why is not None:
            snapshots.log.info("%s: snapshot ignored: %s", snapshots.path_of(self.path), why)
            return False
        part = saved.store
        try:
            tables = {str(name): dict(docs) for name, docs in part["tables"].items()}
            max_id = {str(k): int(v) for k, v in part["max_id"].items()}
            dead, live = int(part["dead"]), int(part["live"])
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            snapshots.log.warning("%s: snapshot ignored (its tables: %s)",
                                  snapshots.path_of(self.path), error)
            return False
        position = saved.position
        tables["events"] = {}  # the events it stands for stay on disk, not in memory
        self._tables, self._max_id, self._dead, self._live = tables, max_id, dead, live
        self._offset, self._lines, self.generation = position.length, position.lines, position.generation
        self._digest, self.key = digest, key
        self._open_end = os.pread(self._fd, 1, position.length - 1) != b"\n"
        self.resumed, self.skipped = saved, position.length
        return True

    def _mismatch(self, saved: snapshots.Saved, size: int, first: dict[str, Any] | None
                  ) -> str | None:
        """Why the snapshot's header does not fit this file (None: it does, as far as it says)."""
        position = saved.position
        if saved.header.get("schema") != upgrades.CURRENT_SCHEMA:
            return f"schema {saved.header.get('schema')!r}, not {upgrades.CURRENT_SCHEMA}"
        if size < position.length:
            return f"the journal is {size} bytes, shorter than the {position.length} it was made from"
        if position.length < 1 or first is None or first.get("gen") != position.generation:
            return f"the journal is of another generation than {position.generation}"
        return None

    @staticmethod
    def _digest_of(prefix: snapshots.JournalDigest, position: snapshots.Position
                   ) -> tuple[Any, str | None]:
        """The digest of the journal's first bytes the snapshot stands for (every one of them),
        and why it is not the snapshot's (None: it is)."""
        try:
            digest = prefix.of(position.length)
        except OSError as error:
            return None, f"the journal could not be compared ({error})"
        if digest.hexdigest() != position.digest:
            return None, "the journal's bytes differ from those it was made from"
        return digest, None

    def load_everything(self) -> None:
        """Decode the whole journal, the part a snapshot stood for included (undo past it,
        every event for an export or `recover`, a compaction)."""
        with self.transaction():
            if self.skipped:
                self._load()

    def position(self) -> snapshots.Position:
        """Where the journal is now, to tie a snapshot to (call inside `transaction`)."""
        assert self._depth, "position outside a transaction"
        return snapshots.Position(self.generation, self._offset, self._lines,
                                  self._digest.hexdigest())

    def small_tables(self) -> dict[str, Any]:
        """What a snapshot keeps of the journal besides the events (call inside `transaction`)."""
        assert self._depth, "small_tables outside a transaction"
        return {"tables": {name: dict(docs) for name, docs in self._tables.items()
                           if name != "events"},
                "max_id": dict(self._max_id), "dead": self._dead, "live": self._live}

    def _upgrade_if_needed(self) -> None:
        schema = self._tables.get("meta", {}).get("1", {}).get("schema")
        if not isinstance(schema, int):
            raise StoreError(f"{self.path}: the database has no schema version")
        if schema > upgrades.CURRENT_SCHEMA:
            raise StoreError(f"{self.path}: written by a newer version of moderator (schema "
                             f"{schema}; this one knows up to {upgrades.CURRENT_SCHEMA}); left untouched")
        if schema < upgrades.CURRENT_SCHEMA:
            self._require_writable()
            self._rewrite(upgrades.upgrade(self._tables, schema, self.path))
            self._load()

    # -- catching up ------------------------------------------------------------------------

    def _catch_up(self) -> None:
        """Fold what was appended since our offset; reload if another process compacted."""
        try:
            st = os.stat(self.path)
        except OSError as exc:
            raise fail("read", self.path, exc) from exc
        if (st.st_dev, st.st_ino) != self._ino:
            self._load()
            return
        size = os.fstat(self._fd).st_size
        if size < self._offset:
            raise StoreError(f"{self.path}: the file shrank below byte {self._offset}; "
                             "something other than moderator changed it")
        if size == self._offset:
            self._torn = False
            return
        try:
            data = os.pread(self._fd, size - self._offset, self._offset)
        except OSError as exc:
            raise fail("read", self.path, exc) from exc
        if self._open_end and data[:1] == b"\n":  # the newline the last record lacked
            self._digest.update(b"\n")
            self._offset += 1
            data = data[1:]
        self._open_end = False
        found = records.scan(self.path, data, self._offset, self._lines)
        for number, record in enumerate(found.records):
            self._fold(record, self._lines + number)
        self._digest.update(memoryview(data)[:found.consumed])
        self._offset += found.consumed
        self._lines += found.lines
        self._torn = found.torn
        self._open_end = found.open_end

    def _fold(self, record: dict[str, Any], line: int) -> None:
        if "journal" in record:
            if line != 1 or record.get("journal") != "moderator" or record.get("format") != FORMAT:
                raise StoreError(f"{self.path}:{line}: unexpected journal header {record!r}")
            self.generation = int(record.get("gen", 0))
            self.key = key_of(record)
            return
        ops = record.get("ops")
        if self.generation == 0 or not isinstance(ops, list):
            raise StoreError(f"{self.path}:{line}: not a journal record")
        try:
            for op in ops:
                self._apply(op)
        except (TypeError, ValueError, IndexError, KeyError) as exc:
            raise StoreError(f"{self.path}:{line}: malformed change {exc}") from exc
        self.version += 1

    def _apply(self, op: Op) -> None:
        kind, table = op[0], op[1]
        if not isinstance(table, str):
            raise ValueError(f"table name {table!r}")
        docs = self._tables.get(table)
        if docs is None:
            docs = self._tables[table] = {}
        if kind == "put":
            key, doc = str(op[2]), op[3]
            if not isinstance(doc, dict):
                raise ValueError(f"document {doc!r}")
            if key in docs:
                self._dead += 1
            else:
                self._live += 1
            docs[key] = doc
            if key.isdigit() and (number := int(key)) > self._max_id.get(table, 0):
                self._max_id[table] = number
            for listener in self._puts:
                listener(table, ((key, doc),))
        elif kind == "del":
            if docs.pop(str(op[2]), None) is not None:
                self._dead += 1
                self._live -= 1
        elif kind in ("clear", "drop"):
            self._dead += len(docs)
            self._live -= len(docs)
            docs.clear()
            if kind == "drop":
                del self._tables[table]
        else:
            raise ValueError(f"unknown change {kind!r}")

    # -- the narrow path ----------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the lock, caught up with every other process; nests within one thread."""
        with self._mutex:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self._check_usable()
            with self._lock.held():
                self._depth = 1
                try:
                    self._catch_up()
                    yield
                finally:
                    self._depth = 0

    def refresh(self) -> None:
        """Fold what other processes appended since we last looked."""
        with self.transaction():
            pass

    def next_id(self, table: str) -> int:
        """A document id no process has used in `table` (call inside `transaction`)."""
        assert self._depth, "next_id outside a transaction"
        new = max(self._max_id.get(table, 0), self._reserved.get(table, 0)) + 1
        self._reserved[table] = new
        return new

    def commit(self, ops: list[Op]) -> None:
        """Append one record of changes, fsynced; only then fold it into memory."""
        if not ops:
            return
        with self.transaction():
            self._require_writable()
            line = records.encode({"ops": ops})
            if self._open_end:  # the last record lost only its newline: it is kept, ended here
                line = b"\n" + line
            try:
                if self._torn:  # a crashed writer's torn tail: drop it before appending
                    os.ftruncate(self._fd, self._offset)
                    self._torn = False
                write_all(self._fd, line)
                os.fsync(self._fd)
            except OSError as exc:
                self._undo()
                raise fail("append to", self.path, exc) from exc
            self._open_end = False
            self._digest.update(line)
            self._offset += len(line)
            for op in ops:
                self._apply(op)
            self._lines += 1
            self.version += 1
            due = self._dead >= COMPACT_MIN_DEAD and self._dead > self._live
            if due or self.upkeep_error is not None:  # a failed one is retried at the next
                self._compact_after_commit()

    def _compact_after_commit(self) -> None:
        """The record is durable already: a failed compaction is upkeep, not a lost append."""
        try:
            self.compact()
        except StoreError as error:
            self.upkeep_error = f"{error} (compaction; the change itself is saved; retried later)"
        else:
            self.upkeep_error = None

    def _undo(self) -> None:
        """After a failed write or fsync the record must not count: cut it off, or stop."""
        try:
            os.ftruncate(self._fd, self._offset)
            os.fsync(self._fd)
        except OSError as exc:
            self._broken = (f"{self.path}: a failed write could not be undone "
                            f"({exc.strerror}); close and reopen the database")

    def compact(self) -> None:
        """Rewrite the live documents as a new generation, atomically."""
        with self.transaction():
            self._require_writable()
            if self.skipped:  # every event is rewritten: the ones a snapshot stood for too
                self._load()
            remove_stale_temps(self.path)
            # A second name (a hard link) would keep the old file once this one is replaced.
            refuse_other_names(self.path, os.fstat(self._fd))
            self._rewrite(self._tables)
            self._load()
            for told in self.compacted:
                told()

    def _rewrite(self, tables: Tables) -> None:
        try:
            write_new_file(self.path, _compacted(self.generation + 1, self.key or new_key(), tables),
                           successor=self._lock.lock_successor)
        finally:
            self._lock.settle()

    def _require_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: cannot write: permission denied (opened read-only)")

    def _check_usable(self) -> None:
        if self._fd < 0:
            raise StoreError(f"{self.path}: the database is closed")
        if self._broken:
            raise StoreError(self._broken)

    # -- listeners, reads, TinyDB's interface -------------------------------------------------

    def subscribe(self, on_puts: Puts, on_reset: Callable[[], None]) -> None:
        """Be told of every document put (ours and others') and of every full reload: the
        documents already read first, a table at a time, then each put as it is made."""
        with self._mutex:
            self._puts.append(on_puts)
            self._resets.append(on_reset)
            for table, docs in self._tables.items():
                on_puts(table, docs.items())

    def live_table(self, name: str) -> dict[str, dict[str, Any]]:
        """The documents of one table as held in memory: read them, never mutate them."""
        if name == "events" and self.skipped:
            self.load_everything()
        return self._tables.get(name, {})

    def read(self) -> Tables | None:
        self.refresh()
        self.load_everything()
        with self._mutex:
            return json.loads(json.dumps(self._tables))  # TinyDB mutates what it reads

    def write(self, data: Tables) -> None:
        with self._mutex:
            ops = diff(self._tables, data)
        self.commit(ops)

    def close(self) -> None:
        with self._mutex:
            if self._fd >= 0:
                os.close(self._fd)
                self._fd = -1
            self._lock.close()


def diff(old: Tables, new: Tables) -> list[Op]:
    """The changes that turn `old` into `new` (TinyDB's whole-database writes)."""
    ops: list[Op] = [["drop", name] for name in old if name not in new]
    for name, docs in new.items():
        before = old.get(name)
        if before is None or (before and not docs):
            ops.append(["clear", name])
            before = {}
        ops.extend(["del", name, key] for key in before if key not in docs)
        ops.extend(["put", name, _id(key), doc] for key, doc in docs.items()
                   if before.get(str(key)) != doc)
    return ops


def _id(key: str | int) -> str | int:
    return int(key) if isinstance(key, int) or key.isdigit() else key


def new_key() -> bytes:
    """A database's snapshot key: random, made once."""
    return secrets.token_bytes(KEY_BYTES)


def header_record(generation: int, key: bytes) -> bytes:
    """The journal's first line: its format, its generation and its snapshot key."""
    return records.encode({"journal": "moderator", "format": FORMAT, "gen": generation,
                           "key": key.hex()})


def key_of(header: dict[str, Any] | None) -> bytes | None:
    """The snapshot key a journal header carries (None: an older database's header)."""
    text = header.get("key") if isinstance(header, dict) else None
    if not isinstance(text, str) or len(text) != 2 * KEY_BYTES:
        return None
    try:
        return bytes.fromhex(text)
    except ValueError:
        return None


def _compacted(generation: int, key: bytes, tables: Tables) -> Iterator[bytes]:
    """The live documents as the records of a new generation's file."""
    yield header_record(generation, key)
    for name, docs in tables.items():
        yield records.encode({"ops": [["clear", name]]})
        items = list(docs.items())
        for start in range(0, len(items), COMPACTED_CHUNK):
            chunk = items[start:start + COMPACTED_CHUNK]
            yield records.encode({"ops": [["put", name, _id(k), d] for k, d in chunk]})


__all__ = ["JournalStorage", "StoreError", "diff", "fsync_dir"]
