"""Every Nth write, fsync and replace of a scripted session fails in turn: the acknowledged
prefix, exactly, is what the database holds afterwards, and each failure was reported."""

from __future__ import annotations

from pathlib import Path

from tests.reliability.failing_io import Injector, run_failing_io, session

ACTIONS = 10  # `make stress` runs a longer session through the same code


def test_every_injected_failure_keeps_exactly_the_acknowledged_prefix(tmp_path: Path) -> None:
    figures = run_failing_io(tmp_path, actions=ACTIONS)
    assert figures.problems == []
    assert figures.survived == figures.tried
    assert figures.lost == 0 and figures.duplicates == 0
    assert figures.reported >= figures.tried  # every failure was seen by the caller


def test_the_session_exercises_every_call(tmp_path: Path) -> None:
    counting = Injector()
    with counting.active():
        outcome = session(tmp_path / "count.db", 7, ACTIONS)
    assert outcome.messages == []
    assert counting.counts["link"] >= 1  # the creation
    assert counting.counts["replace"] >= 1  # the compaction
    assert counting.counts["fsync"] > ACTIONS
