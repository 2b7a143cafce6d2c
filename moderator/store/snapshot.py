"""The folded-state snapshot beside the journal: `<database>.state`.

One header line (JSON) says what the snapshot was made from: the journal's generation, its
byte length and line count then, a checksum of its first and last bytes before that length,
the number of events, the schema, the meeting, and the fold's key (agenda, roster, event
version, code: see `core/resume.py`). Two parts follow, each with its length and CRC32 in the
header: the store's (the small tables, the event ids, the last event of each type) and the
fold's (opaque bytes here: the core reads them).

A snapshot is used only when every one of these matches the journal as it is now; otherwise it
is ignored (and logged), never trusted, and the journal is read from the start as before it
existed. It is written to a temporary file, fsynced and renamed over the previous one: a kill
at any moment leaves the old snapshot or the new one, never half of one. The journal stays the
record; the snapshot can be deleted at any time.
"""

from __future__ import annotations

import io
import json
import logging
import os
import pickle
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from moderator.store.errors import StoreError
from moderator.store.files import MODE, _alive, fail, fsync_dir, write_all

SUFFIX = ".state"
FORMAT = 1
EDGE = 4096  # bytes of the journal checksummed at its start and before the snapshot's length
MAX_HEADER = 64 * 1024
log = logging.getLogger(__name__)


def path_of(database: str) -> str:
    return database + SUFFIX


@dataclass(frozen=True)
class Position:
    """Where the journal was when the snapshot was made, and how to recognise its bytes."""

    generation: int
    length: int
    lines: int
    head_crc: int
    tail_crc: int


@dataclass(frozen=True)
class Saved:
    """A snapshot read back whose header and parts are intact (not yet matched to the journal)."""

    header: dict[str, Any]
    store: dict[str, Any]
    fold: bytes

    @property
    def position(self) -> Position:
        h = self.header
        return Position(h["gen"], h["length"], h["lines"], h["head_crc"], h["tail_crc"])


def edges(fd: int, length: int) -> tuple[int, int]:
    """CRC32 of the journal's first bytes and of its last bytes before `length`."""
    head = os.pread(fd, min(EDGE, length), 0)
    start = max(0, length - EDGE)
    tail = os.pread(fd, length - start, start)
    return zlib.crc32(head), zlib.crc32(tail)


def write(database: str, position: Position, store: dict[str, Any], fold: bytes,
          header: dict[str, Any]) -> None:
    """Put a new snapshot in place atomically (temp file, fsync, rename, fsync the folder)."""
    store_bytes = pickle.dumps(store, protocol=pickle.HIGHEST_PROTOCOL)
    head = {
        "snapshot": "moderator", "format": FORMAT, **header,
        "gen": position.generation, "length": position.length, "lines": position.lines,
        "head_crc": position.head_crc, "tail_crc": position.tail_crc,
        "store_len": len(store_bytes), "store_crc": zlib.crc32(store_bytes),
        "fold_len": len(fold), "fold_crc": zlib.crc32(fold),
    }
    line = json.dumps(head, ensure_ascii=True, separators=(",", ":")).encode("ascii") + b"\n"
    target = path_of(database)
    remove_stale(database)
    temp = f"{target}.{os.getpid()}.tmp"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC | os.O_NOFOLLOW,
                     MODE)
    except OSError as exc:
        raise fail("write the snapshot beside", database, exc) from exc
    try:
        try:
            for chunk in _chunks(line, store_bytes, fold):
                write_all(fd, chunk)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, target)
        fsync_dir(target)
    except OSError as exc:
        _remove(temp)
        raise fail("write the snapshot beside", database, exc) from exc


def _chunks(*parts: bytes) -> Iterator[bytes]:
    for part in parts:
        for start in range(0, len(part), 1 << 20):
            yield part[start:start + (1 << 20)]


def read(database: str) -> Saved | None:
    """The snapshot beside `database` if there is one and it is intact, else None (logged)."""
    target = path_of(database)
    try:
        fd = os.open(target, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW)
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("%s: snapshot not read (%s); the journal is read from the start", target, exc)
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            first = handle.readline(MAX_HEADER)
            header = json.loads(first)
            if not isinstance(header, dict) or header.get("snapshot") != "moderator" \
                    or header.get("format") != FORMAT:
                raise ValueError("not a snapshot of this format")
            store_bytes = handle.read(int(header["store_len"]))
            fold = handle.read(int(header["fold_len"]))
            if handle.read(1):
                raise ValueError("bytes after its end")
        if zlib.crc32(store_bytes) != header["store_crc"] or zlib.crc32(fold) != header["fold_crc"]:
            raise ValueError("a part fails its checksum")
        store = _PlainOnly(io.BytesIO(store_bytes)).load()
        if not isinstance(store, dict):
            raise ValueError("the store's part is not plain data")
        for key in ("gen", "length", "lines", "head_crc", "tail_crc", "events"):
            if not isinstance(header.get(key), int):
                raise ValueError(f"no {key} in its header")
        return Saved(header, store, fold)
    except (OSError, ValueError, KeyError, TypeError, EOFError, pickle.UnpicklingError) as error:
        log.warning("%s: snapshot ignored (%s); the journal is read from the start", target, error)
        return None


class _PlainOnly(pickle.Unpickler):
    """Builtin data only: a pickle that names any class or function is refused unread, so
    loading one can run no code."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} in the store's part: not plain data")


def remove_stale(database: str) -> None:
    """Temp files of snapshot writers killed while writing (kill -9): they are nobody's."""
    folder, name = os.path.split(path_of(database))
    try:
        entries = os.listdir(folder)
    except OSError:
        return
    for entry in entries:
        pid = entry[len(name) + 1:-len(".tmp")]
        if entry.startswith(name + ".") and entry.endswith(".tmp") and pid.isdigit() \
                and int(pid) != os.getpid() and not _alive(int(pid)):
            _remove(os.path.join(folder, entry))


def discard(database: str) -> None:
    """Remove the snapshot (it no longer matches anything and would only be read to be ignored)."""
    _remove(path_of(database))


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


__all__ = ["Position", "Saved", "StoreError", "discard", "edges", "path_of", "read", "write"]
