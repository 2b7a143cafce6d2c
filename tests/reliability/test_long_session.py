"""A long session: the work of one action does not grow with the length of the session."""

from __future__ import annotations

import pytest

from tests.reliability.long_session import run_long_session

pytestmark = pytest.mark.slow  # a long session replayed

ACTIONS = 3000  # `make stress`: 8 simulated hours (28,800 actions) through the store


def test_each_action_folds_only_its_own_events() -> None:
    figures = run_long_session(ACTIONS)
    assert figures.actions == ACTIONS
    # Every non-undo action folds its own few events, at the start of the day as at the end.
    assert max(figures.folds) <= 8
    first, last = figures.folds[:1000], figures.folds[-1000:]
    assert sum(last) <= 2 * sum(first) + 100
