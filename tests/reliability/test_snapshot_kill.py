"""kill -9 while the folded-state snapshot is being written: the journal loses nothing, the next
open through whatever snapshot is left folds exactly what a fold from scratch gives.

A forked child appends a few actions, then saves a snapshot and is killed inside the save at a
chosen stage (part of the temporary file written, written and fsynced but not renamed, renamed
but the folder not fsynced) or at whatever moment its saving loop is in. The child says where it
is through a pipe; the parent kills it there: no clock is waited on.
"""

from __future__ import annotations

import os
import random
import signal
import sys
import traceback
from pathlib import Path

import pytest

from moderator.core import FakeClock, Meeting, event_time
from moderator.session import snapshots
from moderator.store import MeetingStore
from moderator.store import snapshot as files
from tests.helpers.views import every_view
from tests.reliability.scenario import START, fresh_meeting, next_action, seminar

STAGES = ("partial", "before-rename", "after-rename", "loop")
ROUNDS_PER_STAGE = 3


def _child(database: Path, seed: int, stage: str, out_fd: int) -> None:
    """Runs in the forked process until killed; never returns."""
    try:
        out = os.fdopen(out_fd, "w", buffering=1)
        agenda, roster = seminar()
        store = MeetingStore.open(database)
        events = store.events()
        clock = FakeClock(event_time(events[-1]) if events else START)
        meeting = fresh_meeting(clock)
        meeting.apply_all(events)
        rng = random.Random(seed)
        for _ in range(rng.randint(1, 6)):
            decided = next_action(meeting, rng, clock)
            store.append(decided)
            meeting.apply_all(decided)
            out.write("appended " + " ".join(e["id"] for e in decided) + "\n")

        def stop_here(where: str) -> None:
            out.write(f"at {where}\n")
            while True:  # until the parent's kill -9
                signal.pause()

        if stage == "partial":
            original = files.write_all
            written = [0]

            def write_all(fd: int, data: bytes) -> None:
                original(fd, data[: len(data) // 2] if written[0] else data)
                written[0] += 1
                if written[0] == 2:
                    stop_here(stage)

            files.write_all = write_all  # type: ignore[assignment]
        elif stage == "before-rename":
            files.os.replace = lambda *a: stop_here(stage)  # type: ignore[assignment]
        elif stage == "after-rename":
            files.fsync_dir = lambda *a: stop_here(stage)  # type: ignore[assignment]
        if stage == "loop":
            while True:
                snapshots.save(store, agenda, roster, meeting)
                out.write("saved\n")
        snapshots.save(store, agenda, roster, meeting)
        out.write("saved\n")
    except BaseException:
        traceback.print_exc()
    finally:
        os._exit(3)


def _round(database: Path, rng: random.Random, stage: str) -> list[str]:
    """One child killed at `stage`; returns the ids it said it appended."""
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        _child(database, rng.getrandbits(64), stage, write_end)
    os.close(write_end)
    appended: list[str] = []
    with os.fdopen(read_end) as reader:
        saves = rng.randint(1, 3)
        for line in reader:
            if line.startswith("appended "):
                appended += line.split()[1:]
            elif line.startswith("at ") or (stage == "loop" and line == "saved\n"
                                            and (saves := saves - 1) == 0):
                break
        else:
            raise AssertionError("the child stopped before the moment to kill it")
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    return appended


@pytest.mark.parametrize("stage", STAGES)
def test_kill_9_while_the_snapshot_is_written(tmp_path: Path, stage: str) -> None:
    agenda, roster = seminar()
    database = tmp_path / "meeting.db.json"
    clock = FakeClock(START)
    first = fresh_meeting(clock)
    rng = random.Random(stage)
    with MeetingStore.open(database, clock, meeting=agenda.event.id) as store:
        for _ in range(150):
            events = next_action(first, rng, clock)
            store.append(events)
            first.apply_all(events)
        assert snapshots.save(store, agenda, roster, first)  # an older snapshot is left to find
    acknowledged = [e["id"] for e in MeetingStore.open(database).events()]
    for _ in range(ROUNDS_PER_STAGE):
        acknowledged += _round(database, rng, stage)
        with MeetingStore.open(database) as store:
            stored = store.events()
        assert [e["id"] for e in stored] == acknowledged  # nothing lost, nothing duplicated
        scratch = fresh_meeting(clock)
        scratch.apply_all(stored)
        resumed = Meeting(agenda, roster, clock)
        with snapshots.open_folded(database, agenda, roster, resumed) as store:
            assert resumed.state == scratch.state
            assert every_view(resumed, clock.now()) == every_view(scratch, clock.now())
            if stage == "after-rename":
                assert store.resumed is not None  # the new one, complete before its rename
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    if stage in ("partial", "before-rename"):
        assert leftovers  # a killed writer's temporary file ...
    with MeetingStore.open(database) as store:
        assert snapshots.save(store, agenda, roster)
    assert [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []  # ... is removed
