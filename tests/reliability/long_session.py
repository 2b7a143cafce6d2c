"""A long session at one action per second with the clock injected: work, time and memory per action."""

from __future__ import annotations

import random
import resource
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

from moderator.core import FakeClock, Meeting
from moderator.store import MeetingStore
from tests.reliability.scenario import START, fresh_meeting, next_action


@dataclass
class LongFigures:
    actions: int = 0
    events: int = 0
    folds: list[int] = field(default_factory=list)  # events folded by each non-undo action
    undo_folds: list[int] = field(default_factory=list)  # events refolded by each undo
    window_ms: list[float] = field(default_factory=list)  # mean ms per action, per window
    memory_kib: list[float] = field(default_factory=list)  # traced (or peak resident) after each window


class CountingMeeting(Meeting):
    """Counts the events the fold touches (the work of one action, independent of the machine)."""

    folded = 0

    def _fold(self, event: dict) -> None:
        self.folded += 1
        super()._fold(event)


def run_long_session(actions: int, *, database: Path | None = None, window: int = 1000,
                     trace_memory: bool = False, seed: int = 8) -> LongFigures:
    """`actions` actions, one a second of simulated time, through the store when `database` is given."""
    clock = FakeClock(START)
    base = fresh_meeting(clock)
    meeting = CountingMeeting(base.agenda, base.roster, clock)
    store = MeetingStore.open(database, clock) if database else None
    rng = random.Random(seed)
    figures = LongFigures()
    if trace_memory:
        tracemalloc.start()
    started = time.perf_counter()
    try:
        for number in range(1, actions + 1):
            events = next_action(meeting, rng, clock)
            clock.advance(1)
            if store is not None:
                store.append(events)
            before = meeting.folded
            meeting.apply_all(events)
            work = meeting.folded - before
            is_undo = any(e["type"] == "undo" for e in events)
            (figures.undo_folds if is_undo else figures.folds).append(work)
            figures.events += len(events)
            if number % window == 0:
                now = time.perf_counter()
                figures.window_ms.append((now - started) * 1000 / window)
                started = now
                figures.memory_kib.append(tracemalloc.get_traced_memory()[0] / 1024 if trace_memory
                                          else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
            figures.actions = number
    finally:
        if store is not None:
            store.close()
        if trace_memory:
            tracemalloc.stop()
    return figures
