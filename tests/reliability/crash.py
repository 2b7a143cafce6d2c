"""Kill -9 rounds: a forked child records real actions through the core and the store, then dies.

The child prints one line per acknowledged action (after `append` returned, or after the writer
thread said it was durable): the event ids, the clock, and a fingerprint of every view. The
parent kills it at a random moment, reopens the database and checks that every acknowledged
event is there once, in order, and that a fresh meeting folding the acknowledged prefix shows
exactly what the child showed. Forking (not spawning) keeps a round to a few milliseconds.
"""

from __future__ import annotations

import os
import random
import signal
import sys
import time
import traceback
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from moderator.core import FakeClock, event_time
from moderator.store import MeetingStore, Writer
from tests.helpers.views import digest
from tests.reliability.scenario import START, fresh_meeting, next_action

CHILD_FAILED = 3
MAX_ACTION_EVENTS = 8  # the most events one action can produce (next item with a floor held)


@dataclass
class CrashFigures:
    tried: int = 0
    survived: int = 0
    acknowledged: int = 0
    lost: int = 0
    duplicates: int = 0
    problems: list[str] = field(default_factory=list)


def _child(path: Path, seed: int, out_fd: int, use_writer: bool) -> None:
    """Runs in the forked process until killed; never returns."""
    code = CHILD_FAILED
    try:
        out = os.fdopen(out_fd, "w", buffering=1)
        store = MeetingStore.open(path)
        stored = store.events()
        clock = FakeClock(event_time(stored[-1]) if stored else START)
        meeting = fresh_meeting(clock)
        meeting.apply_all(stored)
        writer = Writer(store) if use_writer else None
        rng = random.Random(seed)
        while True:
            events = next_action(meeting, rng, clock)
            if writer is None:
                store.append(events)
            else:
                errors: list[BaseException | None] = []
                writer.submit(events, errors.append)
                writer.flush()
                if errors != [None]:
                    raise RuntimeError(f"the writer failed: {errors}")
            meeting.apply_all(events)
            now = clock.now()
            ids = " ".join(e["id"] for e in events)
            out.write(f"{ids}|{now.isoformat()}|{digest(meeting, now)}\n")  # acknowledged
    except BaseException:
        traceback.print_exc()
    finally:
        os._exit(code)


def _one_round(path: Path, rng: random.Random, acknowledged: list[str], figures: CrashFigures,
               max_actions: int) -> None:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        _child(path, rng.getrandbits(64), write_end, rng.random() < 0.3)
    os.close(write_end)
    figures.tried += 1
    lines: list[str] = []
    with os.fdopen(read_end) as reader:
        for _ in range(rng.randint(0, max_actions)):
            line = reader.readline()
            if not line:
                break
            lines.append(line)
        if rng.random() < 0.7:  # somewhere inside the next append, not only between two
            time.sleep(rng.random() * 0.004)
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        lines.extend(reader.read().splitlines())  # printed before it died: acknowledged too
    if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
        figures.problems.append(f"round {figures.tried}: the child stopped by itself ({status})")
        return
    _check(path, acknowledged, lines, figures)


def _check(path: Path, acknowledged: list[str], lines: list[str], figures: CrashFigures) -> None:
    with MeetingStore.open(path) as store:
        stored = store.events()
    ids = [e["id"] for e in stored]
    before = len(figures.problems)
    acked_now = [i for line in lines for i in line.split("|")[0].split()]
    figures.acknowledged += len(acked_now)
    expected = acknowledged + acked_now
    duplicates = len(ids) - len(set(ids))
    lost = len(set(expected) - set(ids))
    figures.duplicates += duplicates
    figures.lost += lost
    if duplicates or lost:
        figures.problems.append(f"round {figures.tried}: {lost} lost, {duplicates} duplicated")
    elif ids[:len(expected)] != expected:
        figures.problems.append(f"round {figures.tried}: acknowledged events out of order")
    elif len(ids) - len(expected) > MAX_ACTION_EVENTS:
        figures.problems.append(f"round {figures.tried}: {len(ids) - len(expected)} events "
                                "that were never decided")
    elif lines:
        _, moment, fingerprint = lines[-1].rstrip("\n").split("|")
        now = datetime.fromisoformat(moment)
        replay = fresh_meeting(FakeClock(now))
        replay.apply_all(stored[:len(expected)])
        if digest(replay, now) != fingerprint:
            figures.problems.append(f"round {figures.tried}: the replayed state differs")
    if len(figures.problems) == before:
        figures.survived += 1
    # What is durable is the history the next child continues (an unacknowledged last action
    # that reached the disk included).
    acknowledged[:] = ids


def run_crash_rounds(directory: Path, rounds: int, *, seed: int = 20261210,
                     rounds_per_database: int = 50, max_actions: int = 12) -> CrashFigures:
    """`rounds` kills; a new database every `rounds_per_database` rounds keeps each round cheap."""
    rng = random.Random(seed)
    figures = CrashFigures()
    acknowledged: list[str] = []
    path = directory / "crash-0.db"
    sys.stdout.flush()
    sys.stderr.flush()  # a forked child must not print the parent's buffered output again
    for number in range(rounds):
        if number % rounds_per_database == 0:
            path = directory / f"crash-{number}.db"
            acknowledged = []
        _one_round(path, rng, acknowledged, figures, max_actions)
    return figures
