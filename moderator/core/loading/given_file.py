"""A file someone names (an agenda, a roster, a timetable to import): read only if it is a
regular file, and only up to a size. A FIFO would make the read wait forever and a device
(/dev/zero) never ends: both are refused unread, as is a directory."""

from __future__ import annotations

import os
import stat
from pathlib import Path


class FileRefused(Exception):
    """The file cannot be read; the message says why, after the file's name."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (a pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "something other than a file"


def read_given(path: str | Path, what: str, limit: int) -> bytes:
    """The bytes of the regular file at `path` (`what` it should be: "a YAML file"); raises
    `FileRefused` when it is missing, unreadable, not a regular file, or over `limit` bytes."""
    try:
        # Non-blocking: opening a FIFO never waits for a writer (it is refused just after).
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise FileRefused("no such file") from None
    except PermissionError:
        raise FileRefused("cannot be read: permission denied") from None
    except OSError as error:
        raise FileRefused(f"cannot be read: {error.strerror or error}") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise FileRefused(f"is {_kind(mode)}, not {what}")
    with os.fdopen(fd, "rb") as stream:
        try:
            data = stream.read(limit + 1)
        except OSError as error:
            raise FileRefused(f"cannot be read: {error.strerror or error}") from None
    if len(data) > limit:
        raise FileRefused(f"is larger than {limit // (1024 * 1024)} MiB")
    return data
