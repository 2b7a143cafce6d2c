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

from moderator.core import AskAgain, Meeting, Refused
from moderator.core.fold import is_floor_event
from moderator.store.expect import Conflict, Expectation
from moderator.tui.others import changed_meanwhile

Command = Callable[[], list[dict]]

# Told on the UI thread how a command ended: its events once durable and applied (error None),
# or the error that kept them out (the store failed, or the command was refused); ([], None)
# when it decided nothing.
OnRecorded = Callable[[list[dict], BaseException | None], Any]


class Job:
    """A command waiting to run: how to announce it, whom to tell, what to say on a conflict."""

    __slots__ = ("command", "announce", "on_recorded", "again", "retry")

    def __init__(self, command: Command, announce: bool, on_recorded: OnRecorded | None,
                 again: str | None, retry: int) -> None:
        self.command, self.announce, self.on_recorded = command, announce, on_recorded
        self.again = again  # the key to press again, named when a conflict refuses it
        self.retry = retry  # how many times a conflict re-decides it on its own


class EventStore(Protocol):
    def read_new(self) -> list[dict]: ...


class EventWriter(Protocol):
    def submit(self, events: list[dict], on_done: Callable[[BaseException | None], Any],
               expect: Expectation | None = None) -> None: ...


class Recorded(Message, bubble=False):
    """Events are durable and applied: each meeting screen in the stack re-renders (the one
    under a dialog too, so that it is current when the dialog closes)."""

    def __init__(self, events: list[dict]) -> None:
        super().__init__()
        self.events = events


class Durable(Message):
    """The writer thread is done with `events` (`error` is None when they are on disk)."""

    def __init__(self, events: list[dict], error: BaseException | None, announce: bool,
                 on_recorded: OnRecorded | None = None, job: Job | None = None) -> None:
        super().__init__()
        self.events, self.error, self.announce = events, error, announce
        self.on_recorded = on_recorded
        self.job = job  # what was run, to run again after a conflict


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


class PollingThread:
    """A daemon thread that runs `_run` (a loop on `self._stop.wait(self.interval)`) until
    `stop()`: what the UI must not wait for is looked at there, every `interval` seconds."""

    def __init__(self, name: str, interval: float) -> None:
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        raise NotImplementedError


class Follower(PollingThread):
    """Reads what other processes record, off the UI thread, and posts it to the app.

    The UI thread never waits on the store's lock or the disk for this: the thread reads
    (cost proportional to what is new) and hands the events over as a message.
    """

    def __init__(self, store: EventStore, app: App, interval: float) -> None:
        super().__init__("store-follower", interval)
        self.store, self.app = store, app

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
        self._waiting: deque[Job] = deque()
        self._in_flight = False
        # Told of events other consoles recorded, once folded (the chair's console names them).
        self.on_others: Callable[[list[dict]], Any] | None = None

    @property
    def idle(self) -> bool:
        """Nothing waits for the store (tests wait on this, never on a clock)."""
        return not self._in_flight and not self._waiting

    def run(self, command: Command, *, announce: bool = False,
            on_recorded: OnRecorded | None = None, again: str | None = None,
            retry: bool = False) -> None:
        """Decide `command` on the current state, record it, then apply it.

        `on_recorded` (optional) is called on the UI thread once that is done or has failed.
        A floor decision is appended only if no other console's floor decision came first;
        if one did, it is folded in and the chair is told (press `again` again), or, with
        `retry` (a decision the other's cannot change, like adding a request), decided anew.
        """
        self._waiting.append(Job(command, announce, on_recorded, again, 3 if retry else 0))
        if not self._in_flight:
            self._next()

    def _next(self) -> None:
        while self._waiting and not self._in_flight:
            job = self._waiting.popleft()
            try:
                events = job.command()
            except AskAgain as asked:
                # The key first: a long reason is cut at the end of the one-line notice.
                press = f"Press {job.again} again" if job.again else "Do it again"
                self.app.notify(f"{press} to {asked.then}: {asked}.", severity="warning",
                                markup=False, timeout=8)
                _tell(job.on_recorded, [], asked)
                continue
            except Refused as refused:
                self.app.notify(str(refused), severity="warning", markup=False)
                _tell(job.on_recorded, [], refused)
                continue
            if not events or self.writer is None:  # a read-only display decides nothing
                _tell(job.on_recorded, [], None)
                continue
            self._in_flight = True
            callback = self._on_done_callback(events, job)
            if any(is_floor_event(e) for e in events):
                # Compare-and-append: only on the floor this console has seen.
                expect = Expectation(self.meeting.last_floor_event, is_floor_event)
                self.writer.submit(events, callback, expect)
            else:
                self.writer.submit(events, callback)

    def _on_done_callback(self, events: list[dict], job: Job) -> Callable:
        def on_done(error: BaseException | None) -> None:
            # On the writer thread: a message (thread-safe, never blocks) hands over to the UI
            # thread; call_from_thread would block and could deadlock with a closing writer.
            self.app.post_message(Durable(events, error, job.announce, job.on_recorded, job))

        return on_done

    def recorded(self, durable: Durable) -> None:
        """On the UI thread, once the writer is done: apply, announce, refresh, go on."""
        events, error, announce = durable.events, durable.error, durable.announce
        self._in_flight = False
        if isinstance(error, Conflict):
            self._conflicted(durable, error)
        elif error is not None:
            # Later commands would be decided on a state that did not happen: dropped, and told.
            dropped = [job.on_recorded for job in self._waiting]
            self._waiting.clear()
            self.app.notify(f"Not saved: {error}", severity="error", markup=False, timeout=10)
            _tell(durable.on_recorded, events, error)
            for told in dropped:
                _tell(told, [], error)
        else:
            self.meeting.apply_all(events)
            if announce:
                self.app.notify(self.meeting.describe(events), markup=False)
            self._redraw(events)
            _tell(durable.on_recorded, events, None)
        self._next()

    def _conflicted(self, durable: Durable, conflict: Conflict) -> None:
        """Another console decided first: fold what it recorded (no disk read: the conflict
        carries it), then decide again or say what changed."""
        job = durable.job
        self.arrived(conflict.since)
        if job is not None and job.retry > 0:
            job.retry -= 1
            self._waiting.appendleft(job)
            return
        # Keys pressed meanwhile were meant for the state before: dropped, like the refused one.
        dropped = [waiting.on_recorded for waiting in self._waiting]
        self._waiting.clear()
        changes = changed_meanwhile(self.meeting, conflict.since)
        press = f"press {job.again} again" if job is not None and job.again else "do it again"
        self.app.notify(f"{changes}; nothing was done here: {press}.", title="Not done",
                        severity="warning", markup=False, timeout=10)
        _tell(durable.on_recorded, [], conflict)
        for told in dropped:
            _tell(told, [], conflict)

    def arrived(self, events: list[dict]) -> bool:
        """On the UI thread: fold in what the follower read; True (and a redraw) if anything new."""
        fresh = [e for e in events if not self.meeting.has_applied(e.get("id", ""))]
        if not fresh:
            return False
        self.meeting.apply_all(fresh)
        self._redraw(fresh)
        others = [e for e in fresh if e.get("console") not in (None, self.meeting.console.id)]
        if others and self.on_others is not None:
            self.on_others(others)
        return True

    def _redraw(self, events: list[dict]) -> None:
        """Every screen of the stack hears of `events`, not only the top one (a dialog, help or
        the palette): the screens under it are current the moment it closes."""
        for screen in self.app.screen_stack:
            screen.post_message(Recorded(events))

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
