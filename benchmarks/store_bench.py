"""Latency of one durable write at growing database sizes: our store, stock TinyDB, sqlite WAL."""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from lines import Line
from tinydb import TinyDB

from moderator.store import MeetingStore

SIZES = [100, 1_000, 10_000, 50_000]
SAMPLES = 200
DETAILS = ""  # the full grid of the last run, for RESULTS.md
TINYDB_SAMPLES = {100: 100, 1_000: 50, 10_000: 20, 50_000: 20}  # stock TinyDB is slow


def note(number: int) -> dict[str, object]:
    return {"v": 1, "id": uuid.uuid4().hex, "at": "2026-12-10T08:00:00.000000+00:00",
            "role": "rapporteur", "type": "note.added", "item": "2.1",
            "text": f"Delegation {number % 57} supports the draft decision with amendments."}


Write = Callable[[dict[str, object]], None]
Opened = tuple[Write, Callable[[], None]]  # how to write one record durably, how to close


def ours(directory: Path, size: int) -> Opened:
    store = MeetingStore.open(directory / "ours.db")
    for start in range(0, size, 1_000):
        store.append([note(n) for n in range(start, min(size, start + 1_000))])
    return (lambda doc: store.append([doc])), store.close


def stock_tinydb(directory: Path, size: int) -> Opened:
    db = TinyDB(directory / "stock.json")
    table = db.table("events")
    table.insert_multiple(note(n) for n in range(size))
    return table.insert, db.close


def sqlite_wal(directory: Path, size: int) -> Opened:
    db = sqlite3.connect(directory / "sqlite.db", isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE events (n INTEGER PRIMARY KEY, id TEXT UNIQUE, body TEXT)")
    db.execute("BEGIN")
    db.executemany("INSERT INTO events (id, body) VALUES (?, ?)",
                   ((d["id"], json.dumps(d)) for d in (note(n) for n in range(size))))
    db.execute("COMMIT")

    def insert(doc: dict[str, object]) -> None:
        db.execute("BEGIN")
        db.execute("INSERT INTO events (id, body) VALUES (?, ?)", (doc["id"], json.dumps(doc)))
        db.execute("COMMIT")

    return insert, db.close


CONTENDERS: dict[str, Callable[[Path, int], Opened]] = {
    "ours (journal)": ours,
    "TinyDB JSONStorage": stock_tinydb,
    "sqlite3 WAL, synchronous=FULL": sqlite_wal,
}
ROUNDS = 10  # the contenders take turns, round by round, so that fsync noise hits them alike


def samples_of(name: str, size: int) -> int:
    return TINYDB_SAMPLES[size] if name == "TinyDB JSONStorage" else SAMPLES


def alternate(directory: Path, size: int, rounds: int = ROUNDS) -> dict[str, list[float]]:
    """Every contender filled to `size`, then timed in turns: in each round each writes its
    share of records, the order rotating from round to round."""
    opened: dict[str, Opened] = {}
    timings: dict[str, list[float]] = {name: [] for name in CONTENDERS}
    try:
        for name, contender in CONTENDERS.items():
            folder = directory / name.split()[0].lower()
            folder.mkdir()
            opened[name] = contender(folder, size)
        names = list(CONTENDERS)
        for turn in range(rounds):
            for name in names[turn % len(names):] + names[:turn % len(names)]:
                share = max(1, samples_of(name, size) // rounds)
                write = opened[name][0]
                for number in range(share):
                    doc = note(number)
                    start = time.perf_counter_ns()
                    write(doc)
                    timings[name].append((time.perf_counter_ns() - start) / 1e6)
    finally:
        for _, close in opened.values():
            close()
    return timings


def p99(timings: list[float]) -> float:
    ordered = sorted(timings)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def run(workdir: str, large: object = None) -> list[Line]:
    """Run every contender at every size; the lines of the table (the detail is printed)."""
    rows: dict[str, dict[int, tuple[float, float, int]]] = {name: {} for name in CONTENDERS}
    with tempfile.TemporaryDirectory(dir=workdir) as directory:  # warm-up, not counted:
        alternate(Path(directory), SIZES[0], rounds=1)  # the first fsyncs of a run are slow
    for size in SIZES:
        with tempfile.TemporaryDirectory(dir=workdir) as directory:
            timings = alternate(Path(directory), size)
        for name in CONTENDERS:
            found = timings[name]
            rows[name][size] = (statistics.median(found), p99(found), len(found))
            print(f"  {name:32} {size:>7,} records: median {rows[name][size][0]:8.2f} ms "
                  f"({len(found)} writes in {ROUNDS} alternating rounds)", flush=True)
    global DETAILS
    DETAILS = details(rows)
    print(DETAILS)
    return lines_of(rows)


def details(rows: dict[str, dict[int, tuple[float, float, int]]]) -> str:
    """Every contender at every size, median / p99 in ms (printed, and kept in RESULTS.md)."""
    found = []
    for name, cells in rows.items():
        found.append(f"- {name}: " + "; ".join(
            f"{s:,}: {cells[s][0]:.2f} / {cells[s][1]:.2f}" for s in SIZES))
    return "\n".join(found)


def lines_of(rows: dict[str, dict[int, tuple[float, float, int]]]) -> list[Line]:
    ours, sqlite, stock = (rows["ours (journal)"], rows["sqlite3 WAL, synchronous=FULL"],
                           rows["TinyDB JSONStorage"])
    found = []
    for size in SIZES:
        median, p99_ = ours[size][0], ours[size][1]
        ratio = median / sqlite[size][0]
        found.append(Line(
            f"Durable write (note save) at {size:,} records: median / p99",
            f"{median:.2f} / {p99_:.2f} ms",
            f"sqlite WAL {sqlite[size][0]:.2f} / {sqlite[size][1]:.2f} ms; "
            f"stock TinyDB {stock[size][0]:.2f} / {stock[size][1]:.2f} ms",
            f"{ratio:.2f}x sqlite (median)", "<= 3x sqlite", ratio <= 3))
    flat = ours[SIZES[-1]][0] / ours[SIZES[0]][0]
    found.append(Line(f"Durable write stays flat: median at {SIZES[-1]:,} / at {SIZES[0]:,}",
                      f"{ours[SIZES[-1]][0]:.2f} ms", f"{ours[SIZES[0]][0]:.2f} ms (ours at "
                      f"{SIZES[0]:,})", f"{flat:.2f}x", "<= 1.5x", flat <= 1.5))
    return found


def filesystem_of(path: str) -> str:
    best, kind = "", "unknown"
    with open("/proc/mounts", encoding="utf-8") as mounts:
        for line in mounts:
            fields = line.split()
            mount = fields[1]
            if os.path.realpath(path).startswith(mount) and len(mount) > len(best):
                best, kind = mount, f"{fields[2]} ({fields[0]} on {mount})"
    return kind
