"""A moderator process and a rapporteur process on one database, writing hundreds of events each."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # two console processes writing hundreds of events

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 300


def start(db: Path, role: str, expected: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store.console_process", str(db), role, str(ROUNDS),
         str(expected)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def test_both_write_hundreds_and_each_sees_the_other_at_its_next_read(tmp_path):
    db = tmp_path / "meeting.db.json"
    # The moderator writes one event per round; the rapporteur one note per round.
    moderator, rapporteur = start(db, "moderator", ROUNDS), start(db, "rapporteur", ROUNDS)
    children = (moderator, rapporteur)
    # Both started (a loaded machine imports slowly), then both go at once.
    for child in children:
        assert child.stdout.readline().strip() == "ready"
    for child in children:
        child.stdin.write("go\n")
        child.stdin.flush()
    figures = {}
    for child in children:
        out, _ = child.communicate(timeout=120)
        assert child.returncode == 0
        report = json.loads(out)
        figures[report["role"]] = report
    shown = {role: {k: v for k, v in report.items() if k not in ("durable", "read_before")}
             for role, report in figures.items()}
    print(f"\nlatency: {json.dumps(shown)}")  # shown with pytest -s; seconds on this machine
    assert figures["moderator"]["written"] == ROUNDS
    assert figures["rapporteur"]["written"] == ROUNDS
    assert figures["moderator"]["seen"] == ROUNDS and figures["rapporteur"]["seen"] == ROUNDS
    assert figures["moderator"]["notes"] == ROUNDS  # the moderator's meeting holds every note
    # Each saw every event of the other at its first read begun once the event was on disk:
    # no read missed what was already written (time.monotonic is the machine's clock, the same
    # in both processes). How many seconds that took depends on the machine's load, not here.
    for reader, writer in (("moderator", "rapporteur"), ("rapporteur", "moderator")):
        on_disk = figures[writer]["durable"]
        for event_id, read_before in figures[reader]["read_before"].items():
            assert read_before is None or on_disk[event_id] > read_before, (
                f"{reader} missed {event_id}: on disk at {on_disk[event_id]}, "
                f"read from {read_before} on")

    from moderator.store import MeetingStore

    events = MeetingStore.open(db).events()
    ids = Counter(e["id"] for e in events)
    assert len(events) == 2 * ROUNDS and max(ids.values()) == 1
    roles = Counter((e["role"], e["type"].startswith("note.")) for e in events)
    assert roles == {("moderator", False): ROUNDS, ("rapporteur", True): ROUNDS}
