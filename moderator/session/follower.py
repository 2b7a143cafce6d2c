"""Following the record: a thread reads what other processes recorded and hands it over.

The thread reads the store (its cost is what is new), drops the echo of our own events, and
hands the rest to the open meeting's `hand_over`: the owner folds them. It never touches the
meeting itself, so a console's UI thread never waits on the store's lock or the disk for this.

It reads when the file system says the database changed (`store.changes`): another console's
change is on screen within a frame or two, and an idle console does not wake to look. It still
reads every `SLOW_SECONDS` (a network file system does not notify another machine's writes),
and where nothing is notified it polls every `interval`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import Any, Protocol

from moderator.session.messages import ReadFailed, ReadResumed, Told
from moderator.store.changes import DatabaseChanges

# With the file system's notifications, the database is still read this often.
SLOW_SECONDS = 2.0


class Followed(Protocol):
    """What the follower needs of an open meeting (`loop.OpenMeeting`)."""

    store: Any
    hand_over: Callable[[Callable[[], Any]], Any]

    def not_ours(self, events: list[dict]) -> list[dict]: ...
    def arrived(self, events: list[dict]) -> bool: ...
    def tell(self, told: Told) -> None: ...


class PollingThread:
    """A daemon thread that runs `_run` (a loop on `self._stop.wait(self.interval)`) until
    `stop()`: what an owner thread must not wait for is looked at there, every `interval`."""

    def __init__(self, name: str, interval: float) -> None:
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        raise NotImplementedError


class Follower(PollingThread):
    """Once the database changed (or every `interval` seconds where changes are not notified):
    read what is new, hand over what others recorded; a failure to read is told once per
    distinct error (`ReadFailed`), and `ReadResumed` when it ends."""

    def __init__(self, meeting: Followed, interval: float, *, slow: float = SLOW_SECONDS) -> None:
        super().__init__("store-follower", interval)
        self.meeting = meeting
        self.slow = max(slow, interval)
        # Watched from here, not from the thread: a change made once `follow` returned is seen.
        self.changes = DatabaseChanges.watch(getattr(meeting.store, "path", None))

    @property
    def notified(self) -> bool:
        """The file system tells the follower of changes (else it polls every `interval`)."""
        return self.changes is not None

    def stop(self) -> None:
        self._stop.set()
        if self.changes is not None:
            self.changes.wake()
        super().stop()
        if self.changes is not None and not self._thread.is_alive():
            self.changes.close()
            self.changes = None

    def _wait(self) -> bool:
        """Until the next read; True once stopped."""
        if self.changes is None:
            return self._stop.wait(self.interval)
        self.changes.wait(self.slow)
        return self._stop.is_set()

    def _run(self) -> None:
        failing = ""
        meeting = self.meeting
        while not self._wait():
            try:
                new = meeting.store.read_new()
            except Exception as error:  # told once per distinct error; the thread goes on
                if str(error) != failing:
                    failing = str(error)
                    meeting.hand_over(partial(meeting.tell, ReadFailed(error)))
                continue
            if failing:
                meeting.hand_over(partial(meeting.tell, ReadResumed()))
            failing = ""
            fresh = meeting.not_ours(new)
            if fresh:
                meeting.hand_over(partial(meeting.arrived, fresh))
