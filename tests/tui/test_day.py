"""The consoles through a whole day of the bundled seminar, each story as a chair tried it:
two quick `]` and the lunch break, the end of the day and the next morning, breaks and
suspensions with a time, requests during a break, a request corrected, a guest asked for.

States are built through the core (`do`); the keys are pressed where they are the subject."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from moderator.cli.options import BUNDLED
from moderator.core import FakeClock, load_meeting
from moderator.core.model import InterventionKind as Kind
from moderator.tui.app import MeetingApp, build_app
from moderator.tui.rapporteur_app import build_rapporteur_app
from moderator.tui.screens.add_request import AddRequest
from moderator.tui.screens.adjourn import AdjournDialog
from moderator.tui.screens.set_time import SetTime
from moderator.tui.widgets.agenda import AgendaPanel
from moderator.tui.widgets.big_countdown import BigCountdown
from moderator.tui.widgets.break_face import BreakFace
from moderator.tui.widgets.speakers import SpeakersPanel
from moderator.tui.widgets.status import StatusBar
from tests.tui.conftest import add_request, notices, press, rendered, settle, wait

SIZE = (120, 36)


def seminar() -> tuple:
    return load_meeting(BUNDLED / "agenda.yaml", BUNDLED / "speakers.yaml")


def seminar_app(database: Path, clock: FakeClock) -> MeetingApp:
    return build_app(*seminar(), database, clock)


async def do(pilot: Pilot, command) -> None:
    """A command through the console's own link (a state built, not the subject)."""
    pilot.app.link.run(command)
    await settle(pilot)


def said(app) -> str:
    return notices(app)[-1][1]


async def test_two_quick_presses_of_the_item_key_do_not_lose_the_lunch_break(database, clock):
    """As tried: with requests waiting, `]` warns; again after 5 s it warns again; then two
    quick `]`: the first opens Lunch, the second used to end it at once."""
    app = seminar_app(database, clock)
    async with app.run_test(size=SIZE) as pilot:
        meeting = app.meeting
        await do(pilot, lambda: meeting.start_item("s2-discussion"))
        await do(pilot, lambda: meeting.request_floor("TR"))
        await do(pilot, lambda: meeting.request_floor("AT"))
        clock.advance(600)
        await press(pilot, "right_square_bracket")
        assert said(app) == ("Press ] again to finish the item and open “Lunch break”: 2 requests "
                             "waiting (Türkiye, Austria).")
        clock.advance(6)  # too late for a second press: it asks again
        await press(pilot, "right_square_bracket")
        assert meeting.current_item().id == "s2-discussion"
        await press(pilot, "right_square_bracket", "right_square_bracket")
        assert meeting.current_item().id == "lunch-1-break"  # the lunch break is still on
        assert said(app) == ("Press ] again to end the break and open “Panel presentations”: "
                             "“Lunch break” has 1 h 30 min left; “Lunch break” opened 0 s ago.")
        face = app.screen.query_one(BreakFace)
        assert face.display and face.query_one(BigCountdown).face == "1:30:00"  # h:mm:ss past an hour
        # Asked, then pressed again: the chair meant it.
        await press(pilot, "right_square_bracket")
        assert meeting.current_item().id == "s3-panel"


async def test_the_last_item_of_a_day_adjourns_until_the_next_morning(database, clock):
    app = seminar_app(database, clock)
    async with app.run_test(size=SIZE) as pilot:
        meeting = app.meeting
        await do(pilot, lambda: meeting.start_item("s4-discussion"))
        await do(pilot, lambda: meeting.request_floor("NO"))
        clock.set(datetime(2026, 12, 10, 17, 2, tzinfo=UTC))  # 18:02 in Vienna
        await press(pilot, "right_square_bracket")
        dialog = app.screen
        assert isinstance(dialog, AdjournDialog)
        shown = "\n".join(str(s.render()) for s in dialog.query("Static, Label"))
        assert "The end of Thursday 10 December" in shown
        assert "1 request waiting (Norway)" in shown
        assert "Enter adjourns the meeting until Friday 09:30" in shown
        await press(pilot, "enter")
        adjourned = meeting.adjournment()
        assert adjourned is not None and adjourned.until == datetime(2026, 12, 11, 8, 30,
                                                                      tzinfo=UTC)
        assert said(app).endswith("adjourned the meeting until Friday 09:30")
        assert "ADJOURNED UNTIL FRIDAY 09:30" in rendered(app, StatusBar)
        assert "ADJOURNED UNTIL FRIDAY 09:30: ] resumes the meeting" in "\n".join(
            str(s.render()) for s in app.screen.query("#floor Static"))
        # The evening: `]` asks before it opens the next day's session.
        await press(pilot, "right_square_bracket")
        assert meeting.adjournment() is not None
        assert said(app) == ("Press ] again to resume it now and open “Panel presentations”: The "
                             "meeting is adjourned until Friday 09:30.")
        # The next morning the same key resumes it.
        clock.set(datetime(2026, 12, 11, 8, 25, tzinfo=UTC))
        app.screen.tick()
        await press(pilot, "right_square_bracket")
        assert meeting.adjournment() is None and meeting.current_item().id == "s5-panel"
        assert said(app) == "Resumed the meeting; opened “Panel presentations”"


