"""A long session: the work of one action does not grow with the length of the session, and
memory is measured hour by hour, so that growth would show."""

from __future__ import annotations

import gc

import pytest

from moderator.core.replay import Replay
from tests.reliability import long_session
from tests.reliability.long_session import LongFigures, resident_kib, run_long_session

ACTIONS = 3000  # `make stress`: 8 simulated hours (28,800 actions) through the store


def assert_each_action_folds_only_its_own(figures: LongFigures, events_per_action: int = 8
                                          ) -> None:
    assert figures.folds and min(figures.folds) >= 1  # every action's events were folded
    # Every non-undo action folds its own few events, at the start of the day as at the end.
    assert max(figures.folds) <= events_per_action
    first, last = figures.folds[:1000], figures.folds[-1000:]
    assert sum(last) <= 2 * sum(first) + 100


def test_each_action_folds_only_its_own_events() -> None:
    figures = run_long_session(ACTIONS)
    assert figures.actions == ACTIONS
    assert_each_action_folds_only_its_own(figures)
    assert figures.undo_folds and max(figures.undo_folds) > 0  # an undo refolds, and is counted


def test_a_fold_that_folds_everything_again_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """The measure can fail: a replay that refolds the whole session after each action (no
    checkpoint kept) makes the work of an action grow with the session."""
    original = Replay.apply_all

    def refolding(self: Replay, events):  # type: ignore[no-untyped-def]
        original(self, events)
        self.checkpoints = []
        self._refold(set(), len(self.events))

    monkeypatch.setattr(Replay, "apply_all", refolding)
    figures = run_long_session(300)
    assert max(figures.folds) > 100  # counted: the later actions refold hundreds of events
    with pytest.raises(AssertionError):
        assert_each_action_folds_only_its_own(figures)


def test_memory_is_what_the_process_holds_at_each_hour_not_its_peak(
        monkeypatch: pytest.MonkeyPatch) -> None:
    ballast = bytearray(64 << 20)
    ballast[::4096] = b"\x01" * (len(ballast) // 4096)  # every page touched: resident
    holding = resident_kib()
    del ballast
    gc.collect()
    assert holding - resident_kib() > 32 * 1024  # freed memory shows (a peak never drops)
    readings = iter([1000.0, 1500.0, 1200.0])
    monkeypatch.setattr(long_session, "resident_kib", lambda: next(readings))
    figures = run_long_session(30, window=10)
    assert figures.memory_kib == [1000.0, 1500.0, 1200.0]  # one reading per window
