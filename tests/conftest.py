"""What every test directory shares."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.app import App
from textual.css.stylesheet import Stylesheet

from moderator.core import FakeClock, Meeting
from tests.browser import SHARED
from tests.helpers.small_meeting import START, small_agenda, small_roster

# Markers, xdist groups, the order tests are handed out in, and the line saying what was skipped.
pytest_plugins = ["pytester", "tests.run_summary"]


def _share_parsed_css() -> None:
    """Every app a test starts parses the same CSS again (its own stylesheet's cache starts
    empty): a tenth of the Textual tests' CPU. Parsing is a function of the CSS, where it was
    read from, its scope and the theme's variables, so the rules parsed once serve every app of
    this process (the snapshots, byte for byte, say nothing changed)."""
    parsed: dict[tuple, list] = {}
    parse = Stylesheet._parse_rules

    def _parse_rules(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):
        key = (css, read_from, is_default_rules, tie_breaker, scope,
               tuple(sorted(self._variables.items())))
        rules = parsed.get(key)
        if rules is None:
            rules = parsed[key] = parse(self, css, read_from, is_default_rules, tie_breaker, scope)
        return rules

    Stylesheet._parse_rules = _parse_rules


_share_parsed_css()


@pytest.fixture(scope="module")  # a module's own fixtures may keep pages open in it
def browser() -> Iterator[object]:
    """Debian's chromium through Playwright, shared by the browser tests that run in a row
    (tests/browser.py); the test is skipped, saying how to get it, where there is none."""
    yield SHARED.get()


@pytest.hookimpl(hookwrapper=True, trylast=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    yield
    if nextitem is None or "browser" not in getattr(nextitem, "fixturenames", ()):
        SHARED.close()


@pytest.fixture(autouse=True)
def notifications_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every notification an app shows is also kept in `app.notified`, in order.

    A toast leaves the screen after its timeout in real seconds, and a loaded machine can take
    longer than that between a key and the test's look at the screen: reading what was shown
    from this list never depends on how fast the machine is.
    """
    shown = App._on_notify

    def keep(app: App, event) -> None:
        app.__dict__.setdefault("notified", []).append(event.notification)
        shown(app, event)

    monkeypatch.setattr(App, "_on_notify", keep)


def notified(app: App) -> list:
    """The notifications `app` has shown so far, oldest first (expired ones included)."""
    return list(app.__dict__.get("notified", []))


# The small hand-built meeting, for the core's and the room server's tests (a folder with a
# meeting of its own defines its own `clock` or `meeting`).
@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def meeting(clock: FakeClock) -> Meeting:
    return Meeting(small_agenda(), small_roster(), clock)


@pytest.fixture
def debate(meeting: Meeting) -> Meeting:
    """The meeting with the discussion item open (no scheduled speakers), nobody on the floor."""
    meeting.record(meeting.start_item("debate"))
    return meeting
