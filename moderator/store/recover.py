"""`moderator recover SRC DEST`: salvage every intact record of a damaged database into a new one."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from typing import Any

from moderator.store import records, upgrades
from moderator.store.errors import StoreError
from moderator.store.files import reason, write_new_file
from moderator.store.journal import JournalStorage, header_record, new_key

MAX_SOURCE = 1 << 30  # a week's database is about 20 MB; ten weeks, 200 MB


@dataclass(frozen=True)
class Damage:
    line: int
    offset: int
    length: int  # bytes skipped

    def __str__(self) -> str:
        return f"line {self.line}, byte {self.offset}: {self.length} bytes damaged, skipped"


@dataclass(frozen=True)
class RecoveryReport:
    source: str
    destination: str
    kept: int  # intact change records copied
    damaged: list[Damage] = field(default_factory=list)
    events: int = 0  # events in the recovered database

    def __str__(self) -> str:
        lines = [f"{self.source} -> {self.destination}: {self.kept} records kept, "
                 f"{len(self.damaged)} damaged, {self.events} events recovered"]
        return "\n".join(lines + [f"  {d}" for d in self.damaged])


def recover(src: str | os.PathLike[str], dest: str | os.PathLike[str]) -> RecoveryReport:
    """Copy every record of `src` that passes its checksum into a new database `dest`."""
    src, dest = os.fspath(src), os.fspath(dest)
    if os.path.lexists(dest):
        raise StoreError(f"{dest}: already exists; recover writes a new file only")
    data = _read_source(src)
    kept: list[bytes] = []
    damaged: list[Damage] = []
    offset = 0
    lines = data.split(b"\n")
    for number, line in enumerate(lines, start=1):
        # A last line without its newline is torn unless it is a whole record, as the store reads it.
        record = records.decode(line)
        if record is not None and _is_change(record):
            kept.append(records.encode(record))
        elif line and not (record is not None and "journal" in record):
            damaged.append(Damage(number, offset, len(line)))
        offset += len(line) + 1
    _refuse_newer_schema(src, kept)
    meta = {"ops": [["put", "meta", 1, {"schema": upgrades.CURRENT_SCHEMA}]]}
    write_new_file(dest, iter([header_record(1, new_key()), records.encode(meta), *kept]))
    recovered = JournalStorage(dest)
    try:
        events = len(recovered.live_table("events"))
    finally:
        recovered.close()
    return RecoveryReport(src, dest, len(kept), damaged, events)


def _read_source(src: str) -> bytes:
    """The damaged database's bytes: a regular file only (a device such as /dev/zero never
    ends, a FIFO would wait forever), and no larger than any meeting's database."""
    try:
        fd = os.open(src, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise StoreError(f"{src}: cannot read: {reason(exc)}; nothing was written") from exc
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_SOURCE:
        os.close(fd)
        if not stat.S_ISREG(st.st_mode):
            raise StoreError(f"{src}: not a database file (not a regular file: a device or a "
                             "FIFO is never read); nothing was written")
        raise StoreError(f"{src}: {st.st_size:,} bytes, larger than any meeting's database "
                         f"({MAX_SOURCE >> 30} GiB); nothing was written")
    with os.fdopen(fd, "rb") as handle:
        try:
            return handle.read(MAX_SOURCE)
        except OSError as exc:
            raise StoreError(f"{src}: cannot read: {reason(exc)}; nothing was written") from exc


def _refuse_newer_schema(src: str, kept: list[bytes]) -> None:
    """Salvaging a newer database into this version's format would silently drop what it adds."""
    for line in kept:
        for op in (records.decode(line.rstrip(b"\n")) or {}).get("ops", []):
            schema = op[3].get("schema") if op[0] == "put" and op[1] == "meta" else None
            if isinstance(schema, int) and schema > upgrades.CURRENT_SCHEMA:
                raise StoreError(f"{src}: written by a newer version of moderator (schema {schema}; "
                                 f"this one knows up to {upgrades.CURRENT_SCHEMA}); recover it with "
                                 "that version; nothing was written")


def _is_change(record: dict[str, Any]) -> bool:
    ops = record.get("ops")
    return isinstance(ops, list) and all(_is_op(op) for op in ops)


def _is_op(op: Any) -> bool:
    if not isinstance(op, list) or len(op) < 2 or not isinstance(op[1], str):
        return False
    shapes = {"put": 4, "del": 3, "clear": 2, "drop": 2}
    if shapes.get(op[0]) != len(op):
        return False
    return op[0] != "put" or isinstance(op[3], dict)
