"""Each dialog's stylesheet styles that dialog alone, whatever was opened before it."""

from __future__ import annotations

from .conftest import press

SIZE = (120, 36)


async def test_a_dialog_looks_the_same_whatever_dialog_was_opened_before(make_app) -> None:
    """Each dialog's stylesheet styles that dialog alone: the podium message's warning border
    and the limit's narrower box once restyled every dialog opened after them."""
    from moderator.tui.screens.podium_message import PodiumMessageDialog
    from moderator.tui.screens.set_limit import SetLimit
    from moderator.tui.screens.set_time import SetTime

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "right_square_bracket")
        await press(pilot, "a")
        first = app.screen.query_one("#dialog")
        width, border = first.region.width, first.styles.border
        await press(pilot, "escape")
        for key, kind in (("m", PodiumMessageDialog), ("i", SetLimit)):
            await press(pilot, key)
            assert isinstance(app.screen, kind)
            await press(pilot, "escape")
        await press(pilot, "a")
        again = app.screen.query_one("#dialog")
        assert (again.region.width, again.styles.border) == (width, border) and width == 78
        await press(pilot, "escape")
        await press(pilot, "p")  # the suspension's time: centred like every dialog
        assert isinstance(app.screen, SetTime)
        box = app.screen.query_one("#dialog").region
        assert abs(box.x - (SIZE[0] - box.right)) <= 1


async def test_the_dialogs_stylesheets_are_read_after_the_first_frame_not_at_their_opening(
        make_app) -> None:
    """Read as a dialog first opened, a stylesheet restyled the whole console then."""
    from moderator.tui.screens.add_request import AddRequest

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        read: list[object] = []
        original = app.stylesheet.read
        app.stylesheet.read = lambda path: (read.append(path), original(path))[1]
        await press(pilot, "right_square_bracket", "a")
        assert isinstance(app.screen, AddRequest)
        assert read == []
