"""Told when the database file changes: the file system's notification (inotify), so that a
console follows another one's changes the moment they are written instead of polling.

The database's folder is watched, not the file: a compaction replaces the file by a rename,
which a watch on the file itself would not survive. Where there is no such notification (not
Linux, no `inotify_simple`, no watch left), `watch` returns None and the caller polls; on a
network file system another machine's writes are not notified either, so the caller still
polls, slowly.
"""

from __future__ import annotations

import logging
import os
import select

log = logging.getLogger(__name__)


class DatabaseChanges:
    """`wait(timeout)` returns once the database at `path` was written or replaced, once
    `wake()` was called, or after `timeout` seconds."""

    def __init__(self, path: str) -> None:
        from inotify_simple import INotify, flags

        self.name = os.path.basename(path)
        self._notify = INotify()
        try:
            self._notify.add_watch(os.path.dirname(os.path.abspath(path)) or ".",
                                   flags.MODIFY | flags.CLOSE_WRITE | flags.MOVED_TO
                                   | flags.CREATE)
            self._wake_read, self._wake_write = os.pipe()
        except OSError:
            self._notify.close()
            raise

    @classmethod
    def watch(cls, path: str | None) -> DatabaseChanges | None:
        """The changes of the database at `path`, or None where they cannot be notified."""
        if path is None:
            return None
        try:
            return cls(path)
        except (ImportError, OSError) as error:  # not Linux, or no inotify watch left
            log.info("no change notification for %s (%s): polling", path, error)
            return None

    def wait(self, timeout: float) -> bool:
        """True if the database changed (False: the time ran out, or `wake()`)."""
        ready, _, _ = select.select([self._notify.fileno(), self._wake_read], [], [], timeout)
        if self._wake_read in ready:
            os.read(self._wake_read, 64)
        if self._notify.fileno() not in ready:
            return False
        return any(event.name == self.name for event in self._notify.read(timeout=0))

    def wake(self) -> None:
        """End a `wait` at once (from another thread)."""
        os.write(self._wake_write, b"x")

    def close(self) -> None:
        self._notify.close()
        os.close(self._wake_read)
        os.close(self._wake_write)
