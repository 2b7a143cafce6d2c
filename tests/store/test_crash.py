"""kill -9 a writer at random moments: every acknowledged event survives and the file opens."""

from __future__ import annotations

import random
import signal
from pathlib import Path

import pytest

from moderator.store import MeetingStore
from tests.store.conftest import start_appender

pytestmark = pytest.mark.slow  # kill -9 rounds of a child process

ROUNDS = 30


def test_every_acknowledged_event_survives_kill_9(db_path: Path) -> None:
    chance = random.Random(20261210)
    acknowledged: list[str] = []
    for round_number in range(ROUNDS):
        child = start_appender(db_path, f"r{round_number}", 0)
        assert child.stdout is not None
        for _ in range(chance.randint(0, 25)):
            acknowledged.append(child.stdout.readline().strip())
        child.send_signal(signal.SIGKILL)
        # whatever it printed before dying was acknowledged too
        acknowledged.extend(line.strip() for line in child.stdout.read().splitlines())
        child.wait()
        with MeetingStore.open(db_path) as store:
            stored = [e["id"] for e in store.events()]
        assert len(stored) == len(set(stored)), "duplicate events"
        missing = set(acknowledged) - set(stored)
        assert not missing, f"round {round_number}: lost {sorted(missing)[:5]}"
    assert len(acknowledged) > ROUNDS
