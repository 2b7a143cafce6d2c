"""The file an import reads: its bytes (up to a size), as UTF-8 text, or a problem saying where."""

from __future__ import annotations

from pathlib import Path

from moderator.core.loading.given_file import FileRefused, read_given
from moderator.importing.problems import ImportFailed, ImportProblem

MAX_BYTES = 32 * 1024 * 1024


def failed(place: str, message: str) -> ImportFailed:
    """The import fails on one problem at `place`."""
    return ImportFailed([ImportProblem(place, message)])


def read_source(path: Path, what: str) -> bytes:
    """The bytes of `path` (`what` it should be, for "is a directory, not ..."); at most
    `MAX_BYTES`, else `ImportFailed` naming the file."""
    try:
        return read_given(path, what, MAX_BYTES)  # a FIFO or a device is refused, never read
    except FileRefused as refused:
        raise failed(str(path), str(refused)) from None


def utf8_text(data: bytes, name: str, advice: str = "") -> str:
    """`data` as text (a BOM dropped), else `ImportFailed` at the line of the first bad byte;
    `advice` follows the message (": save it as ...")."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise failed(f"{name}:{line}", f"is not UTF-8 text (byte 0x{data[error.start]:02x})"
                     f"{advice}") from None
