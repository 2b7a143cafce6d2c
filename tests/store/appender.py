"""A child process for the store's tests: appends events and prints each acknowledged id.

Usage: appender.py DB PREFIX COUNT (COUNT 0: until killed). After the appends it waits for a
line on stdin, then prints `seen <ids>` of every event read_new returned that it did not write.
"""

from __future__ import annotations

import sys

from moderator.store import MeetingStore


def main(path: str, prefix: str, count: int) -> None:
    store = MeetingStore.open(path)
    mine: set[str] = set()
    seen: set[str] = set()
    number = 0
    print("ready", flush=True)
    while count == 0 or number < count:
        event = {"v": 1, "id": f"{prefix}-{number}", "at": "2026-12-10T08:00:00+00:00",
                 "role": "rapporteur", "type": "note.added", "text": "x" * (number % 50)}
        store.append([event])
        mine.add(event["id"])
        print(event["id"], flush=True)  # acknowledged: durable now
        seen.update(e["id"] for e in store.read_new())
        number += 1
    sys.stdin.readline()
    seen.update(e["id"] for e in store.read_new())
    print("seen " + " ".join(sorted(seen - mine)), flush=True)
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
