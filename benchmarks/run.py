"""`make bench`: run every benchmark module, print its figures and write benchmarks/RESULTS.md.

To add a benchmark: write `benchmarks/<name>.py` with `run(workdir) -> str` (a Markdown
section it also prints) and add the module to BENCHMARKS.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import store_bench  # noqa: E402

BENCHMARKS = [store_bench]
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
        f"- CPU: {cpu}, {os.cpu_count()} cores",
        f"- Python {platform.python_version()} on {platform.system()} {platform.release()}",
        f"- file system of the benchmark directory ({workdir}): {store_bench.filesystem_of(workdir)}",
        f"- run at {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
    ])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", default=tempfile.gettempdir(),
                        help="where the databases are written (its file system matters)")
    args = parser.parse_args()
    sections = []
    for module in BENCHMARKS:
        print(f"{module.__name__}:", flush=True)
        sections.append(module.run(args.dir))
    text = "# Benchmark results\n\n" + machine(args.dir) + "\n\n" + "\n".join(sections)
    RESULTS.write_text(text, encoding="utf-8")
    print(f"written to {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