async def test_the_agenda_strip_says_the_day_anew_after_midnight_and_not_every_few_seconds(
        database, clock):
    app = seminar_app(database, clock)
    async with app.run_test(size=(80, 24)) as pilot:  # the agenda is a strip of two lines
        meeting = app.meeting
        await do(pilot, lambda: meeting.start_item("s4-discussion"))
        clock.set(datetime(2026, 12, 10, 17, 2, tzinfo=UTC))  # 18:02 in Vienna
        await do(pilot, meeting.adjourn)
        agenda = app.screen.query_one(AgendaPanel)
        assert "Adjourned until Friday 09:30" in rendered(app, AgendaPanel)
        draws: list[object] = []
        draw = agenda.draw
        agenda.draw = lambda frame: (draws.append(frame), draw(frame))[1]
        for _ in range(12):  # a minute of ticks: the agenda reads as it did
            clock.advance(5)
            app.screen.tick()
            await pilot.pause()
        assert draws == []
        clock.set(datetime(2026, 12, 10, 23, 5, tzinfo=UTC))  # 00:05 on Friday in Vienna
        app.screen.tick()
        await pilot.pause()
        assert len(draws) == 1
        assert "Adjourned until 09:30" in rendered(app, AgendaPanel)


async def test_the_rapporteur_sees_the_adjournment(database, clock):
    app = seminar_app(database, clock)
    async with app.run_test(size=SIZE) as pilot:
        meeting = app.meeting
        await do(pilot, lambda: meeting.start_item("s4-discussion"))
        await do(pilot, meeting.adjourn)
    notes = build_rapporteur_app(*seminar(), database, clock)
    async with notes.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Adjourned until Friday 09:30" in rendered(notes, "#floor-line")


async def test_a_typed_time_adjourns_until_then_and_f2_opens_the_next_day_without(
        database, clock):
    app = seminar_app(database, clock)
    async with app.run_test(size=SIZE) as pilot:
        meeting = app.meeting
        await do(pilot, lambda: meeting.start_item("s4-discussion"))
        clock.advance(600)
        await press(pilot, "right_square_bracket")
        await pilot.press(*"someday", "enter")
        await pilot.pause()
        assert "“someday” is not a time" in rendered(app, "#problem")  # said in the dialog
        field = app.screen.query_one("#until", Input)
        field.value = ""
        await pilot.press(*"friday 10:15", "enter")
        await settle(pilot)
        assert meeting.adjournment().until == datetime(2026, 12, 11, 9, 15, tzinfo=UTC)
        await press(pilot, "ctrl+z")  # undone like the floor's actions
        assert meeting.adjournment() is None and meeting.current_item().id == "s4-discussion"
        await press(pilot, "right_square_bracket", "f2")
        assert meeting.adjournment() is None and meeting.current_item().id == "s5-panel"


async def test_plus_minus_and_equals_time_the_break(database, clock):
    app = seminar_app(database, clock)
    async with app.run_test(size=SIZE) as pilot:
        meeting = app.meeting
        await do(pilot, lambda: meeting.start_item("coffee-1-break"))
        await wait(pilot, clock, 60)  # opened at 09:00, resumes at 09:15
        await press(pilot, "plus")
        assert said(app) == "“Coffee break” ends at 09:20: the meeting resumes then"
        assert "the meeting resumes at 09:20" in rendered(app, "#break-title")
        await press(pilot, "minus", "minus")
        assert "the meeting resumes at 09:10" in rendered(app, "#break-title")
        await press(pilot, "equals_sign")
        assert isinstance(app.screen, SetTime)
        field = app.screen.query_one(Input)
        field.value = ""
        await pilot.press(*"09:40", "enter")
        await settle(pilot)
        assert "the meeting resumes at 09:40" in rendered(app, "#break-title")
        await press(pilot, "equals_sign")
        app.screen.query_one(Input).value = ""
        await pilot.press(*"20", "enter")  # minutes from now
        await settle(pilot)
        assert "the meeting resumes at 09:21" in rendered(app, "#break-title")


