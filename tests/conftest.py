"""What every test directory shares."""

from __future__ import annotations

import pytest
from textual.app import App

from moderator.core import FakeClock, Meeting
from tests.helpers.small_meeting import START, small_agenda, small_roster


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
