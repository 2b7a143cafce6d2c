"""The footer keeps its keys while they stay the same (a dialog opening over the console and
closing, say), and shows the new ones when they change."""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from moderator.tui.screens.add_request import AddRequest
from moderator.tui.screens.console import ConsoleScreen

from .conftest import add_request, press

SIZE = (120, 36)


def _keys(screen) -> list[FooterKey]:
    return list(screen.query_one(Footer).query(FooterKey))


async def test_a_dialog_opening_and_closing_leaves_the_footer_as_it_was(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "right_square_bracket")
        await add_request(pilot, "turki")
        await pilot.pause()
        console = app.screen
        before = _keys(console)
        assert before
        await press(pilot, "a")
        assert isinstance(app.screen, AddRequest)
        await press(pilot, "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
        assert _keys(console) == before  # the same widgets: nothing rebuilt


async def test_the_footer_shows_keys_that_change(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "right_square_bracket")
        await pilot.pause()

        def withdraw_disabled() -> bool:
            key, = [k for k in _keys(app.screen) if k.key == "x"]
            return key.has_class("-disabled")

        assert withdraw_disabled()  # nobody waiting: nothing to withdraw
        await add_request(pilot, "turki")
        await press(pilot, "s")  # the list of speakers, where x withdraws
        await pilot.pause()
        assert not withdraw_disabled()

