"""The chair's new faces at 80x24, 120x36 and 160x45: a break counting down to the resumption,
a speaker back from a point of order with the timer stopped, the limit dialog.

The states are built through the console's own loop by the core calls their keys make."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from moderator.core import FakeClock
from moderator.core.model import InterventionKind as Kind
from tests.tui.chair_meeting import chair_app
from tests.tui.conftest import press, record, screen_text, steady

SIZES = [(80, 24), (120, 36), (160, 45)]


async def coffee_break(pilot: Pilot, clock: FakeClock) -> None:
    meeting = pilot.app.meeting
    await record(pilot, lambda: meeting.start_item("coffee-1"), announce=True)
    clock.advance(270)  # 10:30 left of 15 minutes


async def back_after_a_point_of_order(pilot: Pilot, clock: FakeClock) -> None:
    """What `a france Enter n o ukraine Enter n n` records on the discussion (test_chair_console.py
    presses those keys): France interrupted by Ukraine's point
    of order and given the floor back, her timer stopped."""
    meeting = pilot.app.meeting
    await record(pilot, lambda: meeting.start_item("discussion-1"), announce=True)
    await record(pilot, lambda: meeting.request_floor("FR"))
    await record(pilot, meeting.give_floor, announce=True)
    clock.advance(40)
    await record(pilot, lambda: meeting.request_floor("UA", Kind.POINT_OF_ORDER))
    await record(pilot, meeting.give_floor, announce=True)
    clock.advance(25)
    await record(pilot, meeting.give_floor, announce=True)  # France has the floor again


async def limit_dialog(pilot: Pilot, clock: FakeClock) -> None:
    await back_after_a_point_of_order(pilot, clock)
    await steady(pilot)  # a toast left under the dialog would stay in view
    await press(pilot, "i")


STATES: dict[str, tuple[Callable[[Pilot, FakeClock], Awaitable[None]], str]] = {
    "coffee_break": (coffee_break, "the meeting resumes at 09:15"),
    "back_after_a_point_of_order": (back_after_a_point_of_order, "TIMER PAUSED"),
    "limit_dialog": (limit_dialog, "Limit for each statement"),
}
CASES = [(state, size) for state in STATES for size in SIZES]


@pytest.mark.parametrize(("state", "size"), CASES,
                         ids=[f"{state}-{w}x{h}" for state, (w, h) in CASES])
def test_chair_state(snap_compare, database, clock, state: str, size: tuple[int, int]) -> None:
    steps, says = STATES[state]

    async def run_before(pilot: Pilot) -> None:
        await steps(pilot, clock)
        await steady(pilot)
        assert says in screen_text(pilot)

    assert snap_compare(chair_app(database, clock), terminal_size=size, run_before=run_before)
