"""`make bench`: generate the large meeting, run every benchmark module, print one table and
write it to benchmarks/RESULTS.md with a description of the machine.

To add a benchmark: write `benchmarks/<name>.py` with `run(workdir, large) -> list[Line]`
(`large` is the generated meeting, see generate.py) and add the module to BENCHMARKS.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import console_bench  # noqa: E402
import export_bench  # noqa: E402
import growth_bench  # noqa: E402
import import_bench  # noqa: E402
import notes_bench  # noqa: E402
import open_bench  # noqa: E402
import paste_bench  # noqa: E402
import process_bench  # noqa: E402
import requests_bench  # noqa: E402
import room_bench  # noqa: E402
import store_bench  # noqa: E402
from generate import generate  # noqa: E402
from lines import HEADER  # noqa: E402

BENCHMARKS = [store_bench, open_bench, console_bench, paste_bench, notes_bench, process_bench,
              export_bench, import_bench, room_bench, requests_bench, growth_bench]
RESULTS = Path(__file__).with_name("RESULTS.md")


def machine(workdir: str) -> str:
    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info
                       if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return "\n".join([
        f"- CPU: {cpu}, {os.cpu_count()} cores, {memory()} RAM",
        f"- Python {platform.python_version()} on {platform.system()} {platform.release()}",
        f"- file system of the benchmark directory ({workdir}): {store_bench.filesystem_of(workdir)}",
        f"- run at {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
    ])


def memory() -> str:
    try:
        with open("/proc/meminfo", encoding="utf-8") as info:
            kb = next(int(line.split()[1]) for line in info if line.startswith("MemTotal:"))
    except (OSError, StopIteration):
        return "unknown"
    return f"{kb / 1024 / 1024:.1f} GB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", default=tempfile.gettempdir(),
                        help="where the databases are written (its file system matters)")
    parser.add_argument("--only", default="",
                        help="run these modules alone (comma-separated, e.g. console_bench): "
                             "RESULTS.md then keeps the previous full run below the new lines")
    args = parser.parse_args()
    chosen = [m for m in BENCHMARKS if not args.only
              or m.__name__ in args.only.replace(" ", "").split(",")]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=args.dir) as directory:
        print("generating the large meeting...", flush=True)
        large = generate(Path(directory) / "large")
        print(f"  {large.events:,} events, {large.interventions:,} interventions, "
              f"{large.notes:,} notes ({time.perf_counter() - started:.0f} s)", flush=True)
        lines = []
        for module in chosen:
            print(f"{module.__name__}:", flush=True)
            lines += module.run(directory, large)
    table = HEADER + "\n" + "\n".join(line.row() for line in lines)
    print("\n" + table + "\n")
    missed = sum(not line.passed for line in lines)
    if len(chosen) < len(BENCHMARKS):
        return _partial(args.dir, chosen, table, missed, len(lines), started)
    text = "\n".join([
        "# Benchmark results", "", machine(args.dir),
        f"- generated meeting: 5 days, 40 items (200 on the start-up agenda), "
        f"{large.interventions:,} interventions, {large.notes:,} notes, {large.events:,} events",
        f"- whole run: {time.perf_counter() - started:.0f} s; {missed} of {len(lines)} lines miss",
        "", table, "", METHOD, "",
        f"Growth ({', '.join(f'{s}x' for s in growth_bench.SCALES)} the generated meeting; "
        "each with the snapshot a clean quit leaves):", "", growth_bench.TABLE, "",
        "Durable write, every contender (median / p99 in ms at each size):", "",
        store_bench.DETAILS, ""])
    RESULTS.write_text(text, encoding="utf-8")
    print(f"written to {RESULTS}")
    return 0


def _partial(directory: str, chosen: list, table: str, missed: int, count: int,
             started: float) -> int:
    """A run of some modules: their lines first, then the last full run as it was."""
    previous = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    marker = "\n## The last full run\n"
    previous = previous.split(marker, 1)[1] if marker in previous else previous
    previous = previous.replace("# Benchmark results\n", "", 1).strip()
    text = "\n".join([
        "# Benchmark results", "", machine(directory),
        f"- partial run of {', '.join(m.__name__ for m in chosen)}: "
        f"{time.perf_counter() - started:.0f} s; {missed} of {count} lines miss",
        "", table, "", METHOD, "", marker.strip(), "",
        "Every module, as it ran before the partial run above:", "", previous, ""])
    RESULTS.write_text(text, encoding="utf-8")
    print(f"written to {RESULTS} (partial)")
    return 0


METHOD = """How: every reference runs in the same run (the same process, or a process launched the
same way). Frames are timed at the end of Textual's frame, turned into the bytes a terminal would
get (benchmarks/frames.py); keys go in as the terminal driver sends them, the frame is drawn as
soon as they took effect, and a key's figure ends with the frame that shows it (nothing left to
draw). The console runs headless at 120x36 (the floor keys at 80x24 and 160x45 too) on a clock
that starts where the generated meeting stopped, with its timer running. Processes start from
byte-compiled modules (`make bench` compiles them first, as the install does)."""


if __name__ == "__main__":
    sys.exit(main())
