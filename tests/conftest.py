"""What every test directory shares."""

from __future__ import annotations

import pytest
from textual.app import App


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
