"""Journal records: one line each, `<length hex> <crc32 hex> <json>\\n`.

The length and CRC32 cover the JSON bytes, so a torn or corrupted record is detected.
JSON is written ASCII-only so that any text (lone surrogates, NUL, newlines) round-trips
and a record can never contain a raw newline.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from typing import Any

from moderator.store.errors import StoreError

PREFIX = 18  # "llllllll cccccccc "


def encode(record: dict[str, Any]) -> bytes:
    payload = json.dumps(record, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    return b"%08x %08x " % (len(payload), zlib.crc32(payload)) + payload + b"\n"


def decode(line: bytes) -> dict[str, Any] | None:
    """The record in one line (without its newline), or None when it fails its checksum."""
    if len(line) < PREFIX or line[8:9] != b" " or line[17:18] != b" ":
        return None
    try:
        length = int(line[0:8], 16)
        crc = int(line[9:17], 16)
    except ValueError:
        return None
    payload = line[PREFIX:]
    if len(payload) != length or zlib.crc32(payload) != crc:
        return None
    try:
        record = json.loads(payload)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


@dataclass(frozen=True)
class Scan:
    records: list[dict[str, Any]]
    consumed: int  # bytes of complete, valid records
    lines: int  # how many lines those were
    torn: bool  # bytes after `consumed` that are not (yet) a valid record
    # The last record is complete but lacks its newline: kept (the next append writes it first).
    open_end: bool = False


def scan(path: str, data: bytes, base: int, first_line: int) -> Scan:
    """Parse the records in `data` (read from byte `base` of `path`, line `first_line`).

    Only an incomplete last line is torn (a crash's leftovers: every record is written with
    its newline in one write, and read under the lock); a last line that is a whole record but
    lost only its newline is that record (`open_end`). A complete line that fails its
    checksum is damage wherever it is, the last line included: a StoreError naming the line
    and the byte, so that nothing ever writes over it.
    """
    records: list[dict[str, Any]] = []
    pos = 0
    line_no = first_line
    while pos < len(data):
        end = data.find(b"\n", pos)
        if end == -1:
            last = decode(data[pos:])
            if last is None:
                return Scan(records, pos, line_no - first_line, True)
            records.append(last)
            return Scan(records, len(data), line_no + 1 - first_line, False, True)
        record = decode(data[pos:end])
        if record is None:
            raise StoreError(
                f"{path}:{line_no}: damaged record at byte {base + pos}; the file was left "
                f"untouched (`moderator recover {path} NEW` salvages every intact record)"
            )
        records.append(record)
        pos = end + 1
        line_no += 1
    return Scan(records, pos, line_no - first_line, False)


def is_database(path: str) -> bool:
    """Whether the file at `path` begins as a moderator journal (its header), damaged or not."""
    try:
        with open(path, "rb") as handle:
            first = handle.readline(4096)
    except OSError:
        return False
    record = decode(first.rstrip(b"\n"))
    if record is not None:
        return record.get("journal") == "moderator"
    return b'"journal":"moderator"' in first  # a damaged header is still a database
