"""A second chair console: the banner, the other's actions named, undo asking first, conflicts."""

from __future__ import annotations

from moderator.store import MeetingStore
from moderator.tui.consoles import OtherConsoles
from tests.tui.conftest import (
    OtherChair,
    add_request,
    notices,
    press,
    settle,
)


async def test_a_second_chair_console_shows_a_banner_and_names_the_others_actions(
        make_app, database, clock):
    other = OtherChair(database, clock)
    try:
        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            banner = app.screen.query_one(OtherConsoles)
            assert banner.display
            shown = str(banner.render())
            assert "Another chair console is open on this meeting" in shown
            assert "since 08:55" in shown  # opened five minutes ago, Vienna time
            await press(pilot, "right_square_bracket")
            await add_request(pilot, "turki")
            other.do(lambda m: m.give_floor())
            app.link.poll()
            await settle(pilot)
            assert app.meeting.floor().who == "TR"
            assert any("On the other chair console" in m and "Türkiye" in m
                       for _, m in notices(app))
            # ctrl+z names whose action it would take back, and a second press takes it back.
            await press(pilot, "ctrl+z")
            assert app.meeting.floor() is not None
            severity, message = notices(app)[-1]
            assert severity == "warning" and "another chair console" in message
            assert message.startswith("Press ctrl+z again to undo it")
            await press(pilot, "ctrl+z")
            assert app.meeting.floor() is None
            # The other console closes: the banner goes.
            other.close()
            banner.show_others(app.presence.others(role="moderator"))
            assert not banner.display
    finally:
        other.close()


async def test_n_refused_when_the_other_console_gave_the_floor_first(make_app, database, clock):
    other = OtherChair(database, clock)
    try:
        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            await press(pilot, "right_square_bracket")
            await add_request(pilot, "turki")
            await add_request(pilot, "austria")
            # Türkiye, from the other console, before this one has read it (its follower
            # stopped, or it may read it first and rightly give the floor to Austria).
            app.follower.stop()
            other.do(lambda m: m.give_floor())
            await press(pilot, "n")
            # Not recorded twice: the other's decision is folded and named; press n again.
            assert app.meeting.floor().who == "TR"
            severity, message = notices(app)[-1]
            assert severity == "warning" and "Türkiye" in message and "press n again" in message
            with MeetingStore.open(database) as store:
                given = [e for e in store.events() if e["type"] == "floor.given"]
            assert len(given) == 1
            await press(pilot, "n")
            assert app.meeting.floor().who == "AT"
    finally:
        other.close()
