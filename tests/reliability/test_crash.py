"""kill -9 of a child recording real actions: nothing acknowledged is lost, duplicated or changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.crash import run_crash_rounds

pytestmark = pytest.mark.slow  # kill -9 rounds of a child process

KILLS = 50  # `make stress` runs 1,000 with the same code


def test_every_acknowledged_action_survives_kill_9(tmp_path: Path) -> None:
    figures = run_crash_rounds(tmp_path, KILLS)
    assert figures.problems == []
    assert (figures.tried, figures.survived) == (KILLS, KILLS)
    assert figures.lost == 0 and figures.duplicates == 0
    assert figures.acknowledged > KILLS  # the children really recorded actions before dying
