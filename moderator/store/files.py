"""Durable low-level file operations; every OSError becomes a StoreError naming the file."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator

from moderator.store.errors import StoreError

MODE = 0o600  # notes can be confidential


def reason(exc: OSError) -> str:
    """An OS error in words for the chair ("the disk is full")."""
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return exc.strerror or str(exc)


def fail(action: str, path: str, exc: OSError) -> StoreError:
    return StoreError(f"{path}: cannot {action}: {reason(exc)} [errno {exc.errno}]")


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


def database_path(path: str | os.PathLike[str]) -> str:
    """The one name of a database every process agrees on: absolute, `..` and symlinks resolved.

    Two processes reaching one file by different names must lock and replace the same file;
    compaction then replaces the real file, and a symlink to it stays a symlink.
    """
    return os.path.realpath(os.path.abspath(os.fspath(path)))


def check_target(path: str, *, create: bool) -> bool:
    """Whether `path` exists as a regular file; refuse anything else before creating anything.

    Raises StoreError for a device, a directory or a missing folder, and for a missing file
    when `create` is false: nothing is ever created beside a refused target.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if not create:
            raise StoreError(f"{path}: no such database (only `moderator run` creates one)") from None
        folder = os.path.dirname(path)
        if not os.path.isdir(folder):
            raise StoreError(f"{path}: cannot create the database: no such directory {folder}") from None
        return False
    except OSError as exc:
        raise fail("open", path, exc) from exc
    if not stat.S_ISREG(st.st_mode):
        raise StoreError(f"{path}: not a database file (not a regular file); left untouched")
    return True


def refuse_other_names(path: str, st: os.stat_result) -> None:
    """Refuse a database file that has another name (a hard link): a compaction replaces the
    file at one name only, and the other would keep the old file, splitting the record.

    A creator's temporary name (`<path>.<pid>.tmp`, linked to it for a moment) is no other name.
    """
    if st.st_nlink <= 1:
        return
    others = st.st_nlink - 1 - _temps_of(path, st)
    if others > 0:
        raise StoreError(
            f"{path}: the database file has {others + 1} names (hard links); a compaction would "
            "leave the other names on the old file and split the record: remove the other "
            f"names (`find <folder> -samefile {path}` lists them), or give a copy; "
            "left untouched")


def _temps_of(path: str, st: os.stat_result) -> int:
    folder, name = os.path.split(path)
    found = 0
    try:
        entries = os.listdir(folder)
    except OSError:
        return 0
    for entry in entries:
        pid = entry[len(name) + 1:-len(".tmp")]
        if entry.startswith(name + ".") and entry.endswith(".tmp") and pid.isdigit():
            try:
                other = os.stat(os.path.join(folder, entry), follow_symlinks=False)
            except OSError:
                continue
            found += (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino)
    return found


def write_new_file(path: str, chunks: Iterator[bytes], *,
                   successor: Callable[[int], None] | None = None,
                   exclusive: bool = False) -> bool:
    """Write a complete file beside `path` and put it in place atomically (temp, fsync, replace).

    `successor(fd)` is called with the finished file open just before it takes the place of
    `path` (the lock locks it there). `exclusive` puts it in place only if nothing is at `path`
    yet; it returns False when another process got there first (the file is then left alone).
    """
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
            if successor is not None:
                successor(fd)
        finally:
            os.close(fd)
        if exclusive:
            placed = _place_new(temp, path)
        else:
            os.replace(temp, path)
            placed = True
        fsync_dir(path)
        return placed
    except OSError as exc:
        raise fail("write", path, exc) from exc
    finally:
        _remove_quietly(temp)


def _place_new(temp: str, path: str) -> bool:
    """Link the finished file at `path` unless something is there (a link never replaces)."""
    try:
        os.link(temp, path)
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # A file system without hard links: create exclusively and copy (a process opening it
        # in between would see an empty file and say so; it could not overwrite it).
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, MODE)
        except FileExistsError:
            return False
        try:
            with open(temp, "rb") as source:
                write_all(fd, source.read())
            os.fsync(fd)
        finally:
            os.close(fd)
    return True


def remove_stale_temps(path: str) -> None:
    """Remove the temp files of processes that died while writing beside `path` (kill -9).

    Call under the lock: a live process writes its temp only while holding it.
    """
    folder, name = os.path.split(path)
    try:
        entries = os.listdir(folder)
    except OSError:
        return  # only housekeeping
    for entry in entries:
        pid = entry[len(name) + 1:-len(".tmp")]
        if entry.startswith(name + ".") and entry.endswith(".tmp") and pid.isdigit():
            if int(pid) != os.getpid() and not _alive(int(pid)):
                _remove_quietly(os.path.join(folder, entry))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process: alive, as far as we can tell
    return True


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass  # the temp file is harmless; the database itself was not touched
