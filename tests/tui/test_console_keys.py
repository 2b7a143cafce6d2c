"""Each key flow of the console, on the real core and the real store, with a fake clock."""

from __future__ import annotations

from textual.widgets import Digits

from moderator.core import TimerState
from moderator.core.model import InterventionKind
from moderator.tui.widgets.floor import FloorPanel
from moderator.tui.widgets.speakers import SpeakersPanel

from .conftest import add_request, press, queue_of

SIZE = (120, 36)


async def test_opens_an_item_takes_requests_and_gives_the_floor(make_app, clock) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "right_square_bracket")
        assert app.meeting.current_item().id == "opening"
        await add_request(pilot, "turki")
        await add_request(pilot, "austria")
        assert queue_of(app) == [("TR", InterventionKind.STATEMENT),
                                 ("AT", InterventionKind.STATEMENT)]
        assert "Türkiye" in str(app.screen.query_one(SpeakersPanel).render())
        await press(pilot, "n")
        assert app.meeting.floor().who == "TR"
        clock.advance(10)  # giving the floor starts the timer
        app.screen.tick()  # what the screen's own timer does 5 times a second
        await pilot.pause()
        assert app.meeting.timer().elapsed == 10
        assert app.screen.query_one(FloorPanel).query_one(Digits).value == "2:50"
        await press(pilot, "space")
        clock.advance(5)
        app.screen.tick()
        await pilot.pause()
        assert app.meeting.timer().state == TimerState.PAUSED
        assert app.screen.query_one(FloorPanel).query_one(Digits).value == "2:50"