async def test_a_suspension_says_when_it_resumes_and_it_can_change(database, clock):
    app = seminar_app(database, clock)
    async with app.run_test(size=SIZE) as pilot:
        meeting = app.meeting
        await do(pilot, lambda: meeting.start_item("s1-discussion"))
        await press(pilot, "p")
        assert isinstance(app.screen, SetTime)
        await pilot.press(*"11:00", "enter")
        await settle(pilot)
        assert meeting.suspended_since().resumes_at == datetime(2026, 12, 10, 10, 0, tzinfo=UTC)
        assert said(app) == "Suspended the sitting until 11:00"
        floor = "\n".join(str(s.render()) for s in app.screen.query("#floor Static"))
        assert "Sitting suspended at 09:00, resumes at 11:00: p resumes it" in floor
        assert "sitting suspended until 11:00" in rendered(app, StatusBar)
        await press(pilot, "plus")
        assert said(app) == "The sitting resumes at 11:05"
        await press(pilot, "equals_sign")
        app.screen.query_one(Input).value = ""
        await press(pilot, "enter")  # empty: no time said any more
        assert meeting.suspended_since().resumes_at is None
        await press(pilot, "p")
        assert meeting.suspended_since() is None


async def test_requests_taken_during_a_break_are_the_next_items_list(database, clock):
    app = seminar_app(database, clock)
    async with app.run_test(size=SIZE) as pilot:
        meeting = app.meeting
        await do(pilot, lambda: meeting.start_item("coffee-1-break"))
        await add_request(pilot, "turki")
        assert [(r.who, r.item_id) for r in meeting.queue()] == [("TR", "s2-panel")]
        assert rendered(app, "#list-title") == ("List of speakers of “Panel presentations”, "
                                                "after the break")
        assert "Türkiye" in rendered(app, SpeakersPanel)
        await wait(pilot, clock, 15 * 60)
        await press(pilot, "right_square_bracket")  # the break's time is up: at once
        assert meeting.current_item().id == "s2-panel"
        assert [r.who for r in meeting.queue() if r.kind is Kind.STATEMENT] == ["TR"]


async def test_an_unknown_name_asks_before_it_is_a_guest_and_a_request_is_corrected(
        database, clock):
    app = seminar_app(database, clock)
    async with app.run_test(size=SIZE) as pilot:
        meeting = app.meeting
        await do(pilot, lambda: meeting.start_item("s1-discussion"))
        await do(pilot, lambda: meeting.request_floor("TR"))
        await add_request(pilot, "unodc")  # as tried: it used to add "unodc" at once
        assert isinstance(app.screen, AddRequest)
        assert ("Nobody on the roster matches: add as guest “unodc”? Enter again adds it as "
                "typed" in rendered(app, "#problem"))
        await press(pilot, "enter")
        request = meeting.queue()[-1]
        assert (request.who, request.guest) == (None, "unodc")  # as typed, nothing changed
        # Corrected from the list: `c` on the request, the dialog holds what it holds.
        await press(pilot, "s", "down", "c")
        dialog = app.screen
        assert isinstance(dialog, AddRequest)
        assert dialog.query_one("#who", Input).value == "unodc"
        dialog.query_one("#who", Input).value = ""
        await pilot.press(*"UNODC", "enter", "enter")  # still nobody matches: asked, then yes
        await settle(pilot)
        assert [(r.who, r.guest) for r in meeting.queue()] == [("TR", None),
                                                                (None, "UNODC")]
        assert said(app) == "Corrected unodc: now UNODC (statement)"
        await press(pilot, "c")
        app.screen.query_one("#who", Input).value = ""
        await pilot.press(*"unoct", "f4", "enter")  # matched to the roster
        await settle(pilot)
        assert [(r.who, r.kind) for r in meeting.queue()] == [
            ("TR", Kind.STATEMENT), ("unoct", Kind.RIGHT_OF_REPLY)]
