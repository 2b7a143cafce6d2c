"""A long session at one action per second with the clock injected: work, time and memory per action."""

from __future__ import annotations

import os
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
    memory_kib: list[float] = field(default_factory=list)  # traced (or resident) after each window


class FoldCounter:
    """Counts the events a meeting's fold folds, the first time and again (an undo's refold):
    the work of one action, independent of the machine. It wraps the one call the replay
    makes for every event it folds (`Replay._fold`), on this meeting only."""

    def __init__(self, meeting: Meeting) -> None:
        self.folded = 0
        replay = meeting.replay
        fold = replay._fold
        assert callable(fold), "the replay folds each event through _fold"

        def counted(event: dict) -> str | None:
            self.folded += 1
            return fold(event)

        replay._fold = counted  # type: ignore[method-assign]


def resident_kib() -> float:
    """The memory the process holds now (resident set, /proc/self/statm), not its peak: an
    hour that grows shows, and memory freed shows too. Elsewhere, the peak (ru_maxrss)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
    except (OSError, ValueError, IndexError):
        return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024


def run_long_session(actions: int, *, database: Path | None = None, window: int = 1000,
                     trace_memory: bool = False, seed: int = 8) -> LongFigures:
    """`actions` actions, one a second of simulated time, through the store when `database` is given."""
    clock = FakeClock(START)
    meeting = fresh_meeting(clock)
    counter = FoldCounter(meeting)
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
            before = counter.folded
            meeting.apply_all(events)
            work = counter.folded - before
            is_undo = any(e["type"] == "undo" for e in events)
            (figures.undo_folds if is_undo else figures.folds).append(work)
            figures.events += len(events)
            if number % window == 0:
                now = time.perf_counter()
                figures.window_ms.append((now - started) * 1000 / window)
                started = now
                figures.memory_kib.append(tracemalloc.get_traced_memory()[0] / 1024 if trace_memory
                                          else resident_kib())
            figures.actions = number
    finally:
        if store is not None:
            store.close()
        if trace_memory:
            tracemalloc.stop()
    return figures
