"""A console process for the two-consoles test: decides, records and follows, like the real ones.

Usage: console_process.py DB ROLE ROUNDS EXPECTED_FROM_OTHER. Says `ready` once the store is
open, starts on a line read from stdin, and prints one JSON line of figures.
"""

from __future__ import annotations

import json
import statistics
import sys
import time

from moderator.core import Meeting, Refused, SystemClock, event_time
from moderator.store import MeetingStore
from tests.core.conftest import make_meeting


def follow(meeting: Meeting, store: MeetingStore, role: str, seen: dict[str, float]) -> None:
    new = store.read_new()
    now = time.time()
    for event in new:
        if event["role"] != role and event["id"] not in seen:
            seen[event["id"]] = now - event_time(event).timestamp()
    meeting.apply_all(new)


def decide(meeting: Meeting, role: str, n: int) -> list[dict]:
    if role == "rapporteur":
        return meeting.add_note(f"note {n} #rec")
    if meeting.current_item() is None:
        return meeting.start_item("debate")
    if meeting.floor() is not None:
        return meeting.finish_intervention()
    if not meeting.queue():
        return meeting.request_floor(("TR", "AT", "DE")[n % 3])
    return meeting.give_floor()


def main() -> None:
    db, role, rounds, expected = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    store = MeetingStore.open(db)
    meeting = make_meeting(SystemClock(), role=role)
    # Both processes start writing together: what one writes while the other is still
    # importing would be "seen late" for the import's sake, not the store's.
    print("ready", flush=True)
    sys.stdin.readline()
    seen: dict[str, float] = {}
    written = 0
    for n in range(rounds):
        follow(meeting, store, role, seen)
        try:
            events = decide(meeting, role, n)
        except Refused:
            continue
        store.append(events)
        meeting.apply_all(events)
        written += len(events)
    deadline = time.time() + 20
    while len(seen) < expected and time.time() < deadline:
        follow(meeting, store, role, seen)
        time.sleep(0.01)
    latencies = sorted(seen.values())
    print(json.dumps({
        "role": role, "written": written, "seen": len(seen), "notes": len(meeting.notes()),
        "spoken": len(meeting.log("debate")),
        "median": statistics.median(latencies) if latencies else None,
        "max": latencies[-1] if latencies else None,
    }))


if __name__ == "__main__":
    main()
