"""The one loop every interface records through: decide on the current state, record through
one writer, apply once durable, tell the listeners.

An `OpenMeeting` (made by `opening.open_meeting`) owns the meeting folded from the database,
the store, the store's writer thread and the console's identity. A command is a callable that
decides on the meeting's state and answers with events (or raises `Refused`); the loop runs
commands one at a time, each on the state the previous one left:

1. decide: the command is called (stamped with the console's identity, or with the one given
   to `run`: a browser deciding through the room server);
2. record: the events go to the writer thread; a floor decision is compare-and-appended with
   the last floor event this meeting folded (`store/expect.py`);
3. apply: once durable, the events are folded into the meeting, and every listener gets one
   `Recorded`; the command's `on_done` gets its `Outcome`.

On a conflict (another console recorded a floor decision first) the other's events, carried by
the conflict, are folded (no disk read) and told as `Recorded`; a command run with `retry` is
decided again on the new state, any other is refused with `ChangedMeanwhile`, which says what
the other console did. Commands queued behind a failed or refused-by-conflict one are dropped:
they were meant for a state that did not happen.

Threads. Everything that touches the meeting runs under `lock` on the thread that calls, or on
the thread `hand_over` hands to. The writer thread and the follower thread never touch the
meeting: they pass their results to `hand_over(call)`, which must be thread-safe and never
block. By default (`at_once`) it calls at once under `lock`, on the writer's or the follower's
thread: right for the room server and for tools and tests, which may then wait with `record`.
A Textual console sets a hand-over that posts a message, so that everything runs on its UI
thread, which then never waits on the disk nor on a lock held across it (nothing holds `lock`
while it reads or writes the database).

Our own events come back from the store when the follower reads (the store hands every new
event to every reader): they are recognised by their ids, remembered when they were sent to
the writer, and dropped before they are handed over, so they cost no second fold nor a hop.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Protocol

from moderator.core import Meeting, Refused
from moderator.core.fold import is_floor_event
from moderator.core.identity import ConsoleIdentity
from moderator.session.follower import Follower
from moderator.session.messages import (
    ChangedMeanwhile,
    Listener,
    Outcome,
    ReadFailed,
    Recorded,
    Told,
)
from moderator.session.other_consoles import changed_meanwhile
from moderator.session.snapshots import save_at_quit
from moderator.store import MeetingStore
from moderator.store.expect import Conflict, Expectation

log = logging.getLogger(__name__)

Command = Callable[[], list[dict]]
HandOver = Callable[[Callable[[], Any]], Any]


class EventStore(Protocol):
    """What the loop reads of the store (`moderator.store.MeetingStore` has it)."""

    def read_new(self) -> list[dict]: ...


class EventWriter(Protocol):
    """The store's writer thread (`moderator.store.Writer`): `submit` returns at once and
    `on_done(None)` (or the error) is called from the writer thread once durable."""

    def submit(self, events: list[dict], on_done: Callable[[BaseException | None], Any],
               expect: Expectation | None = None) -> None: ...


@dataclass(slots=True)
class Job:
    """A command waiting to run, and whom to tell how it ended."""

    command: Command
    retry: int = 0  # how many times a conflict decides it again on its own
    console: ConsoleIdentity | None = None  # decided for another console (a browser)
    on_done: Callable[[Outcome], Any] | None = None
    events: list[dict] = field(default_factory=list)  # what was sent to the writer


class OpenMeeting:
    """A meeting open in this process: its state, its store, its writer and its identity.

    Interfaces call `run` (or `record`, blocking) with commands, `listen` for what is applied,
    and `close` at the end. See the module's docstring for threads.
    """

    def __init__(self, meeting: Meeting, store: Any, writer: EventWriter | None = None, *,
                 hand_over: HandOver | None = None) -> None:
        self.meeting = meeting
        self.store = store
        self.writer = writer  # None: a display that records nothing (the audience clock)
        self.lock = threading.RLock()
        self.hand_over: HandOver = hand_over or self.at_once
        self.follower: Any = None  # a `follower.Follower` once `follow` started one
        self._listeners: list[Listener] = []
        self._waiting: deque[Job] = deque()
        self._in_flight: Job | None = None
        self._sent: set[str] = set()  # ids sent to the writer, not yet read back
        self._sent_lock = threading.Lock()

    @property
    def identity(self) -> ConsoleIdentity:
        """Who this process's decisions are stamped with (`ConsoleIdentity`)."""
        return self.meeting.console

    @property
    def idle(self) -> bool:
        """Nothing waits for the store (tests wait on this, never on a clock)."""
        return self._in_flight is None and not self._waiting

    def at_once(self, call: Callable[[], Any]) -> None:
        """The default hand-over: `call` now, under the lock, on the calling thread."""
        with self.lock:
            call()

    def listen(self, listener: Listener) -> None:
        """`listener(Recorded | ReadFailed | ReadResumed)` is called on the owner's side of
        `hand_over`, after the meeting has changed."""
        self._listeners.append(listener)

    def tell(self, told: Told) -> None:
        for listener in list(self._listeners):
            listener(told)

    # -- commands --------------------------------------------------------------------------

    def run(self, command: Command, *, retry: int = 0, console: ConsoleIdentity | None = None,
            on_done: Callable[[Outcome], Any] | None = None) -> None:
        """Decide `command` on the current state (after any command still on its way), record
        its events, apply them once durable; `on_done(Outcome)` is told how it ended.

        `retry`: how many times a conflict decides it again (a decision the other console's
        cannot change, like adding a request). `console`: the identity its events carry, when
        another console decides through this one (a browser's, through the room server).
        Returns at once; a `Refused` command is told at once.
        """
        with self.lock:
            self._waiting.append(Job(command, retry, console, on_done))
            if self._in_flight is None:
                self._next()

    def record(self, command: Command, *, retry: int = 0,
               console: ConsoleIdentity | None = None) -> list[dict]:
        """`run`, waiting until the events are durable and applied; returns them, or raises
        `Refused` (`ChangedMeanwhile` after a conflict) or the store's error.

        Blocking: for tools, tests and the room server's executor threads, never for a thread
        `hand_over` hands to (it would wait for itself): with another hand-over than `at_once`
        it raises RuntimeError.
        """
        if self.hand_over != self.at_once:
            raise RuntimeError("record() waits for the writer: with this hand-over, use run()")
        ended: list[Outcome] = []
        done = threading.Event()

        def told(outcome: Outcome) -> None:
            ended.append(outcome)
            done.set()

        self.run(command, retry=retry, console=console, on_done=told)
        done.wait()
        if ended[0].error is not None:
            raise ended[0].error
        return ended[0].events

    def _next(self) -> None:
        """Under the lock: decide the waiting commands, one at a time, until one is sent."""
        while self._waiting and self._in_flight is None:
            job = self._waiting.popleft()
            try:
                if job.console is None:
                    events = job.command()
                else:
                    with self.meeting.deciding_for(job.console):
                        events = job.command()
            except Refused as refused:
                _tell(job, Outcome([], refused))
                continue
            if not events or self.writer is None:  # a read-only display decides nothing
                _tell(job, Outcome([]))
                continue
            job.events = events
            self._in_flight = job
            with self._sent_lock:
                self._sent.update(e["id"] for e in events)
            # Compare-and-append: a floor decision only on the floor this meeting has folded.
            expect = (Expectation(self.meeting.last_floor_event, is_floor_event)
                      if any(is_floor_event(e) for e in events) else None)
            try:
                self.writer.submit(events, partial(self._written, job), expect)
            except Exception as error:  # the writer is closed: told like a failed write
                self._durable(job, error)

    def _written(self, job: Job, error: BaseException | None) -> None:
        # On the writer thread: the meeting is the owner's; hand over (never blocks).
        self.hand_over(partial(self._durable, job, error))

    def _durable(self, job: Job, error: BaseException | None) -> None:
        """On the owner's side: the writer is done with `job`'s events; apply, tell, go on."""
        with self.lock:
            self._in_flight = None
            if error is not None:
                with self._sent_lock:
                    self._sent.difference_update(e["id"] for e in job.events)
            if isinstance(error, Conflict):
                self._conflicted(job, error)
            elif error is not None:
                self._drop_waiting(job, error)
            else:
                self.meeting.apply_all(job.events)
                self.tell(Recorded(job.events, True, self.identity.id))
                _tell(job, Outcome(job.events))
            self._next()

    def _conflicted(self, job: Job, conflict: Conflict) -> None:
        """Another console decided first: fold what it recorded (the conflict carries it),
        then decide again or say what changed."""
        self.arrived(conflict.since)
        if job.retry > 0:
            job.retry -= 1
            self._waiting.appendleft(job)
            return
        changes = changed_meanwhile(self.meeting, conflict.since)
        self._drop_waiting(job, ChangedMeanwhile(changes, conflict.since))

    def _drop_waiting(self, job: Job, error: BaseException) -> None:
        # Later commands would be decided on a state that did not happen: dropped, and told.
        dropped = list(self._waiting)
        self._waiting.clear()
        _tell(job, Outcome([], error))
        for waiting in dropped:
            _tell(waiting, Outcome([], error, dropped=True))

    # -- following the record --------------------------------------------------------------

    def arrived(self, events: list[dict]) -> bool:
        """Fold in events read from the record; True (and `Recorded` told) if any was new."""
        with self.lock:
            fresh = [e for e in events if not self.meeting.has_applied(e.get("id", ""))]
            if not fresh:
                return False
            self.meeting.apply_all(fresh)
            self.tell(Recorded(fresh, False, self.identity.id))
            return True

    def not_ours(self, events: list[dict]) -> list[dict]:
        """`events` without the echo of our own (sent to the writer, applied when durable):
        each is recognised by its id once, then forgotten. Any thread."""
        with self._sent_lock:
            if not self._sent:
                return events
            kept = []
            for event in events:
                if event.get("id") in self._sent:
                    self._sent.discard(event["id"])
                else:
                    kept.append(event)
            return kept

    def poll(self) -> bool:
        """Read the store now and fold in what others recorded, on the calling thread (a
        console's follower thread does this every quarter of a second; tests call it).
        True if anything new was folded; a failure to read is told as `ReadFailed`."""
        try:
            new = self.store.read_new()
        except Exception as error:
            self.tell(ReadFailed(error))
            return False
        fresh = self.not_ours(new)
        return self.arrived(fresh) if fresh else False

    def follow(self, interval: float) -> None:
        """Start a follower thread: every `interval` seconds it reads the store off the owner's
        thread and hands what others recorded over (`hand_over`)."""
        self.stop_following()
        self.follower = Follower(self, interval)
        self.follower.start()

    def stop_following(self) -> None:
        if self.follower is not None:
            self.follower.stop()

    # -- the end ---------------------------------------------------------------------------

    def close(self, *, save_snapshot: bool = True) -> None:
        """Stop following, wait for the writes on their way to disk, save the folded state
        beside the journal (when this meeting records: the next open folds only what
        follows), close the store. Each step's failure is logged; the next ones still run."""
        def snapshot() -> None:
            if save_snapshot and self.writer is not None and isinstance(self.store, MeetingStore):
                meeting = self.meeting
                save_at_quit(self.store, meeting.agenda, meeting.roster, meeting)

        for closing in (self.stop_following, getattr(self.writer, "close", None), snapshot,
                        getattr(self.store, "close", None)):
            try:
                if closing is not None:
                    closing()
            except Exception as error:
                log.error("closing the meeting's store: %s", error)

    def __enter__(self) -> OpenMeeting:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _tell(job: Job, outcome: Outcome) -> None:
    if job.on_done is not None:
        job.on_done(outcome)
