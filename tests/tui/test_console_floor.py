"""Points of order, rights of reply, the list keys, time, undo and the refused actions."""

from __future__ import annotations

from textual.widgets import Input

from moderator.core import TimerState
from moderator.core.model import InterventionKind as Kind
from moderator.tui.screens.add_request import AddRequest
from moderator.tui.widgets.big_countdown import BigCountdown, big_lines
from moderator.tui.widgets.floor import FloorPanel
from moderator.tui.widgets.speakers import SpeakersPanel

from .conftest import add_request, notices, paste, press, queue_of, settle

SIZE = (120, 36)


def shown(app, widget) -> str:
    return str(app.screen.query_one(widget).render()) if widget is SpeakersPanel else "\n".join(
        str(static.render()) for static in app.screen.query_one(widget).query("Static"))


async def test_point_of_order_suspends_the_speaker_and_finish_resumes(make_app, clock) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket")
        await add_request(pilot, "turki")
        await add_request(pilot, "germ")
        await press(pilot, "n")
        clock.advance(20)
        await pilot.press("o")
        await pilot.pause()
        await paste(pilot, "alban")
        await pilot.press("enter")
        await press(pilot)
        assert queue_of(app)[0] == ("AL", Kind.POINT_OF_ORDER)
        assert "POINT OF ORDER" in shown(app, SpeakersPanel)
        await press(pilot, "n")
        assert app.meeting.floor().who == "AL"
        assert app.meeting.suspended().who == "TR"
        assert "Türkiye suspended for a point of order" in shown(app, FloorPanel)
        clock.advance(30)
        await press(pilot, "f")
        assert app.meeting.floor().who == "TR"  # resumed, the point of order not charged
        assert app.meeting.timer().elapsed == 20


async def test_kind_keys_in_the_dialog_and_right_of_reply_waits_for_the_list(make_app) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket")
        await add_request(pilot, "germ", "f4")
        await add_request(pilot, "turki")
        await add_request(pilot, "fran", "f5")
        assert queue_of(app) == [("TR", Kind.STATEMENT), ("FR", Kind.QUESTION),
                                 ("DE", Kind.RIGHT_OF_REPLY)]
        assert "RIGHT OF REPLY" in shown(app, SpeakersPanel)


async def test_list_keys_select_move_withdraw_and_give(make_app) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket")
        for name in ("turki", "austria", "germ", "fran"):
            await add_request(pilot, name)
        await press(pilot, "down", "shift+up")
        assert [who for who, _ in queue_of(app)] == ["AT", "TR", "DE", "FR"]
        await press(pilot, "down", "down", "x")
        assert [who for who, _ in queue_of(app)] == ["AT", "TR", "FR"]
        assert ("information", "Withdrew Germany from the list") in notices(app)
        await press(pilot, "enter")  # the selected request (France) takes the floor now
        assert app.meeting.floor().who == "FR"
        assert [who for who, _ in queue_of(app)] == ["AT", "TR"]


async def test_time_can_be_added_and_removed_live(make_app, clock) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket")
        await add_request(pilot, "turki")
        await press(pilot, "n", "plus", "plus")
        assert app.meeting.timer().allotted == 240
        await press(pilot, "minus")
        assert app.meeting.timer().allotted == 210
        clock.advance(190)
        app.screen.tick()
        await pilot.pause()
        assert app.meeting.timer().state == TimerState.WARNING
        assert "WARNING" in shown(app, FloorPanel)
        assert app.screen.query_one(FloorPanel).has_class("-warning")
        clock.advance(30)
        app.screen.tick()
        await pilot.pause()
        assert "OVERTIME +0:10" in shown(app, FloorPanel)
        assert app.screen.query_one(FloorPanel).has_class("-overtime")


async def test_undo_names_what_it_took_back(make_app) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket")
        await add_request(pilot, "turki")
        await press(pilot, "n")
        await press(pilot, "ctrl+z")
        assert app.meeting.floor() is None
        assert queue_of(app) == [("TR", Kind.STATEMENT)]
        severity, message = notices(app)[-1]
        assert "Türkiye" in message and severity == "information"


async def test_closed_list_refuses_a_statement_with_a_reason(make_app) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket", "l")
        assert app.meeting.list_closed()
        assert "LIST CLOSED" in shown(app, SpeakersPanel)
        await add_request(pilot, "turki")  # refused, and the dialog keeps what was typed
        assert isinstance(app.screen, AddRequest)
        assert app.screen.query_one("#who", Input).value == "turki"
        # Said in the dialog, not in a notification that would outlive it.
        assert "F6 adds anyway" in str(app.screen.query_one("#problem").render())
        await pilot.press("f4", "enter")  # a right of reply is still allowed
        await settle(pilot)
        assert queue_of(app) == [("TR", Kind.RIGHT_OF_REPLY)]
        assert not any("F6" in message for _, message in notices(app))
        await add_request(pilot, "turki", "f4")  # a duplicate: said, and the dialog stays open
        assert "already on the list" in str(app.screen.query_one("#problem").render())
        assert not [message for severity, message in notices(app) if severity == "warning"]
        assert isinstance(app.screen, AddRequest)
        await press(pilot, "escape", "l")
        assert not app.meeting.list_closed()


