"""The console as a process on the large meeting, against an empty Textual app as a process:
launch to first full frame, CPU while idle with a running timer, peak memory."""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import LargeMeeting, quit_once
from lines import Line

PROBE = Path(__file__).with_name("console_probe.py")
LAUNCHES = 3
IDLE_SECONDS = 10.0


def launch(arguments: list[str]) -> dict[str, float]:
    start = time.monotonic()
    done = subprocess.run([sys.executable, str(PROBE), *arguments], capture_output=True,
                          text=True, check=False, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"console_probe {arguments[0]} failed:\n{done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["launch"] = result["first_frame"] - start
    return result


def run(workdir: str, large: LargeMeeting) -> list[Line]:
    consoles, empties = [], []
    with tempfile.TemporaryDirectory(dir=workdir) as directory:
        state = Path(f"{quit_once(large, large.agenda_200, Path(directory))}.state")
        for number in range(LAUNCHES):
            idle = IDLE_SECONDS if number == 0 else 0.5
            copy = Path(directory) / f"console-{number}.db.json"
            shutil.copyfile(large.database, copy)  # the console writes drafts into its database
            shutil.copyfile(state, f"{copy}.state")
            print(f"  process: console launch {number + 1} (idle {idle:g} s)", flush=True)
            consoles.append(launch(["console", str(large.agenda_200), str(large.roster), str(copy),
                                    large.ends_at.isoformat(), str(idle)]))
            print(f"  process: empty app launch {number + 1}", flush=True)
            empties.append(launch(["empty", str(idle)]))
        copy = Path(directory) / "rapporteur.db.json"
        shutil.copyfile(large.database, copy)
        shutil.copyfile(state, f"{copy}.state")
        print(f"  process: rapporteur's console (idle {IDLE_SECONDS:g} s)", flush=True)
        notes = launch(["rapporteur", str(large.agenda_200), str(large.roster), str(copy),
                        large.ends_at.isoformat(), str(IDLE_SECONDS)])
    notes_share = notes["cpu"] / notes["idle"]
    ours = statistics.median(c["launch"] for c in consoles)
    reference = statistics.median(e["launch"] for e in empties)
    busy, calm = consoles[0], empties[0]
    share, calm_share = busy["cpu"] / busy["idle"], calm["cpu"] / calm["idle"]
    extra = (busy["peak_kb"] - calm["peak_kb"]) / 1024
    return [
        Line("Console launch to first full frame, as a process (Python start and imports "
             "included; 50,000 events, 200-item agenda)", f"{ours:.2f} s",
             f"{reference:.2f} s (empty Textual app)", f"{ours / reference:.2f}x",
             "<= 2x (aim 1.5x)", ours / reference <= 2),
        Line(f"CPU of the idle chair's console, timer running, over {IDLE_SECONDS:g} s of real "
             f"time ({busy['frames']:g} frames)", f"{share:.1%} of one core",
             f"{calm_share:.1%} (empty Textual app)", "-", "< 2% of one core", share < 0.02),
        Line(f"CPU of the idle rapporteur's console, timer running, over {IDLE_SECONDS:g} s "
             f"({notes['frames']:g} frames)", f"{notes_share:.1%} of one core",
             f"{calm_share:.1%} (empty Textual app)", "-", "< 2% of one core", notes_share < 0.02),
        Line("Peak memory (VmHWM) of the console on the large meeting",
             f"{busy['peak_kb'] / 1024:.0f} MB", f"{calm['peak_kb'] / 1024:.0f} MB (empty Textual app)",
             f"+{extra:.0f} MB", "< 150 MB more", extra < 150),
    ]
