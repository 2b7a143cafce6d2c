"""The matrix, on the audience clock: in each state of the room (tests/helpers/room_states.py),
built through the core, the clock says what the room must know, in words."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widgets import Static

from moderator.core import FakeClock
from moderator.tui.clock_app import build_clock_app
from moderator.tui.widgets.big_countdown import BigCountdown
from tests.helpers.room_states import MISSING, START, STATES, build, bundled, expected


def shown_words(screen: Screen) -> str:
    """The words of every line in view, and the faces of the countdowns in view."""
    lines = [str(widget.render()) for widget in screen.query(Static) if widget.region.area]
    faces = [countdown.face for countdown in screen.query(BigCountdown) if countdown.region.area]
    return "\n".join([*lines, *faces])


@pytest.mark.parametrize("state", STATES)
async def test_the_audience_clock_says_every_state(state: str, tmp_path: Path) -> None:
    if state in MISSING:
        pytest.skip(MISSING[state])
    clock = FakeClock(START)
    database = tmp_path / "meeting.db.json"
    meeting = build(state, database, clock)
    agenda, roster = bundled()
    app = build_clock_app(agenda, roster, database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        shown = shown_words(app.screen)
        want = expected(state, "clock")
        for words in want.words:
            assert words in shown, f"{state}: the clock does not say {words!r}"
        for words in want.never:
            assert words not in shown, f"{state}: the clock says {words!r}"
        if want.face is not None:
            assert app.screen.query_one("#countdown", BigCountdown).face == want.face
        view = meeting.room_view(clock.now())
        assert view.local(view.at) in shown  # the time of day
    app.store.close()
