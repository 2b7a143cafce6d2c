"""The rapporteur's console and the audience clock, following a moderator writing to the same
database, at 80x24 and 120x36, with the clock frozen."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.pilot import Pilot

from moderator.core import FakeClock, Meeting
from moderator.tui.clock_app import build_clock_app
from moderator.tui.rapporteur_app import build_rapporteur_app

from .conftest import (
    Moderator,
    follow,
    make_agenda,
    make_roster,
    saved,
    steady,
    until,
    with_a_break,
)

SIZES = [(80, 24), (120, 36)]
IDS = [f"{w}x{h}" for w, h in SIZES]


@pytest.fixture
def moderator(database: Path, clock: FakeClock) -> Moderator:
    """Türkiye on the floor of the discussion, three more waiting."""
    m = Moderator(database, clock)
    m.do(m.meeting.start_item("discussion-1"))
    for who in ("TR", "AT", "DE", "FR"):
        m.do(m.meeting.request_floor(who))
    m.do(m.meeting.give_floor())
    return m


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_rapporteur_writing_under_the_interventions(snap_compare, moderator, database, clock,
                                                     size: tuple[int, int]) -> None:
    """A note saved under Türkiye, one under Austria, and a third being typed."""
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)

    async def run_before(pilot: Pilot) -> None:
        clock.advance(45)
        await pilot.press(*"Hotels want one contact point #rec", "ctrl+s")
        await saved(pilot)
        clock.advance(90)
        moderator.do(moderator.meeting.give_floor())  # Austria, followed live
        await follow(pilot)
        clock.advance(30)
        await pilot.press(*"Austria agrees #decision", "ctrl+s")
        await saved(pilot)
        clock.advance(20)
        await pilot.press(*"Asks for a register", "enter", *"of soft targets")
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
@pytest.mark.parametrize(("state", "seconds"),
                         [("running", 40), ("warning", 160), ("overtime", 200)])
def test_audience_clock(snap_compare, moderator, database, clock, state: str, seconds: int,
                        size: tuple[int, int]) -> None:
    app = build_clock_app(make_agenda(), make_roster(), database, clock)

    async def run_before(pilot: Pilot) -> None:
        clock.advance(seconds)
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def clock_states(moderator: Moderator, database: Path, clock: FakeClock, state: str):
    """The moderator's side of each clock state; returns what the app needs to be built on."""
    if state == "break":
        moderator.meeting = Meeting(with_a_break(make_agenda()), make_roster(), clock)
        moderator.meeting.apply_all(moderator.store.events())
        moderator.do(moderator.meeting.finish_item())
        clock.advance(5 * 60)
        moderator.do(moderator.meeting.start_item("coffee"))
        clock.advance(4 * 60 + 20)  # 10:40 left
    elif state == "paused_overtime":
        clock.advance(186)
        moderator.do(moderator.meeting.toggle_timer())
        clock.advance(30)
    elif state == "point_of_order":
        clock.advance(40)
        moderator.do(moderator.meeting.request_floor("UA", "point-of-order"))
        moderator.do(moderator.meeting.give_floor())  # Ukraine suspends Türkiye
        clock.advance(10)
    elif state == "suspended_list_closed":
        clock.advance(40)
        moderator.do(moderator.meeting.close_list())
        moderator.do(moderator.meeting.suspend_sitting())
        clock.advance(60)
    return with_a_break(make_agenda())


@pytest.mark.parametrize("size", SIZES, ids=IDS)
@pytest.mark.parametrize("state", ["break", "paused_overtime", "database_gone", "point_of_order",
                                   "suspended_list_closed"])
def test_audience_clock_tells_the_room(snap_compare, moderator, database, clock, state: str,
                                       size: tuple[int, int]) -> None:
    """A coffee break counting down to the resumption, a timer paused in overtime, a clock
    whose database was deleted, a point of order (who resumes after it), and a suspended
    sitting with the list closed (the time of day and the item above the speaker in each)."""
    agenda = clock_states(moderator, database, clock, state)
    app = build_clock_app(agenda, make_roster(), database, clock)

    async def run_before(pilot: Pilot) -> None:
        if state == "database_gone":
            moderator.store.close()
            database.unlink()
            await until(pilot, lambda: app.screen.lost is not None, "the follower saw it")
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
@pytest.mark.parametrize("view", ["list_keys", "revisions"])
def test_rapporteur_list_and_revisions(snap_compare, moderator, database, clock, view: str,
                                       size: tuple[int, int]) -> None:
    """A long item title above the speaker's line; the list of notes focused (its keys in the
    footer), or a note's revisions."""
    agenda = make_agenda()
    session = agenda.sessions[0]
    opening, discussion, qa = session.items
    long = replace(discussion, title="Public-private partnerships for the protection of soft "
                   "targets: hotels, shopping centres, places of worship and sports events")
    agenda = replace(agenda, sessions=(replace(session, items=(opening, long, qa)),))
    app = build_rapporteur_app(agenda, make_roster(), database, clock)

    async def run_before(pilot: Pilot) -> None:
        clock.advance(45)
        await pilot.press(*"Hotels want one contact point #rec", "ctrl+s")
        await saved(pilot)
        clock.advance(30)
        [note] = app.meeting.notes()
        moderator.meeting.apply_all(moderator.store.read_new())
        moderator.do(moderator.meeting.edit_note(note.id, "Hotels want a single contact point "
                                                 "in each city #rec"))
        await follow(pilot)
        await pilot.press("escape")
        if view == "revisions":
            await pilot.press("ctrl+l")
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
