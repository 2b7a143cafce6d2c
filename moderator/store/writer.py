"""One writer thread per console: the UI thread hands events over and learns when they are durable."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

from moderator.store.errors import StoreError
from moderator.store.expect import Expectation
from moderator.store.meeting_store import MeetingStore

Done = Callable[[BaseException | None], None]
Job = tuple[list[dict[str, Any]], "Done | None", "Expectation | None"]
_STOP = object()


class Writer:
    """`submit(events, on_done)` returns at once; `on_done(None)` once durable, `on_done(exc)` if not.

    Submissions waiting together are written as one record (one fsync). A failure with no
    `on_done`, or an `on_done` that raises, is re-raised by the next `flush()` or `close()`.
    """

    def __init__(self, store: MeetingStore) -> None:
        self._store = store
        self._queue: queue.Queue[Any] = queue.Queue()
        self._unreported: list[BaseException] = []
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="store-writer", daemon=True)
        self._thread.start()

    def submit(self, events: list[dict[str, Any]], on_done: Done | None = None,
               expect: Expectation | None = None) -> None:
        """`expect`: append only if the state the events were decided on still stands
        (`on_done` then gets a `Conflict` when it does not)."""
        if self._closed:
            raise StoreError(f"{self._store.path}: the writer is closed")
        self._queue.put((list(events), on_done, expect))

    def flush(self) -> None:
        """Wait until everything submitted so far is durable (or has failed)."""
        self._queue.join()
        if self._unreported:
            first, self._unreported = self._unreported[0], []
            raise first

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._queue.put(_STOP)
        self._thread.join()
        self.flush()

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            while not self._queue.empty():
                batch.append(self._queue.get_nowait())
            stop = any(item is _STOP for item in batch)
            jobs = [item for item in batch if item is not _STOP]
            self._write(jobs)
            for _ in batch:
                self._queue.task_done()
            if stop:
                return

    def _write(self, jobs: list[Job]) -> None:
        # A job with an expectation is checked and appended alone; the others together.
        plain: list[Job] = []
        for job in jobs:
            if job[2] is None:
                plain.append(job)
                continue
            self._append(plain)
            plain = []
            self._append([job], job[2])
        self._append(plain)

    def _append(self, jobs: list[Job], expect: Expectation | None = None) -> None:
        if not jobs:
            return
        error: BaseException | None = None
        try:
            batch = [event for events, _, _ in jobs for event in events]
            if expect is None:
                self._store.append(batch)
            else:
                self._store.append(batch, expect)
        except Exception as exc:  # reported to every caller of this batch, never swallowed
            error = exc
        for _, on_done, _ in jobs:
            if on_done is None:
                if error is not None:
                    self._unreported.append(error)
                continue
            try:
                on_done(error)
            except Exception as exc:
                self._unreported.append(exc)
