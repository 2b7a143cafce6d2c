"""The lock survives a deleted lock file and a second name: two writers, kill -9, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.lock_rounds import ATTACKS, run_lock_rounds

pytestmark = pytest.mark.slow  # writer processes killed and their lock files attacked

ROUNDS = 12  # `make stress` runs 250 of each with the same code


@pytest.mark.parametrize("attack", ATTACKS)
def test_two_writers_lose_nothing_whatever_happens_to_the_files(tmp_path: Path, attack: str) -> None:
    figures = run_lock_rounds(tmp_path, attack, ROUNDS, rounds_per_database=ROUNDS, max_reads=15)
    assert figures.problems == []
    assert figures.lost == 0 and figures.duplicates == 0
    assert figures.rounds == ROUNDS
    assert figures.acknowledged > ROUNDS * 2  # both writers really appended in every round
