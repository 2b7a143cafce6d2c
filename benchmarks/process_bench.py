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

from console_probe import SETTLE_SECONDS
from generate import LargeMeeting, quit_once
from lines import Line

PROBE = Path(__file__).with_name("console_probe.py")

SEMINAR = Path(__file__).resolve().parent.parent  # the bundled agenda.yaml and speakers.yaml
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
    consoles, bare, seminars, empties = [], [], [], []
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
            copy = Path(directory) / f"bare-{number}.db.json"
            shutil.copyfile(large.database, copy)  # no snapshot: folded from the first event
            print(f"  process: console launch {number + 1} without the snapshot", flush=True)
            bare.append(launch(["console", str(large.agenda_200), str(large.roster), str(copy),
                                large.ends_at.isoformat(), "0.5"]))
            print(f"  process: the bundled seminar, launch {number + 1}", flush=True)
            seminars.append(launch(["console", str(SEMINAR / "agenda.yaml"),
                                    str(SEMINAR / "speakers.yaml"),
                                    str(Path(directory) / f"seminar-{number}.db.json"),
                                    large.ends_at.isoformat(), "0.5"]))
            print(f"  process: empty app launch {number + 1}", flush=True)
            empties.append(launch(["empty", str(idle)]))
        idles = {}
        for kind in ("rapporteur", "clock"):
            copy = Path(directory) / f"{kind}.db.json"
            shutil.copyfile(large.database, copy)
            shutil.copyfile(state, f"{copy}.state")
            print(f"  process: the {kind}'s console (idle {IDLE_SECONDS:g} s)", flush=True)
            idles[kind] = launch([kind, str(large.agenda_200), str(large.roster), str(copy),
                                  large.ends_at.isoformat(), str(IDLE_SECONDS)])
    reference = statistics.median(e["launch"] for e in empties)
    busy, calm = consoles[0], empties[0]
    calm_share = calm["cpu"] / calm["idle"]
    extra = (busy["peak_kb"] - calm["peak_kb"]) / 1024
    lines = []
    for what, runs, target in (
            ("the bundled seminar (an empty database)", seminars, 1.5),
            ("50,000 events, 200-item agenda, through the snapshot", consoles, 2),
            ("50,000 events, 200-item agenda, without the snapshot", bare, 3)):
        ours = statistics.median(r["launch"] for r in runs)
        lines.append(Line(f"Console launch to first full frame, as a process (Python start and "
                          f"imports of byte-compiled modules included): {what}", f"{ours:.2f} s",
                          f"{reference:.2f} s (empty Textual app)", f"{ours / reference:.2f}x",
                          f"<= {target}x", ours / reference <= target))
    for what, run in (("chair's console", busy), ("rapporteur's console", idles["rapporteur"]),
                      ("audience clock", idles["clock"])):
        share = run["cpu"] / run["idle"]
        lines.append(Line(f"CPU of the idle {what}, timer running, over {IDLE_SECONDS:g} s of "
                          f"real time from {SETTLE_SECONDS:g} s after its first frame "
                          f"({run['frames']:g} frames; those first {SETTLE_SECONDS:g} s, the rest "
                          f"of its start: {run['settle_cpu'] * 1000:.0f} ms of CPU)",
                          f"{share:.2%} of one core",
                          f"{calm_share:.2%} (empty Textual app)", "-", "< 0.8% of one core",
                          share < 0.008))
    lines.append(Line("Peak memory (VmHWM) of the console on the large meeting",
                      f"{busy['peak_kb'] / 1024:.0f} MB",
                      f"{calm['peak_kb'] / 1024:.0f} MB (empty Textual app)", f"+{extra:.0f} MB",
                      "< 150 MB more", extra < 150))
    return lines
