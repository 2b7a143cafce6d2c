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


def test_both_write_hundreds_and_each_sees_the_other_within_a_second(tmp_path):
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
    print(f"\nlatency: {json.dumps(figures)}")  # shown with pytest -s
    assert figures["moderator"]["written"] == ROUNDS
    assert figures["rapporteur"]["written"] == ROUNDS
    assert figures["moderator"]["seen"] == ROUNDS and figures["rapporteur"]["seen"] == ROUNDS
    assert figures["moderator"]["notes"] == ROUNDS  # the moderator's meeting holds every note
    for report in figures.values():
        assert report["max"] < 1.0, report

    from moderator.store import MeetingStore

    events = MeetingStore.open(db).events()
    ids = Counter(e["id"] for e in events)
    assert len(events) == 2 * ROUNDS and max(ids.values()) == 1
    roles = Counter((e["role"], e["type"].startswith("note.")) for e in events)
    assert roles == {("moderator", False): ROUNDS, ("rapporteur", True): ROUNDS}
