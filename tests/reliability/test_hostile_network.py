"""A hostile network's small round (`make stress` runs the full one with the same code): the
connected podium gets every change within a second, a new podium connects, nothing fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.attackers import SMALL
from tests.reliability.hostile_network import (
    PODIUM_SECONDS,
    WITHIN_SECONDS,
    describe,
    run_hostile_network,
)

pytestmark = pytest.mark.slow  # a server and its attackers, in processes of their own


def test_the_room_holds_against_a_hostile_network(tmp_path: Path) -> None:
    figures = run_hostile_network(tmp_path, SMALL)
    print("\n".join(describe(figures)))
    assert figures.problems == []
    # Every change the chair made reached the podium within the second (problems says which
    # did not); how many the chair made in 3 s depends on the machine's load (6 at a load of 10).
    assert figures.worst_delay <= WITHIN_SECONDS and figures.changes >= 3
    assert len(figures.podium_seconds) == SMALL.podiums
    assert max(figures.podium_seconds) <= PODIUM_SECONDS
    # The attack was real: every attacker connected (how many came back after being let go in
    # three seconds depends on the machine's load), the server held only what it could and let
    # the rest go.
    tally = figures.tally
    assert tally.tried >= SMALL.idle + SMALL.slowloris + SMALL.phone_sockets + SMALL.chunked
    assert tally.refused > 0 and tally.held < tally.tried
    assert sum(figures.answers.values()) > 0 and figures.answers[500] == 0
    assert len(figures.log_lines) < 20
    assert figures.files < SMALL.open_files  # the server never ran out of descriptors
