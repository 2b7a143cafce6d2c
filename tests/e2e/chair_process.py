"""A chair's process on the real clocks: reads commands on stdin, answers one JSON line each.

Run under libfaketime by the wall-clock step test: it never sleeps (a faked sleep can fail),
it only waits for the next line. Commands: `give`, `more`, `finish`, `timer`.
Usage: chair_process.py DB
"""

from __future__ import annotations

import json
import sys

from moderator.cli.options import BUNDLED
from moderator.core import load_meeting
from moderator.session import open_meeting


def main() -> None:
    agenda, roster = load_meeting(BUNDLED / "agenda.yaml", BUNDLED / "speakers.yaml")
    opened = open_meeting(agenda, roster, sys.argv[1], role="moderator")
    meeting = opened.meeting
    commands = {"give": meeting.give_floor, "more": lambda: meeting.adjust_time(30),
                "finish": meeting.finish_intervention, "timer": lambda: []}
    for line in sys.stdin:
        opened.record(commands[line.strip()])
        timer = meeting.timer()
        print(json.dumps({"wall": meeting.clock.now().isoformat(), "elapsed": timer.elapsed,
                          "remaining": timer.remaining, "state": timer.state.value}), flush=True)
    opened.close(save_snapshot=False)


if __name__ == "__main__":
    main()
