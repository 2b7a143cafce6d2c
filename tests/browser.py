"""Debian's chromium driven by Playwright: one browser per test process, started by the first
test that asks for it and closed after the last of them in a row (the `browser` fixture of
tests/conftest.py; under xdist every browser test runs on one worker, so one chromium a run).

It is closed as soon as the next test needs no browser: Playwright's synchronous API leaves its
event loop marked as running on the main thread while it is open, and the Textual tests that a
worker runs next start their own loops there.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("MODERATOR_CHROMIUM", "/usr/bin/chromium")
# What Playwright starts: CHROMIUM, unable to put its threads above the suite's (see the script).
LAUNCHER = str(Path(__file__).with_name("chromium_at_our_priority"))
# As the machine runs it headless as root, with nothing reaching out to the network.
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
NO_BROWSER = (f"no chromium at {CHROMIUM}: `apt-get install chromium` (Debian's; .ci/run "
              "installs it), or point MODERATOR_CHROMIUM at one")


def available() -> bool:
    return os.access(CHROMIUM, os.X_OK) or shutil.which(CHROMIUM) is not None


class SharedBrowser:
    """The one chromium of this process, launched on first use."""

    def __init__(self) -> None:
        self._playwright = None
        self._browser = None

    def get(self):
        if self._browser is None:
            if not available():
                pytest.skip(NO_BROWSER)
            api = pytest.importorskip("playwright.sync_api")
            self._playwright = api.sync_playwright().start()
            try:
                self._browser = self._playwright.chromium.launch(executable_path=LAUNCHER,
                                                                 args=CHROMIUM_ARGS)
            except BaseException:
                self.close()
                raise
        return self._browser

    def close(self) -> None:
        browser, playwright = self._browser, self._playwright
        self._browser = self._playwright = None
        try:
            if browser is not None:
                browser.close()
        finally:
            if playwright is not None:
                playwright.stop()


SHARED = SharedBrowser()
