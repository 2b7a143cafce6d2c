"""Following the record: a thread reads what other processes recorded and hands it over.

The thread reads the store (its cost is what is new), drops the echo of our own events, and
hands the rest to the open meeting's `hand_over`: the owner folds them. It never touches the
meeting itself, so a console's UI thread never waits on the store's lock or the disk for this.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import Any, Protocol

from moderator.session.messages import ReadFailed, ReadResumed, Told


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
    """Every `interval` seconds: read what is new, hand over what others recorded; a failure
    to read is told once per distinct error (`ReadFailed`), and `ReadResumed` when it ends."""

    def __init__(self, meeting: Followed, interval: float) -> None:
        super().__init__("store-follower", interval)
        self.meeting = meeting

    def _run(self) -> None:
        failing = ""
        meeting = self.meeting
        while not self._stop.wait(self.interval):
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
