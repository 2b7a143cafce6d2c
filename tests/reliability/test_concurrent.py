"""3 processes x 200 appends on one database: all present once, each sees the others' writes."""

from __future__ import annotations

from pathlib import Path

from tests.reliability.concurrent import run_concurrent

PROCESSES, WRITES = 3, 200  # `make stress`: 3 x 1,000


def test_concurrent_writers_lose_nothing_and_see_each_other(tmp_path: Path) -> None:
    figures = run_concurrent(tmp_path / "meeting.db", PROCESSES, WRITES)
    assert figures.problems == []
    assert figures.written == figures.stored == PROCESSES * WRITES
    assert figures.lost == 0 and figures.duplicates == 0
