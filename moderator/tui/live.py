"""The link between the meeting, the store's writer thread and the screen.

A command decides events; the writer makes them durable off the UI thread; only then are they
applied, so the screen never shows what the disk does not hold. Commands run one at a time, each
on the state left by the previous one.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from typing import Any, Protocol

from textual.app import App
from textual.message import Message

from moderator.core import Meeting, Refused

Command = Callable[[], list[dict]]
# Told on the UI thread how a command ended: its events once durable and applied (error None),
# or the error that kept them out (the store failed, or the command was refused); ([], None)
# when it decided nothing.
OnRecorded = Callable[[list[dict], BaseException | None], Any]


class EventStore(Protocol):
    def read_new(self) -> list[dict]: ...


class EventWriter(Protocol):
    def submit(self, events: list[dict], on_done: Callable[[BaseException | None], Any]) -> None: ...


class Recorded(Message):
    """Events are durable and applied: the screen re-renders."""

    def __init__(self, events: list[dict]) -> None:
        super().__init__()
        self.events = events


class Durable(Message):
    """The writer thread is done with `events` (`error` is None when they are on disk)."""

    def __init__(self, events: list[dict], error: BaseException | None, announce: bool,
                 on_recorded: OnRecorded | None = None) -> None:
        super().__init__()
        self.events, self.error, self.announce = events, error, announce
        self.on_recorded = on_recorded


class Arrived(Message):
    """The follower thread read events from the store (other processes' and our own)."""

    def __init__(self, events: list[dict]) -> None:
        super().__init__()
        self.events = events


class ReadFailed(Message):
    """The follower thread could not read the store."""

    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error


class ReadResumed(Message):
    """The follower thread reads the store again after it had failed."""


class Follower:
    """Reads what other processes record, off the UI thread, and posts it to the app.

    The UI thread never waits on the store's lock or the disk for this: the thread reads
    (cost proportional to what is new) and hands the events over as a message.
    """

    def __init__(self, store: EventStore, app: App, interval: float) -> None:
        self.store, self.app, self.interval = store, app, interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="store-follower", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        failing = ""
        while not self._stop.wait(self.interval):
            try:
                new = self.store.read_new()
            except Exception as error:  # told once per distinct error; the thread goes on
                if str(error) != failing:
                    failing = str(error)
                    self.app.post_message(ReadFailed(error))
                continue
            if failing:
                self.app.post_message(ReadResumed())
            failing = ""
            if new:
                self.app.post_message(Arrived(new))


class SessionLink:
    def __init__(self, meeting: Meeting, store: EventStore, writer: EventWriter | None,
                 app: App) -> None:
        self.meeting = meeting
        self.store = store
        self.writer = writer
        self.app = app
        self._waiting: deque[tuple[Command, bool, OnRecorded | None]] = deque()
        self._in_flight = False

    @property
    def idle(self) -> bool:
        """Nothing waits for the store (tests wait on this, never on a clock)."""
        return not self._in_flight and not self._waiting

    def run(self, command: Command, *, announce: bool = False,
            on_recorded: OnRecorded | None = None) -> None:
        """Decide `command` on the current state, record it, then apply it.

        `on_recorded` (optional) is called on the UI thread once that is done or has failed.
        """
        self._waiting.append((command, announce, on_recorded))
        if not self._in_flight:
            self._next()

    def _next(self) -> None:
        while self._waiting and not self._in_flight:
            command, announce, on_recorded = self._waiting.popleft()
            try:
                events = command()
            except Refused as refused:
                self.app.notify(str(refused), severity="warning", markup=False)
                _tell(on_recorded, [], refused)
                continue
            if not events or self.writer is None:  # a read-only display decides nothing
                _tell(on_recorded, [], None)
                continue
            self._in_flight = True
            self.writer.submit(events, self._on_done_callback(events, announce, on_recorded))

    def _on_done_callback(self, events: list[dict], announce: bool,
                          on_recorded: OnRecorded | None) -> Callable:
        def on_done(error: BaseException | None) -> None:
            # On the writer thread: a message (thread-safe, never blocks) hands over to the UI
            # thread; call_from_thread would block and could deadlock with a closing writer.
            self.app.post_message(Durable(events, error, announce, on_recorded))

        return on_done

    def recorded(self, durable: Durable) -> None:
        """On the UI thread, once the writer is done: apply, announce, refresh, go on."""
        events, error, announce = durable.events, durable.error, durable.announce
        self._in_flight = False
        if error is not None:
            # Later commands would be decided on a state that did not happen: dropped, and told.
            dropped = [told for _, _, told in self._waiting]
            self._waiting.clear()
            self.app.notify(f"Not saved: {error}", severity="error", markup=False, timeout=10)
            _tell(durable.on_recorded, events, error)
            for told in dropped:
                _tell(told, [], error)
        else:
            self.meeting.apply_all(events)
            if announce:
                self.app.notify(self.meeting.describe(events), markup=False)
            self.app.screen.post_message(Recorded(events))
            _tell(durable.on_recorded, events, None)
        self._next()

    def arrived(self, events: list[dict]) -> bool:
        """On the UI thread: fold in what the follower read; True (and a redraw) if anything new."""
        known = len(self.meeting.events)
        self.meeting.apply_all(events)
        if len(self.meeting.events) == known:
            return False
        self.app.screen.post_message(Recorded(events))
        return True

    def poll(self) -> bool:
        """Read and fold in now, on the calling thread (tests and tools; the consoles follow
        with a `Follower` thread instead)."""
        try:
            new = self.store.read_new()
        except Exception as error:
            self.failed(error)
            return False
        return self.arrived(new) if new else False

    def failed(self, error: BaseException) -> None:
        # The console keeps running; the moderator is told.
        self.app.notify(f"Cannot read the meeting's record: {error}", severity="error",
                        markup=False)


def _tell(on_recorded: OnRecorded | None, events: list[dict], error: BaseException | None) -> None:
    if on_recorded is not None:
        on_recorded(events, error)
