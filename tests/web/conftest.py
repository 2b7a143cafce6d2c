"""The room server's tests: a database in tmp_path, the chair's side, and one browser per module."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator.core import FakeClock
from tests.web.room import Chair

CHROMIUM = os.environ.get("MODERATOR_CHROMIUM", "/usr/bin/chromium")
# As the machine runs it headless as root, with nothing reaching out to the network.
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
ARTEFACTS = Path(__file__).resolve().parents[2] / "tests" / "artefacts" / "web"
NO_BROWSER = (f"no chromium at {CHROMIUM}: install Debian's with `apt-get install chromium` "
              "(.ci/run does it), or point MODERATOR_CHROMIUM at one")


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "meeting.db.json"


@pytest.fixture
def chair(database: Path, clock: FakeClock) -> Iterator[Chair]:
    chair = Chair(database, clock)
    yield chair
    chair.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's chromium through Playwright, once per module; skipped where there is none."""
    if not (os.access(CHROMIUM, os.X_OK) or shutil.which(CHROMIUM)):
        pytest.skip(NO_BROWSER)
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


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
