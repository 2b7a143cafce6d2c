"""Write an export safely: never over an existing file unless asked, created 0600, atomically."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from moderator.export.source import ExportError
from moderator.store import is_database


def write_export(path: Path, data: bytes, *, force: bool = False,
                 reads: Sequence[tuple[str, Path]] = ()) -> None:
    """Write `data` to `path` (mode 0600): complete or not at all.

    Without `force` an existing file is never replaced, even one created while this ran; with
    it, only a regular file is (a symbolic link, a FIFO, a device are refused).
    Never, even with `force`, over a file the export `reads` (("the agenda", path), ...),
    nor over any moderator database: nothing is created beside a refused target either.
    """
    refuse_inputs(path, reads)
    if os.path.lexists(path) and not force:
        raise ExportError(f"{path}: already exists; give --force to replace it")
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise ExportError(f"{directory}: no such directory")
    try:
        # mkstemp creates the file 0600 in the target directory, so the final rename is atomic.
        fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise ExportError(f"{path}: cannot create a file beside it: {error.strerror}") from error
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if force:
            os.replace(temp, path)
        else:
            _link_new(temp, path)
    except FileExistsError as error:
        raise ExportError(f"{path}: already exists; give --force to replace it") from error
    except OSError as error:
        raise ExportError(f"{path}: cannot write: {error.strerror}") from error
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def refuse_inputs(path: Path, reads: Sequence[tuple[str, Path]]) -> None:
    """Raise ExportError if `path` is (by any name) a file the export reads, or a database,
    or anything but a regular file (a symbolic link, a FIFO, a device, a folder)."""
    refuse_non_files(path)
    for what, source in reads:
        if _same_file(path, source):
            raise ExportError(f"{path}: is {what} this export reads ({source}); it is never "
                              "written over: choose another --out")
    if is_database(str(path)):
        raise ExportError(f"{path}: is a meeting's database; an export never replaces one: "
                          "choose another --out")


def refuse_non_files(path: Path) -> None:
    """An export writes a regular file, new or replaced (`--force`): never through a symbolic
    link, never over a FIFO (opening it would wait), a device or a folder."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise ExportError(f"{path}: cannot be looked at: {error.strerror}") from error
    if stat.S_ISREG(mode):
        return
    kind = ("a symbolic link" if stat.S_ISLNK(mode) else "a directory" if stat.S_ISDIR(mode)
            else "a FIFO (a pipe)" if stat.S_ISFIFO(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
    raise ExportError(f"{path}: is {kind}; an export replaces only a regular file, even with "
                      "--force: choose another --out")


def _same_file(a: Path, b: Path) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)  # a hard link
    except OSError:
        return False


def _link_new(temp: str, path: Path) -> None:
    """Put the finished file in place only if nothing is there (link fails if it exists)."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError:
        # A file system without hard links: create exclusively and copy.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out, open(temp, "rb") as source:
            out.write(source.read())
            os.fsync(out.fileno())


def free_path(path: Path) -> Path:
    """`path`, or `name-2.ext`, `name-3.ext`... the first that does not exist yet."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate
