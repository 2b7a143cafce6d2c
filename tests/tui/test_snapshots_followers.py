"""The rapporteur's console and the audience clock, following a moderator writing to the same
database, at 80x24 and 120x36, with the clock frozen."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from moderator.core import FakeClock
from moderator.tui.clock_app import build_clock_app
from moderator.tui.rapporteur_app import build_rapporteur_app

from .conftest import make_agenda, make_roster
from .test_rapporteur import Moderator, follow, saved

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


async def steady(pilot: Pilot) -> None:
    """No toasts, no blinking cursor, and one redraw from the frozen clock."""
    pilot.app.clear_notifications()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    pilot.app.screen.tick()
    await pilot.pause()


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