async def test_readd_last_speaker_and_items(make_app, clock) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket")
        await add_request(pilot, "turki")
        await add_request(pilot, "austria")
        await press(pilot, "n", "f", "r")
        assert queue_of(app)[0] == ("TR", Kind.STATEMENT)
        clock.advance(60)
        # Two requests wait: one `]` only warns, naming them; a second one finishes the item.
        await press(pilot, "right_square_bracket")
        assert app.meeting.current_item().id == "opening"
        assert notices(app)[-1] == (
            "warning", "Press ] again to finish the item and open “Public-private partnerships”: "
                       "2 requests waiting (Türkiye, Austria).")
        await press(pilot, "right_square_bracket")
        assert app.meeting.current_item().id == "discussion-1"
        assert "2 waiting requests dropped" in notices(app)[-1][1]
        clock.advance(60)
        await press(pilot, "left_square_bracket")
        assert app.meeting.current_item().id == "opening"


async def test_the_chair_adds_to_a_closed_list_with_f6(make_app) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket", "l")
        await add_request(pilot, "turki", "f6")
        assert queue_of(app) == [("TR", Kind.STATEMENT)]
        assert app.meeting.list_closed()


async def test_a_group_statement_with_states_in_alignment(make_app) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket")
        await pilot.press("a")
        await pilot.pause()
        await paste(pilot, "germ")
        await pilot.press("tab")
        await paste(pilot, "EU")
        await pilot.press("tab")
        await paste(pilot, "albania, georgia")
        await pilot.press("enter")
        await press(pilot)
        [request] = app.meeting.queue()
        assert (request.who, request.on_behalf, request.alignment) == ("DE", "EU", ("AL", "GE"))
        # At 80 columns the list cuts the long name, never the times after it; the floor
        # shows it whole.
        listed = shown(app, SpeakersPanel)
        assert "Germany-European Union (with Albania and Georgia" in listed
        assert listed.endswith("waited    0s  ~09:00")
        await press(pilot, "n")
        assert "Germany-European Union (with Albania and Georgia, in alignment)" in shown(
            app, FloorPanel)


def test_expected_times_hear_points_of_order_first_then_the_suspended_speaker(clock) -> None:
    from datetime import timedelta

    from moderator.core import Meeting
    from moderator.tui.widgets.speakers import expected_starts

    from .conftest import make_agenda, make_roster

    meeting = Meeting(make_agenda(), make_roster(), clock)
    meeting.record(meeting.start_item("discussion-1"))
    for who in ("TR", "AT"):
        meeting.record(meeting.request_floor(who))
    meeting.record(meeting.give_floor())  # Türkiye, 180 s
    clock.advance(60)
    meeting.record(meeting.request_floor("AL", Kind.POINT_OF_ORDER))
    now = clock.now()
    # Albania at once; Austria after Albania's 60 s and Türkiye's remaining 120 s.
    assert expected_starts(meeting, meeting.queue(), now) == [
        now, now + timedelta(seconds=180)]
    meeting.record(meeting.give_floor())  # Albania; Türkiye suspended with 120 s left
    clock.advance(20)
    now = clock.now()
    assert expected_starts(meeting, meeting.queue(), now) == [now + timedelta(seconds=160)]


async def test_the_chairs_countdown_is_never_smaller_with_more_columns(make_app) -> None:
    """The notes panel in view from 150 columns takes its width from the notes, not the floor."""
    sizes = {}
    async with make_app().run_test(size=(120, 36)) as pilot:
        await press(pilot, "right_square_bracket")
        await add_request(pilot, "turki")
        await press(pilot, "n")
        for size in [(120, 36), (150, 40), (160, 45), (200, 50)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            countdown = pilot.app.screen.query_one("#big-countdown", BigCountdown)
            lines = big_lines(countdown.face, countdown.size.width, countdown.size.height)
            assert lines is not None, f"no block digits at {size}"
            sizes[size] = (max(len(line.rstrip()) for line in lines), len(lines))
    widths, heights = zip(*sizes.values(), strict=True)
    assert list(widths) == sorted(widths) and list(heights) == sorted(heights), sizes
