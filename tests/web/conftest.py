"""The room server's tests: a database in tmp_path, the chair's side, and a fresh browser context
for each test in the one chromium of the run (the `browser` fixture of tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator.core import FakeClock
from tests.web.room import Chair

ARTEFACTS = Path(__file__).resolve().parents[2] / "tests" / "artefacts" / "web"


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "meeting.db.json"


@pytest.fixture
def chair(database: Path, clock: FakeClock) -> Iterator[Chair]:
    chair = Chair(database, clock)
    yield chair
    chair.close()


@pytest.fixture
def context(browser) -> Iterator[object]:
    """A fresh browser context (its own cookies and storage) for each test."""
    context = browser.new_context()
    yield context
    context.close()


def artefact(name: str) -> Path:
    """Where a screenshot is kept (tests/artefacts/web/, not committed)."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    return ARTEFACTS / name
