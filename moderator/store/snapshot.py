"""The folded-state snapshot beside the journal: `<database>.state`.

Data only, authenticated: the file is `<mac> <header>\n<store part><fold part>`. The header
(JSON) says what the snapshot was made from: the journal's generation, its byte length and
line count then, the SHA-256 of all those bytes (kept by the journal as it grows), the number
of events, the schema, the meeting, and the fold's key (agenda, roster, event version, code:
see `core/resume.py`). The store's part (the small tables, the event ids, the last event of each
type) is JSON; the fold's part is the core's (JSON too, decoded by `core/plain_state.py`).
`<mac>` is the HMAC-SHA256 of everything after it under the key in the journal's header: a
snapshot made elsewhere, for another database, or edited, is ignored before a byte of it is
decoded. Nothing in it names a class or a function: reading one can run no code.

A snapshot is used only when every one of these matches the journal as it is now; otherwise it
is ignored (and logged), never trusted, and the journal is read from the start as before it
existed. It is written to a temporary file, fsynced and renamed over the previous one: a kill
at any moment leaves the old snapshot or the new one, never half of one. The journal stays the
record; the snapshot can be deleted at any time.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import stat
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from moderator.store.errors import StoreError
from moderator.store.files import MODE, _alive, fail, fsync_dir, write_all

SUFFIX = ".state"
FORMAT = 2
MAC = 64  # hex digits of the HMAC-SHA256 the file starts with
MAX_HEADER = 64 * 1024
MAX_SIZE = 1 << 30  # a week's snapshot is a few MB; a larger file is not one of ours
CHUNK = 1 << 20
log = logging.getLogger(__name__)


def path_of(database: str) -> str:
    return database + SUFFIX


@dataclass(frozen=True)
class Position:
    """Where the journal was when the snapshot was made, and the digest of every byte before."""

    generation: int
    length: int
    lines: int
    digest: str  # SHA-256 (hex) of the journal's first `length` bytes


@dataclass(frozen=True)
class Saved:
    """A snapshot read back whose key and parts are intact (not yet matched to the journal)."""

    header: dict[str, Any]
    store: dict[str, Any]
    fold: bytes

    @property
    def position(self) -> Position:
        h = self.header
        return Position(h["gen"], h["length"], h["lines"], h["digest"])


class JournalDigest:
    """The SHA-256 of the journal's first bytes, computed on a thread of its own while the
    snapshot is read and checked (hashing and reading release the GIL). It keeps the digest at
    every CHUNK boundary, so that the digest of any length up to `size` is one of them and one
    short read more."""

    def __init__(self, fd: int, size: int) -> None:
        self._fd, self._size = fd, size
        self._marks: list[Any] = []  # the digest of the first i * CHUNK bytes
        self._error: OSError | None = None
        self._thread = threading.Thread(target=self._run, name="journal-digest", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        digest = hashlib.sha256()
        self._marks.append(digest.copy())
        offset = 0
        try:
            while offset + CHUNK <= self._size:
                chunk = os.pread(self._fd, CHUNK, offset)
                if len(chunk) != CHUNK:
                    raise OSError(f"the journal ends before byte {offset + CHUNK}")
                digest.update(chunk)
                offset += CHUNK
                self._marks.append(digest.copy())
        except OSError as error:
            self._error = error

    def of(self, length: int) -> Any:
        """The running digest of the first `length` bytes (raises OSError)."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        index = min(length // CHUNK, len(self._marks) - 1)
        digest = self._marks[index].copy()
        start = index * CHUNK
        while start < length:
            chunk = os.pread(self._fd, min(CHUNK, length - start), start)
            if not chunk:
                raise OSError(f"the journal ends at byte {start}")
            digest.update(chunk)
            start += len(chunk)
        return digest

    def close(self) -> None:
        self._thread.join()  # never leave a thread reading a descriptor about to be closed


def write(database: str, key: bytes, position: Position, store: dict[str, Any], fold: bytes,
          header: dict[str, Any]) -> None:
    """Put a new snapshot in place atomically (temp file, fsync, rename, fsync the folder)."""
    store_bytes = json.dumps(store, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    head = {
        "snapshot": "moderator", "format": FORMAT, **header,
        "gen": position.generation, "length": position.length, "lines": position.lines,
        "digest": position.digest, "store_len": len(store_bytes), "fold_len": len(fold),
    }
    line = json.dumps(head, ensure_ascii=True, separators=(",", ":")).encode("ascii") + b"\n"
    mac = hmac.new(key, line, hashlib.sha256)
    mac.update(store_bytes)
    mac.update(fold)
    with _writing:  # one temporary file per process: its threads take turns
        _put_in_place(database, (mac.hexdigest().encode("ascii") + b" " + line, store_bytes, fold))


_writing = threading.Lock()


def _put_in_place(database: str, parts: tuple[bytes, ...]) -> None:
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
            for chunk in _chunks(*parts):
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
        for start in range(0, len(part), CHUNK):
            yield part[start:start + CHUNK]


def read(database: str, key: bytes) -> Saved | None:
    """The snapshot beside `database` if there is one, made with `key` and intact, else None
    (logged)."""
    target = path_of(database)
    try:
        data = _contents(target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("%s: snapshot not read (%s); the journal is read from the start", target, exc)
        return None
    try:
        return _parse(data, key)
    except (ValueError, KeyError, TypeError) as error:
        log.warning("%s: snapshot ignored (%s); the journal is read from the start", target, error)
        return None


def _contents(target: str) -> bytes:
    """The file's bytes: a regular file only (a FIFO or a device is never waited on)."""
    fd = os.open(target, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError("not a regular file")
        if st.st_size > MAX_SIZE:
            raise OSError(f"larger than {MAX_SIZE >> 20} MiB")
        return handle.read(MAX_SIZE + 1)


def _parse(data: bytes, key: bytes) -> Saved:
    if data[:1] == b"{":
        raise ValueError("a snapshot of an older format")
    if len(data) <= MAC or data[MAC:MAC + 1] != b" ":
        raise ValueError("not a snapshot of this format")
    body = memoryview(data)[MAC + 1:]
    expected = hmac.new(key, body, hashlib.sha256).hexdigest().encode("ascii")
    if not hmac.compare_digest(expected, data[:MAC]):
        raise ValueError("it fails its keyed checksum: made for another database or elsewhere, "
                         "or damaged")
    end = data.find(b"\n", MAC + 1, MAC + 1 + MAX_HEADER)
    if end < 0:
        raise ValueError("no header")
    header = json.loads(data[MAC + 1:end])
    if not isinstance(header, dict) or header.get("snapshot") != "moderator" \
            or header.get("format") != FORMAT:
        raise ValueError("not a snapshot of this format")
    for name in ("gen", "length", "lines", "events", "store_len", "fold_len"):
        if type(header.get(name)) is not int or header[name] < 0:
            raise ValueError(f"no {name} in its header")
    if not isinstance(header.get("digest"), str):
        raise ValueError("no digest in its header")
    start = end + 1
    middle = start + header["store_len"]
    if middle + header["fold_len"] != len(data):
        raise ValueError("its parts are not the length its header says")
    store = json.loads(data[start:middle].decode("ascii"))  # written ASCII-only
    if not isinstance(store, dict):
        raise ValueError("the store's part is not a mapping")
    return Saved(header, store, data[middle:])


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


__all__ = ["JournalDigest", "Position", "Saved", "StoreError", "discard", "path_of", "read", "write"]
