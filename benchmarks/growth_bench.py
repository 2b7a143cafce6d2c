"""Growth: the generated meeting at 1x, 5x and 10x its length (days, interventions, notes,
events), each with the snapshot a clean quit leaves: open, console launch, each export, the
console's peak memory, and each figure's ratio to 1x.

`GROWTH_SCALES` (environment, e.g. "1,2,4") runs other sizes when the full run would take too
long on a loaded machine; RESULTS.md then says which were run.
"""

from __future__ import annotations

import gc
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from generate import LargeMeeting, generate
from lines import Line
from process_bench import launch

from moderator.core import Meeting, SystemClock, load_meeting
from moderator.session.snapshots import open_folded
from moderator.store import MeetingStore
from moderator.store.collector import paused

SCALES = tuple(int(s) for s in os.environ.get("GROWTH_SCALES", "1,5,10").split(","))
FORMATS = ("docx", "md", "html", "json", "csv")
OPENS = 3
TABLE = ""  # the growth table of the last run, for RESULTS.md


def open_through_snapshot(large: LargeMeeting) -> float:
    agenda, roster = load_meeting(large.agenda, large.roster)
    start = time.perf_counter()
    meeting = Meeting(agenda, roster, SystemClock())
    with open_folded(large.database, agenda, roster, meeting) as store:
        took = time.perf_counter() - start
        assert store.resumed is not None, "the snapshot was not used"
    return took


def open_from_scratch(large: LargeMeeting) -> float:
    agenda, roster = load_meeting(large.agenda, large.roster)
    start = time.perf_counter()
    with MeetingStore.open(large.database) as store:
        meeting = Meeting(agenda, roster, SystemClock())
        with paused():  # as the session's opening folds
            meeting.apply_all(store.events())
    return time.perf_counter() - start


def export_times(large: LargeMeeting) -> dict[str, float]:
    from moderator.export.formats import render, summarise

    agenda, roster = load_meeting(large.agenda, large.roster)
    found = {}
    for fmt in FORMATS:  # as `moderator export` makes each: read, sum up, render
        start = time.perf_counter()
        render(summarise([large.database], agenda, roster, SystemClock()), fmt)
        found[fmt] = time.perf_counter() - start
        gc.collect()
    return found


def console(large: LargeMeeting, directory: Path) -> dict[str, float]:
    copy = directory / "console.db.json"
    shutil.copyfile(large.database, copy)  # the console writes drafts and a snapshot at quit
    shutil.copyfile(f"{large.database}.state", f"{copy}.state")
    return launch(["console", str(large.agenda), str(large.roster), str(copy),
                   large.ends_at.isoformat(), "0.5"])


def measure(scale: int, directory: Path) -> dict[str, float]:
    started = time.perf_counter()
    large = generate(directory / f"x{scale}", scale=scale)
    print(f"  growth {scale}x: {large.events:,} events, {large.notes:,} notes "
          f"(generated in {time.perf_counter() - started:.0f} s)", flush=True)
    row: dict[str, float] = {"events": large.events}
    row["open"] = statistics.median(open_through_snapshot(large) for _ in range(OPENS))
    row["scratch"] = open_from_scratch(large)
    gc.collect()
    run = console(large, directory)
    row["launch"], row["peak"] = run["launch"], run["peak_kb"] / 1024
    for fmt, took in export_times(large).items():
        row[f"export {fmt}"] = took
    print("  " + ", ".join(f"{k} {v:.2f}" for k, v in row.items()), flush=True)
    shutil.rmtree(large.directory)
    return row


NAMES = {"open": "Open + fold through the snapshot (s)",
         "scratch": "Open + fold from the first event, for reference (s)",
         "launch": "Console launch as a process, to first full frame (s)",
         "peak": "Console peak memory, VmHWM (MB)",
         **{f"export {fmt}": f"Export to {fmt}, read + sum up + render (s)" for fmt in FORMATS}}


def table(rows: dict[int, dict[str, float]]) -> str:
    scales = sorted(rows)
    head = ("| What | " + " | ".join(f"{s}x ({rows[s]['events']:,.0f} events)" for s in scales)
            + " | " + " | ".join(f"{s}x / 1x" for s in scales[1:]) + " |")
    lines = [head, "|---" * (1 + 2 * len(scales) - 1) + "|"]
    for key, name in NAMES.items():
        base = rows[scales[0]][key]
        cells = [f"{rows[s][key]:.2f}" if key != "peak" else f"{rows[s][key]:.0f}" for s in scales]
        ratios = [f"{rows[s][key] / base:.2f}x" for s in scales[1:]]
        lines.append(f"| {name} | " + " | ".join(cells + ratios) + " |")
    return "\n".join(lines)


def run(workdir: str, large: object = None) -> list[Line]:
    rows: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(dir=workdir) as directory:
        for scale in SCALES:
            rows[scale] = measure(scale, Path(directory))
    global TABLE
    TABLE = table(rows)
    print(TABLE)
    low, high = min(SCALES), max(SCALES)
    a, b = rows[low], rows[high]
    found = [
        Line(f"Console launch at {high}x / at {low}x (as a process, through the snapshot)",
             f"{b['launch']:.2f} s", f"{a['launch']:.2f} s ({low}x)",
             f"{b['launch'] / a['launch']:.2f}x", "<= 1.3x", b["launch"] / a["launch"] <= 1.3),
        Line(f"Console peak memory at {high}x / at {low}x", f"{b['peak']:.0f} MB",
             f"{a['peak']:.0f} MB ({low}x)", f"{b['peak'] / a['peak']:.2f}x", "< 2x",
             b["peak"] / a["peak"] < 2),
        Line(f"Open + fold at {high}x through the snapshot / at {low}x", f"{b['open']:.2f} s",
             f"{a['open']:.2f} s ({low}x)", f"{b['open'] / a['open']:.2f}x", "-", True),
    ]
    for fmt in FORMATS:
        key = f"export {fmt}"
        found.append(Line(f"Export to {fmt} at {low}x (read through the snapshot, sum up, render)",
                          f"{a[key]:.2f} s", "-", "-", "< 0.5 s", a[key] < 0.5))
        found.append(Line(f"Export to {fmt} at {high}x", f"{b[key]:.2f} s",
                          f"{a[key]:.2f} s ({low}x)", f"{b[key] / a[key]:.2f}x", "< 2 s",
                          b[key] < 2))
    return found
