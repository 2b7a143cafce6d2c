"""A chair's process on the real clocks: reads commands on stdin, answers one JSON line each.

Run under libfaketime by the wall-clock step test: it never sleeps (a faked sleep can fail),
it only waits for the next line. Commands: `give`, `more`, `finish`, `timer`.
Usage: chair_process.py DB
"""

from __future__ import annotations

import json
import sys

from moderator.cli.options import BUNDLED
from moderator.core import Meeting, SystemClock, load_meeting
from moderator.store import MeetingStore


def main() -> None:
    agenda, roster = load_meeting(BUNDLED / "agenda.yaml", BUNDLED / "speakers.yaml")
    meeting = Meeting(agenda, roster, SystemClock())
    store = MeetingStore.open(sys.argv[1])
    meeting.apply_all(store.read_new())
    commands = {"give": meeting.give_floor, "more": lambda: meeting.adjust_time(30),
                "finish": meeting.finish_intervention, "timer": lambda: []}
    for line in sys.stdin:
        events = commands[line.strip()]()
        store.append(events)
        meeting.apply_all(events)
        timer = meeting.timer()
        print(json.dumps({"wall": meeting.clock.now().isoformat(), "elapsed": timer.elapsed,
                          "remaining": timer.remaining, "state": timer.state.value}), flush=True)
    store.close()


if __name__ == "__main__":
    main()
