"""A console in its own process, for what only a process can show: its launch, CPU and memory.

    python console_probe.py console|rapporteur|clock AGENDA ROSTER DATABASE START_ISO IDLE_SECONDS
    python console_probe.py empty IDLE_SECONDS

Prints one JSON line: the moment (time.monotonic, shared by every process of the machine) of
the first full frame, the CPU seconds spent while idle for IDLE_SECONDS of real time (from
SETTLE_SECONDS after it, when IDLE_SECONDS is 1 or more),
and the peak resident memory (VmHWM) in kB.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

# An idle console is measured at rest: from this long after its first frame, once what its
# start leaves for after the first frame (the rest of the screen, the notes) is done.
SETTLE_SECONDS = 2.0


def peak_kb() -> int:
    with open("/proc/self/status", encoding="utf-8") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))


async def probe(app: Any, screen: type, idle: float) -> dict[str, float]:
    from frames import Frames

    frames = Frames(app)
    async with app.run_test(headless=True, size=(120, 36)) as pilot:
        while frames.first_of(screen) is None:
            await pilot.pause()
        first = frames.first_of(screen)
        settle = 0.0
        if idle >= 1:  # at rest: what the start leaves for after the first frame is done
            started = time.process_time()
            await asyncio.sleep(SETTLE_SECONDS)
            settle = time.process_time() - started
        shown = len(frames.times)
        cpu = time.process_time()
        await asyncio.sleep(idle)  # the console runs on its own: timers, ticks, frames
        cpu = time.process_time() - cpu
        count = len(frames.times) - shown
        await pilot.exit(None)
    offset = time.monotonic() - time.perf_counter()  # perf_counter is per process
    return {"first_frame": first + offset, "cpu": cpu, "frames": count, "idle": idle,
            "settle_cpu": settle}


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    kind = sys.argv[1]
    if kind == "empty":
        from textual.app import App
        from textual.screen import Screen

        result = asyncio.run(probe(App(), Screen, float(sys.argv[2])))
    else:
        import moderator.cli  # noqa: F401  (what the `moderator` command imports first)
        from moderator.store import collector

        collector.launching()  # as the command launches a console (cli/consoles.py)

        from datetime import datetime

        from generate import LiveClock

        from moderator.core import load_meeting
        from moderator.tui.app import build_app
        from moderator.tui.screens.console import ConsoleScreen

        agenda_path, roster_path, database, start, idle = sys.argv[2:7]
        agenda, roster = load_meeting(Path(agenda_path), Path(roster_path))
        clock = LiveClock(datetime.fromisoformat(start))
        if kind == "clock":
            from moderator.tui.clock_app import build_clock_app
            from moderator.tui.screens.audience_clock import AudienceClockScreen

            app = build_clock_app(agenda, roster, Path(database), clock)
            result = asyncio.run(probe(app, AudienceClockScreen, float(idle)))
        elif kind == "rapporteur":
            from moderator.tui.rapporteur_app import build_rapporteur_app
            from moderator.tui.screens.rapporteur import RapporteurScreen

            app = build_rapporteur_app(agenda, roster, Path(database), clock)
            result = asyncio.run(probe(app, RapporteurScreen, float(idle)))
        else:
            app = build_app(agenda, roster, Path(database), clock)
            result = asyncio.run(probe(app, ConsoleScreen, float(idle)))
    result["peak_kb"] = peak_kb()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
