"""`m` on the chair's console sends a message to the podium, clears it, and undo takes it back;
the audience clock shows it."""

from __future__ import annotations

from pathlib import Path

from moderator.core import FakeClock
from moderator.tui.clock_app import build_clock_app
from moderator.tui.screens.podium_message import PodiumMessageDialog
from moderator.tui.widgets.podium_banner import PodiumBanner
from tests.tui.conftest import Moderator, make_agenda, make_roster, notices, press, settle


async def test_m_sends_a_preset_then_free_text_then_clears(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await press(pilot, "right_square_bracket", "a")
        await pilot.press(*"austria", "enter")
        await settle(pilot)
        await press(pilot, "n")
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, PodiumMessageDialog)
        await pilot.press("enter")  # the first choice: "Please conclude"
        await settle(pilot)
        assert app.meeting.podium_message().text == "Please conclude"
        assert ("information", "Sent “Please conclude” to the podium") in notices(app)
        # The chair sees what the podium shows, under the countdown.
        assert "On the podium:  Please conclude " in str(
            app.screen.query_one("#timer-state").render())
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"One more minute [b]", "enter")
        await settle(pilot)
        assert app.meeting.podium_message().text == "One more minute [b]"
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("enter")  # with a message shown, the first choice clears it
        await settle(pilot)
        assert app.meeting.podium_message() is None
        assert "On the podium" not in str(app.screen.query_one("#timer-state").render())
        await press(pilot, "ctrl+z")  # undo brings it back
        assert app.meeting.podium_message().text == "One more minute [b]"
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert app.meeting.podium_message().text == "One more minute [b]"
    # Durable: a relaunch on the same database shows it still.
    again = make_app()
    async with again.run_test(size=(120, 36)):
        assert again.meeting.podium_message().text == "One more minute [b]"


async def test_down_chooses_another_preset(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await press(pilot, "right_square_bracket", "m")
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.meeting.podium_message().text == "One minute"


async def test_the_audience_clock_shows_the_message(database: Path, clock: FakeClock) -> None:
    chair = Moderator(database, clock)
    chair.do(chair.meeting.start_item("discussion-1"))
    chair.do(chair.meeting.request_floor("TR"))
    chair.do(chair.meeting.give_floor())
    app = build_clock_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        banner = app.screen.query_one(PodiumBanner)
        assert banner.has_class("-empty") and banner.region.height == 0  # no message: hidden
        chair.do(chair.meeting.send_podium_message("Please conclude"))
        app.link.poll()
        await pilot.pause()
        assert not banner.has_class("-empty") and banner.region.height > 0
        assert str(banner.render()) == "Please conclude"
        chair.do(chair.meeting.clear_podium_message())
        app.link.poll()
        await pilot.pause()
        assert banner.has_class("-empty") and banner.region.height == 0
    chair.store.close()


def test_snapshot_audience_clock_with_a_message(snap_compare, database: Path,
                                                clock: FakeClock) -> None:
    chair = Moderator(database, clock)
    chair.do(chair.meeting.start_item("discussion-1"))
    for who in ("TR", "AT"):
        chair.do(chair.meeting.request_floor(who))
    chair.do(chair.meeting.give_floor())
    clock.advance(150)
    chair.do(chair.meeting.send_podium_message("Please conclude"))
    app = build_clock_app(make_agenda(), make_roster(), database, clock)

    async def run_before(pilot) -> None:
        app.screen.tick()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
    chair.store.close()


def test_snapshot_the_message_dialog(snap_compare, make_app) -> None:
    async def run_before(pilot) -> None:
        await press(pilot, "right_square_bracket", "m")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause()
        pilot.app.clear_notifications()
        for field in pilot.app.screen.query("Input"):
            field.cursor_blink = False
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=run_before)
