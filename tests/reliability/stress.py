"""`make stress`: the long reliability rounds, with the figures printed.

The same code as the short suite in `make test`, with larger sizes.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from tests.reliability.attackers import FULL as HOSTILE_NETWORK
from tests.reliability.concurrent import run_concurrent
from tests.reliability.crash import run_crash_rounds
from tests.reliability.failing_io import run_failing_io
from tests.reliability.hostile_network import describe, run_hostile_network
from tests.reliability.lock_rounds import ATTACKS, run_lock_rounds
from tests.reliability.long_session import run_long_session

KILLS = 1000
FAILING_IO_ACTIONS = 30
PROCESSES, WRITES = 3, 1000
HOSTILE_EXAMPLES = 300
LONG_ACTIONS = 8 * 3600  # 8 simulated hours, one action a second
LOCK_ROUNDS = 250  # of each attack: the lock file deleted, the database reached through a symlink


def main() -> int:
    ok = True
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        started = time.perf_counter()
        crash = run_crash_rounds(root, KILLS)
        print(f"kills survived / tried:             {crash.survived} / {crash.tried} "
              f"({crash.acknowledged} acknowledged actions, {time.perf_counter() - started:.0f} s)")
        io = run_failing_io(root, actions=FAILING_IO_ACTIONS)
        print(f"injected failures survived / tried: {io.survived} / {io.tried} "
              f"(write, fsync, replace at every N; {io.reported} errors reported)")
        concurrent = run_concurrent(root / "concurrent.db", PROCESSES, WRITES)
        print(f"concurrent writers:                 {concurrent.stored} stored of "
              f"{concurrent.written} written by {PROCESSES} processes")
        locks = []
        for attack in ATTACKS:
            started = time.perf_counter()
            figures = run_lock_rounds(root, attack, LOCK_ROUNDS)
            locks.append(figures)
            print(f"two writers, {attack + ':':14}      {figures.rounds} kill/append rounds, "
                  f"{figures.acknowledged} acknowledged events, {figures.lost} lost, "
                  f"{figures.duplicates} duplicated ({time.perf_counter() - started:.0f} s)")
        lost = crash.lost + io.lost + concurrent.lost + sum(f.lost for f in locks)
        duplicates = (crash.duplicates + io.duplicates + concurrent.duplicates
                      + sum(f.duplicates for f in locks))
        print(f"records lost:                       {lost}")
        print(f"duplicates:                         {duplicates}")
        problems = crash.problems + io.problems + concurrent.problems
        problems += [p for f in locks for p in f.problems]
        tried = 0
        # The same property tests as `make test`, with more examples (hypothesis refuses a
        # second settings decorator, so the count is read when the module loads).
        os.environ["MODERATOR_HOSTILE_EXAMPLES"] = str(HOSTILE_EXAMPLES)
        from tests.reliability import test_hostile_text as hostile

        for test in (hostile.test_notes_and_guests_round_trip_exactly,
                     hostile.test_a_lone_surrogate_is_refused_clearly,
                     hostile.test_every_export_escapes_hostile_text):
            try:
                test()
            except Exception as error:  # a hypothesis failure: print it, go on with the figures
                problems.append(f"{test.__name__}: {error}")
            tried += HOSTILE_EXAMPLES
        print(f"hostile inputs tried:               {tried} (plus the console's literal rendering "
              "in make test)")
        long = run_long_session(LONG_ACTIONS, database=root / "long.db", window=3600)
        print(f"long session:                       {long.actions} actions, {long.events} events")
        print("  ms per action, each simulated hour: "
              + " ".join(f"{ms:.2f}" for ms in long.window_ms))
        print("  resident KiB at the end of each hour: "
              + " ".join(f"{kib:.0f}" for kib in long.memory_kib))
        growth = long.memory_kib[-1] - long.memory_kib[0] if long.memory_kib else 0.0
        print(f"  growth from the first hour to the last: {growth:+.0f} KiB")
        print(f"  events folded per action:          max {max(long.folds)} (undo: "
              f"{len(long.undo_folds)} undos, refolding up to {max(long.undo_folds, default=0)})")
        network = run_hostile_network(root, HOSTILE_NETWORK)
        print(*describe(network), sep="\n")
        problems += network.problems
        if problems or lost or duplicates:
            ok = False
            print("PROBLEMS:", *problems[:20], sep="\n  ")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
