"""A console process for the two-consoles test: decides, records and follows, like the real ones.

Usage: console_process.py DB ROLE ROUNDS EXPECTED_FROM_OTHER. Says `ready` once the store is
open, starts on a line read from stdin, and prints one JSON line: its figures, when each event
it wrote was on disk, and for each event of the other's it saw, when the read before began.
"""

from __future__ import annotations

import json
import statistics
import sys
import time

from moderator.core import Meeting, Refused, SystemClock, event_time
from moderator.store import MeetingStore
from tests.core.conftest import make_meeting


class Follower:
    """Reads what the other process records, round after round, and keeps for each event it
    saw: how late (the figures) and when the read before the one that saw it began."""

    def __init__(self, meeting: Meeting, store: MeetingStore, role: str) -> None:
        self.meeting, self.store, self.role = meeting, store, role
        self.seen: dict[str, float] = {}
        self.read_before: dict[str, float | None] = {}
        self.last_read: float | None = None

    def follow(self) -> None:
        started = time.monotonic()  # the machine's steady clock: the other process's too
        new = self.store.read_new()
        now = time.time()
        for event in new:
            if event["role"] != self.role and event["id"] not in self.seen:
                self.seen[event["id"]] = now - event_time(event).timestamp()
                self.read_before[event["id"]] = self.last_read
        self.last_read = started
        self.meeting.apply_all(new)


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
    follower = Follower(meeting, store, role)
    durable: dict[str, float] = {}  # when each event this process wrote was on disk
    written = 0
    for n in range(rounds):
        follower.follow()
        try:
            events = decide(meeting, role, n)
        except Refused:
            continue
        store.append(events)
        on_disk = time.monotonic()
        durable.update((event["id"], on_disk) for event in events)
        meeting.apply_all(events)
        written += len(events)
    deadline = time.time() + 60
    while len(follower.seen) < expected and time.time() < deadline:
        follower.follow()
        time.sleep(0.01)
    latencies = sorted(follower.seen.values())
    print(json.dumps({
        "role": role, "written": written, "seen": len(follower.seen),
        "notes": len(meeting.notes()), "spoken": len(meeting.log("debate")),
        "median": statistics.median(latencies) if latencies else None,
        "max": latencies[-1] if latencies else None,
        "durable": durable, "read_before": follower.read_before,
    }))

if __name__ == "__main__":
    main()
