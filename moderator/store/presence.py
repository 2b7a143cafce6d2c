"""Which consoles are open on a database: each holds a lock on its own file for its lifetime.

`<database>.consoles/<console id>.json` holds the console's identity (role, host, process,
since, seat). The console keeps an exclusive `flock` on it while it runs; the kernel releases it
when the process ends, even under kill -9, so "alive" is "its file is locked". A file whose
lock can be taken is a console that is gone: it is removed by whoever finds it.
"""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path
from typing import Any

from moderator.store.errors import StoreError
from moderator.store.files import MODE, fail, write_all

SUFFIX = ".json"


def folder_of(db_path: str | os.PathLike[str]) -> Path:
    return Path(f"{os.fspath(db_path)}.consoles")


class Presence:
    """This console's place among the open ones (`open`), and a look at the others."""

    def __init__(self, folder: Path, record: dict[str, Any], fd: int) -> None:
        self.folder, self.record, self._fd = folder, record, fd
        self.id = str(record["id"])

    @classmethod
    def open(cls, db_path: str | os.PathLike[str], record: dict[str, Any]) -> Presence:
        """Announce the console `record` (its identity, with an "id") on the database."""
        folder = folder_of(db_path)
        try:
            folder.mkdir(mode=0o700, exist_ok=True)
        except OSError as exc:
            raise fail("create the consoles' folder", str(folder), exc) from exc
        if folder.is_symlink() or not folder.is_dir():
            raise StoreError(f"{folder}: not a folder; the consoles' folder was left untouched")
        name = f"{record['id']}{SUFFIX}"
        temp = folder / f".{name}.tmp"
        try:
            fd = os.open(temp, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                         MODE)
        except OSError as exc:
            raise fail("create", str(temp), exc) from exc
        try:
            # Locked before it has its name: nobody can take it for a console that is gone.
            fcntl.flock(fd, fcntl.LOCK_EX)
            write_all(fd, json.dumps(record).encode())
            os.fsync(fd)
            os.rename(temp, folder / name)
        except OSError as exc:
            os.close(fd)
            raise fail("write", str(temp), exc) from exc
        return cls(folder, record, fd)

    def others(self, role: str | None = None) -> list[dict[str, Any]]:
        """The identities of the other consoles open now (of `role`), oldest first."""
        found = [r for r in alive_consoles(self.folder) if str(r.get("id")) != self.id]
        found = [r for r in found if role is None or r.get("role") == role]
        return sorted(found, key=lambda r: str(r.get("started", "")))

    def is_alive(self, console_id: str) -> bool:
        return console_id == self.id or is_alive(self.folder, console_id)

    def close(self) -> None:
        if self._fd < 0:
            return
        try:
            os.unlink(self.folder / f"{self.id}{SUFFIX}")
        except OSError:
            pass  # the next console that looks removes it
        os.close(self._fd)
        self._fd = -1


def _held(path: Path) -> dict[str, Any] | None:
    """The record of the console whose file this is, if it is alive; a dead one's file goes."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        try:
            # Shared: several consoles looking at once never take each other for the living.
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            data = os.pread(fd, 65536, 0)
            try:
                record = json.loads(data)
            except ValueError:
                return None
            return record if isinstance(record, dict) else None
        try:
            os.unlink(path)  # nobody holds it: that console is gone
        except OSError:
            pass
        return None
    finally:
        os.close(fd)


def alive_consoles(folder: Path) -> list[dict[str, Any]]:
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    return [record for name in names if name.endswith(SUFFIX) and not name.startswith(".")
            if (record := _held(folder / name)) is not None]


def is_alive(folder: Path, console_id: str) -> bool:
    if not console_id or "/" in console_id or console_id.startswith("."):
        return False
    return _held(folder / f"{console_id}{SUFFIX}") is not None
