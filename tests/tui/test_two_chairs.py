"""A second chair console: the banner, the other's actions named, undo asking first, conflicts."""

from __future__ import annotations

import pytest

from moderator.store import MeetingStore
from moderator.tui import consoles
from moderator.tui.consoles import OtherConsoles
from tests.tui.conftest import (
    OtherChair,
    add_request,
    answered,
    notices,
    press,
    settle,
)


async def test_the_banner_s_own_thread_sees_a_chair_console_open_and_close_and_ends_with_it(
        make_app, database, clock, monkeypatch: pytest.MonkeyPatch):
    """The banner looks on a thread of its own (no worker each look) and tells the UI only of a
    change; it ends when the console closes. (It looks often here: the test waits for the
    thread, not for a clock.)"""
    monkeypatch.setattr(consoles, "LOOK_SECONDS", 0.01)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        banner = app.screen.query_one(OtherConsoles)
        assert not banner.display and banner.looker is not None and banner.looker.is_alive()
        shown = []
        told = banner.show_others
        banner.show_others = lambda others: (shown.append(len(others)), told(others))[1]
        other = OtherChair(database, clock)
        try:
            await answered(pilot, lambda: banner.display, "the banner's look saw the other")
            assert "Another chair console is open" in str(banner.render())
            assert any(message.startswith("A second chair console opened")
                       for _, message in notices(app))
        finally:
            other.close()
        await answered(pilot, lambda: not banner.display, "the banner's look saw it close")
        assert shown == [1, 0]  # told of the two changes alone, not at every look
        looker = banner.looker
    looker.join(timeout=5)
    assert not looker.is_alive()


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
