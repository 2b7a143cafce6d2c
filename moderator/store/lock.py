"""The database's lock: an exclusive `flock` on the database file itself, checked once taken.

A lock on a separate `<db>.lock` file is lost the moment that file is deleted (a cleanup
script, a sync client): the next process creates a new one and two writers no longer exclude
each other. The database file cannot be deleted without the meeting going with it, so it is
the file locked. Compaction replaces it: the new file is locked before it takes the old one's
place, and a process that locked the old file sees, once it has the lock, that the path now
names another file, and locks that one instead. So every holder holds the file at the path.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager

from moderator.store.errors import StoreError
from moderator.store.files import fail


class DatabaseLock:
    """`with lock.held():` excludes every other holder of the database at `path`, in any process.

    flock is per open file, so two handles in one process exclude each other too; threads
    sharing one handle need their own mutex (the journal has one).
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._fd = -1
        self._successor = -1  # the file about to replace the database, locked already

    @contextmanager
    def held(self) -> Iterator[None]:
        self._acquire()
        try:
            yield
        finally:
            self._release()

    def _acquire(self) -> None:
        while True:
            if self._fd < 0:
                try:
                    self._fd = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC)
                except FileNotFoundError:
                    raise _gone(self.path) from None
                except OSError as exc:
                    raise fail("open", self.path, exc) from exc
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX)
            except OSError as exc:
                raise fail("lock", self.path, exc) from exc
            if self._is_current():
                return
            # Replaced while we waited (a compaction): the lock of a file no longer in use.
            os.close(self._fd)
            self._fd = -1

    def _is_current(self) -> bool:
        try:
            at_path = os.stat(self.path)
        except FileNotFoundError:
            os.close(self._fd)
            self._fd = -1
            raise _gone(self.path) from None
        except OSError as exc:
            raise fail("read", self.path, exc) from exc
        locked = os.fstat(self._fd)
        return (at_path.st_dev, at_path.st_ino) == (locked.st_dev, locked.st_ino)

    def _release(self) -> None:
        self.abandon_successor()
        if self._fd >= 0:
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def lock_successor(self, fd: int) -> None:
        """Lock the finished file `fd` that is about to replace the database (while held)."""
        self.abandon_successor()
        successor = os.dup(fd)
        try:
            fcntl.flock(successor, fcntl.LOCK_EX | fcntl.LOCK_NB)  # nobody knows its name yet
        except OSError as exc:
            os.close(successor)
            raise fail("lock", self.path, exc) from exc
        self._successor = successor

    def settle(self) -> None:
        """After a replacement (done, failed or half done): hold whichever file is at the path."""
        if self._successor < 0:
            return
        try:
            at_path = os.stat(self.path)
        except OSError:
            self.abandon_successor()
            return
        new = os.fstat(self._successor)
        if (at_path.st_dev, at_path.st_ino) != (new.st_dev, new.st_ino):
            self.abandon_successor()
            return
        if self._fd >= 0:
            os.close(self._fd)  # waiters on the old file wake, see the new one, wait for it
        self._fd, self._successor = self._successor, -1

    def abandon_successor(self) -> None:
        """The replacement did not happen (a failed compaction): forget its lock."""
        if self._successor >= 0:
            os.close(self._successor)
            self._successor = -1

    def close(self) -> None:
        self.abandon_successor()
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def _gone(path: str) -> StoreError:
    return StoreError(f"{path}: the database file is gone (deleted or renamed while in use); "
                      "nothing more can be saved to it")
