"""Durable low-level file operations; every OSError becomes a StoreError naming the file."""

from __future__ import annotations

import errno
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager

from moderator.store.errors import StoreError

MODE = 0o600  # notes can be confidential


def describe(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return exc.strerror or str(exc)


def fail(action: str, path: str, exc: OSError) -> StoreError:
    return StoreError(f"{path}: cannot {action}: {describe(exc)} [errno {exc.errno}]")


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def fsync_dir(path: str) -> None:
    """Make a rename or a new file in the directory of `path` durable."""
    directory = os.path.dirname(os.path.abspath(path))
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_new_file(path: str, chunks: Iterator[bytes]) -> None:
    """Write a complete file beside `path` and put it in place atomically (temp, fsync, replace)."""
    temp = f"{path}.{os.getpid()}.tmp"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, MODE)
    except OSError as exc:
        raise fail("create a file beside it", path, exc) from exc
    try:
        try:
            for chunk in chunks:
                write_all(fd, chunk)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
        fsync_dir(path)
    except OSError as exc:
        _remove_quietly(temp)
        raise fail("write", path, exc) from exc


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass  # the temp file is harmless; the database itself was not touched


class LockFile:
    """An exclusive `flock` on `<database>.lock`, held around every append and compaction."""

    def __init__(self, db_path: str) -> None:
        self.path = db_path + ".lock"
        try:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, MODE)
        except OSError as exc:
            raise fail("open the lock file", self.path, exc) from exc

    @contextmanager
    def held(self) -> Iterator[None]:
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def close(self) -> None:
        os.close(self._fd)
