"""Two writers and a hostile file system: kill/append rounds that try to get around the lock.

Each round starts a new writer beside the one still running (both append as fast as they can,
and compact now and then), then kills the older one with SIGKILL. Before the new writer opens
the database, the round attacks it:

- "lock-deleted": every `*.lock` file beside the database is deleted (a cleanup script, a sync
  client): a lock kept in a separate file is lost that way, and the new writer no longer waits
  for the old one.
- "symlink": the writers reach the database by two names, the real path and a symlink to it:
  a lock named after the path would be two locks.

After every kill the database must open and hold every acknowledged event of both writers
exactly once; at the end the symlink must still be a symlink to the file holding everything.
"""

from __future__ import annotations

import os
import random
import signal
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from moderator.store import MeetingStore, StoreError

ATTACKS = ("lock-deleted", "symlink")
CHILD_FAILED = 3
COMPACT_EVERY = 40  # appends between two compactions by one writer


@dataclass
class LockFigures:
    attack: str
    rounds: int = 0
    acknowledged: int = 0
    lost: int = 0
    duplicates: int = 0
    problems: list[str] = field(default_factory=list)


@dataclass
class _Writer:
    pid: int
    out: object  # the read end of its pipe, line-buffered text
    acked: list[str] = field(default_factory=list)


def _child(path: Path, tag: str, out_fd: int) -> None:
    """Appends events until killed, printing each acknowledged id; never returns."""
    try:
        out = os.fdopen(out_fd, "w", buffering=1)
        store = MeetingStore.open(path)
        number = 0
        while True:
            event = {"v": 1, "id": f"{tag}-{number}", "at": "2026-12-10T08:00:00+00:00",
                     "role": "rapporteur", "type": "note.added", "text": "x" * (number % 40)}
            store.append([event])
            out.write(event["id"] + "\n")  # acknowledged: durable now
            number += 1
            if number % COMPACT_EVERY == 0:
                store.compact()
            elif number % 7 == 0:
                store.read_new()
    except BaseException:
        traceback.print_exc()
    finally:
        os._exit(CHILD_FAILED)


def _start(path: Path, tag: str) -> _Writer:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        _child(path, tag, write_end)
    os.close(write_end)
    return _Writer(pid, os.fdopen(read_end))


def _kill(writer: _Writer) -> str | None:
    """SIGKILL, then everything it printed before dying; a problem if it had stopped by itself."""
    os.kill(writer.pid, signal.SIGKILL)
    _, status = os.waitpid(writer.pid, 0)
    writer.acked.extend(writer.out.read().split())  # type: ignore[attr-defined]
    writer.out.close()  # type: ignore[attr-defined]
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
        return None
    return f"a writer stopped by itself (status {status}): see its traceback above"


def _attack(kind: str, real: Path, link: Path, number: int) -> Path:
    """Do the round's harm; the path the new writer opens."""
    if kind == "lock-deleted":
        for stray in real.parent.glob("*.lock"):
            stray.unlink(missing_ok=True)
        return real
    return link if number % 2 else real


def _check(real: Path, acked: set[str], figures: LockFigures, label: str) -> bool:
    try:
        with MeetingStore.open(real) as store:
            ids = [e["id"] for e in store.events()]
    except StoreError as error:
        figures.problems.append(f"{label}: the database no longer opens: {error}")
        figures.lost += len(acked)
        return False
    duplicates = len(ids) - len(set(ids))
    lost = len(acked - set(ids))
    figures.duplicates += duplicates
    figures.lost += lost
    if lost or duplicates:
        figures.problems.append(f"{label}: {lost} acknowledged events lost, {duplicates} duplicated")
    return not (lost or duplicates)


def run_lock_rounds(directory: Path, attack: str, rounds: int, *, seed: int = 20261211,
                    rounds_per_database: int = 50, max_reads: int = 30) -> LockFigures:
    """`rounds` rounds of `attack` (see ATTACKS), a new database every `rounds_per_database`."""
    assert attack in ATTACKS
    rng = random.Random(seed)
    figures = LockFigures(attack)
    sys.stdout.flush()
    sys.stderr.flush()  # a forked child must not print the parent's buffered output again
    running: _Writer | None = None
    acked: set[str] = set()
    real = link = directory
    for number in range(rounds):
        if number % rounds_per_database == 0:
            if running is not None:
                _finish(running, real, link, acked, figures, attack, number)
                running = None
            folder = directory / f"{attack}-{number}"
            folder.mkdir()
            real, link = folder / "meeting.db.json", folder / "link.db.json"
            MeetingStore.open(real).close()
            link.symlink_to(real.name)
            acked = set()
        newcomer = _start(_attack(attack, real, link, number), f"r{number}")
        figures.rounds += 1
        for _ in range(rng.randint(1, max_reads)):  # both write meanwhile
            line = newcomer.out.readline()  # type: ignore[attr-defined]
            if not line:
                break
            newcomer.acked.append(line.strip())
        if running is not None:
            problem = _kill(running)
            if problem:
                figures.problems.append(f"round {number}: {problem}")
            acked.update(running.acked)
            figures.acknowledged += len(running.acked)
        acked.update(newcomer.acked)
        figures.acknowledged += len(newcomer.acked)
        newcomer.acked = []
        _check(real, acked, figures, f"{attack} round {number}")
        running = newcomer
    if running is not None:
        _finish(running, real, link, acked, figures, attack, rounds)
    return figures


def _finish(running: _Writer, real: Path, link: Path, acked: set[str], figures: LockFigures,
            attack: str, number: int) -> None:
    problem = _kill(running)
    if problem:
        figures.problems.append(f"round {number}: {problem}")
    acked.update(running.acked)
    figures.acknowledged += len(running.acked)
    _check(real, acked, figures, f"{attack} after round {number - 1}")
    with MeetingStore.open(real) as store:
        store.compact()  # the next compaction removes a killed writer's half-written snapshot
    if not link.is_symlink() or link.resolve() != real.resolve():
        figures.problems.append(f"{link}: no longer a symlink to {real}")
    strays = sorted(p.name for p in real.parent.iterdir() if p not in (real, link))
    if strays:
        figures.problems.append(f"{real.parent}: files left beside the database: {strays}")
