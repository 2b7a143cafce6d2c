"""Fail the Nth write, fsync or replace of a scripted session, for every N (as SQLite's tests do).

A scripted session (open, actions, a draft, a compaction, more actions) runs once to count the
calls, then once per N with the Nth call failing. Afterwards the database must open and hold
exactly the acknowledged events, and a fresh meeting folding them must show what the session
showed. A failing write first writes half its bytes: a torn record the store has to cut off.
"""

from __future__ import annotations

import errno
import os
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from moderator.core import FakeClock
from moderator.store import MeetingStore, StoreError
from tests.helpers.views import digest
from tests.reliability.scenario import START, fresh_meeting, next_action

CALLS = ("write", "fsync", "replace", "link")  # link: a new database is linked in place
ERRNO = {"write": errno.ENOSPC, "fsync": errno.EIO, "replace": errno.ENOSPC, "link": errno.ENOSPC}


@dataclass
class FailureFigures:
    tried: int = 0
    survived: int = 0
    reported: int = 0  # StoreErrors the session saw (each a clear message naming the file)
    lost: int = 0
    duplicates: int = 0
    problems: list[str] = field(default_factory=list)


class Injector:
    """Counts calls of `os.write`, `os.fsync`, `os.replace`; makes the `fail_at`-th one of `name` fail."""

    def __init__(self, name: str | None = None, fail_at: int = 0) -> None:
        self.name, self.fail_at = name, fail_at
        self.counts = dict.fromkeys(CALLS, 0)

    @contextmanager
    def active(self) -> Iterator[None]:
        real = {name: getattr(os, name) for name in CALLS}
        for name in CALLS:
            setattr(os, name, self._wrap(name, real[name]))
        try:
            yield
        finally:
            for name in CALLS:
                setattr(os, name, real[name])

    def _wrap(self, name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any) -> Any:
            self.counts[name] += 1
            if name == self.name and self.counts[name] == self.fail_at:
                if name == "write":
                    real(args[0], bytes(args[1])[: len(args[1]) // 2])  # a torn record
                raise OSError(ERRNO[name], os.strerror(ERRNO[name]))
            return real(*args)

        return call


@dataclass(frozen=True)
class Outcome:
    acknowledged: list[str]
    fingerprint: str  # of the session's meeting at `end`
    end: datetime
    messages: list[str]  # every StoreError the session saw


def session(path: Path, seed: int, actions: int) -> Outcome:
    """Run the script, applying only what the store acknowledged."""
    clock = FakeClock(START)
    meeting = fresh_meeting(clock)
    rng = random.Random(seed)
    acknowledged: list[str] = []
    messages: list[str] = []
    try:
        store = MeetingStore.open(path, clock)
    except StoreError as error:
        return Outcome(acknowledged, digest(meeting, clock.now()), clock.now(), [str(error)])
    try:
        for number in range(actions):
            events = next_action(meeting, rng, clock)
            try:
                if number == actions // 2:
                    store.save_draft("note", f"half-typed {number}")
                    store.compact()
                store.append(events)
            except StoreError as error:
                messages.append(str(error))
                continue  # the console goes on: the next command is decided on the real state
            acknowledged.extend(e["id"] for e in events)
            meeting.apply_all(events)
    finally:
        store.close()
    return Outcome(acknowledged, digest(meeting, clock.now()), clock.now(), messages)


def run_failing_io(directory: Path, *, actions: int = 20, seed: int = 7) -> FailureFigures:
    """Every N of every call of the scripted session, each on a new database."""
    counting = Injector()
    with counting.active():
        session(directory / "count.db", seed, actions)
    figures = FailureFigures()
    for name in CALLS:
        for nth in range(1, counting.counts[name] + 1):
            path = directory / f"{name}-{nth}.db"
            injector = Injector(name, nth)
            with injector.active():
                outcome = session(path, seed, actions)
            figures.tried += 1
            figures.reported += len(outcome.messages)
            _check(path, f"{name} #{nth}", outcome, figures)
    return figures


def _check(path: Path, label: str, outcome: Outcome, figures: FailureFigures) -> None:
    before = len(figures.problems)
    if not outcome.messages:
        figures.problems.append(f"{label}: the failure was never reported")
    for message in outcome.messages:
        if str(path) not in message:
            figures.problems.append(f"{label}: the error does not name the file: {message}")
    with MeetingStore.open(path) as store:
        stored = store.events()
    ids = [e["id"] for e in stored]
    figures.lost += len(set(outcome.acknowledged) - set(ids))
    figures.duplicates += len(ids) - len(set(ids))
    if ids != outcome.acknowledged:
        figures.problems.append(f"{label}: stored {len(ids)} events, acknowledged "
                                f"{len(outcome.acknowledged)}, or in another order")
    replay = fresh_meeting(FakeClock(outcome.end))
    replay.apply_all(stored)
    if digest(replay, outcome.end) != outcome.fingerprint:
        figures.problems.append(f"{label}: the reopened state differs from the session's")
    if len(figures.problems) == before:
        figures.survived += 1
