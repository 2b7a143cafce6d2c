"""The day's new faces at 80x24, 120x36 and 160x45, on the bundled seminar with the clock
frozen: the end-of-day dialog, the meeting adjourned overnight, a suspension with its time, a
break taking requests for the item after it, the add dialog asking about a guest, a request
being corrected; the move-note dialog and the light theme at 120x36."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import pytest
from textual.pilot import Pilot

from moderator.core import FakeClock, Meeting
from moderator.core.model import InterventionKind as Kind
from moderator.store import MeetingStore
from moderator.tui.rapporteur_app import build_rapporteur_app
from moderator.tui.themes import LIGHT
from tests.tui.conftest import add_request, press, screen_text, settle, steady, wait
from tests.tui.test_day import seminar, seminar_app

SIZES = [(80, 24), (120, 36), (160, 45)]
EVENING = datetime(2026, 12, 10, 17, 2, tzinfo=UTC)  # 18:02 in Vienna


async def do(pilot: Pilot, command) -> None:
    pilot.app.link.run(command)
    await settle(pilot)


async def last_item_of_the_day(pilot: Pilot, clock: FakeClock) -> None:
    meeting = pilot.app.meeting
    await do(pilot, lambda: meeting.start_item("s4-discussion"))
    await do(pilot, lambda: meeting.request_floor("NO"))
    await do(pilot, lambda: meeting.request_floor("UA"))
    clock.set(EVENING)


async def end_of_day_dialog(pilot: Pilot, clock: FakeClock) -> None:
    await last_item_of_the_day(pilot, clock)
    await steady(pilot)
    await press(pilot, "right_square_bracket")


async def adjourned(pilot: Pilot, clock: FakeClock) -> None:
    await last_item_of_the_day(pilot, clock)
    await do(pilot, pilot.app.meeting.adjourn)
    await wait(pilot, clock, 3600)


async def suspended_until(pilot: Pilot, clock: FakeClock) -> None:
    meeting = pilot.app.meeting
    await do(pilot, lambda: meeting.start_item("s1-discussion"))
    await do(pilot, lambda: meeting.request_floor("TR"))
    await do(pilot, meeting.give_floor)
    await wait(pilot, clock, 50)
    await do(pilot, lambda: meeting.suspend_sitting(meeting.now() + timedelta(minutes=45)))
    await wait(pilot, clock, 600)


async def break_taking_requests(pilot: Pilot, clock: FakeClock) -> None:
    meeting = pilot.app.meeting
    await do(pilot, lambda: meeting.start_item("lunch-1-break"))
    await wait(pilot, clock, 300)
    await do(pilot, lambda: meeting.adjust_break(600))
    for who in ("TR", "AT"):
        await do(pilot, lambda who=who: meeting.request_floor(who))
    await do(pilot, lambda: meeting.request_floor("UA", Kind.RIGHT_OF_REPLY))
    await wait(pilot, clock, 60)


async def guest_asked(pilot: Pilot, clock: FakeClock) -> None:
    await do(pilot, lambda: pilot.app.meeting.start_item("s1-discussion"))
    await steady(pilot)
    await add_request(pilot, "unodc")  # nobody matches: the dialog asks


async def request_corrected(pilot: Pilot, clock: FakeClock) -> None:
    meeting = pilot.app.meeting
    await do(pilot, lambda: meeting.start_item("s1-discussion"))
    await do(pilot, lambda: meeting.request_floor("TR"))
    await do(pilot, lambda: meeting.request_floor(None, guest="unodc"))
    await steady(pilot)
    await press(pilot, "s", "down", "c")


STATES: dict[str, tuple[Callable[[Pilot, FakeClock], Awaitable[None]], str]] = {
    "end_of_day_dialog": (end_of_day_dialog, "The end of Thursday 10 December"),
    "adjourned": (adjourned, "ADJOURNED UNTIL FRIDAY 09:30"),
    "suspended_until": (suspended_until, "resumes at 09:45"),
    "break_taking_requests": (break_taking_requests, "after the break"),
    "guest_asked": (guest_asked, "add as guest “unodc”?"),
    "request_corrected": (request_corrected, "Correct the request of unodc"),
}
CASES = [(state, size) for state in STATES for size in SIZES]


@pytest.mark.parametrize(("state", "size"), CASES,
                         ids=[f"{state}-{w}x{h}" for state, (w, h) in CASES])
def test_day_state(snap_compare, database, clock, state: str, size: tuple[int, int]) -> None:
    steps, says = STATES[state]

    async def run_before(pilot: Pilot) -> None:
        await steps(pilot, clock)
        await steady(pilot)
        assert says in screen_text(pilot)

    assert snap_compare(seminar_app(database, clock), terminal_size=size, run_before=run_before)


def test_the_light_theme_overtime(snap_compare, database, clock) -> None:
    """The light theme in overtime, its countdown readable (the dark one is in every other)."""
    async def run_before(pilot: Pilot) -> None:
        meeting = pilot.app.meeting
        pilot.app.theme = LIGHT.name
        await do(pilot, lambda: meeting.start_item("s1-discussion"))
        for who, kind in (("TR", Kind.STATEMENT), ("UA", Kind.POINT_OF_ORDER),
                          ("AT", Kind.RIGHT_OF_REPLY)):
            await do(pilot, lambda who=who, kind=kind: meeting.request_floor(who, kind))
        await do(pilot, lambda: meeting.give_floor(meeting.queue()[1].id))
        await wait(pilot, clock, 200)
        await steady(pilot)
        assert "OVERTIME +0:20" in screen_text(pilot)

    assert snap_compare(seminar_app(database, clock), terminal_size=(120, 36),
                        run_before=run_before)


def test_the_move_note_dialog(snap_compare, database, clock) -> None:
    meeting, store = Meeting(*seminar(), clock), MeetingStore.open(database, clock)
    for command in (lambda: meeting.start_item("s1-discussion"),
                    lambda: meeting.request_floor("TR"), meeting.give_floor,
                    lambda: meeting.add_note("Hotels want one contact point #rec")):
        store.append(meeting.record(command()))
    store.close()
    notes = build_rapporteur_app(*seminar(), database, clock)

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.press("escape")  # to the list of notes
        await pilot.pause()
        await pilot.press("down", "ctrl+g")
        await pilot.pause()
        await pilot.press(*"discussion")
        await pilot.pause()
        await steady(pilot)
        assert "Move the note “Hotels want one contact point #rec”" in screen_text(pilot)

    assert snap_compare(notes, terminal_size=(120, 36), run_before=run_before)
