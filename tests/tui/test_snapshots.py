"""The console's main states, at 80x24 and 120x36, with the clock frozen."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from moderator.core import FakeClock
from moderator.core.model import InterventionKind
from moderator.tui.screens.console import ConsoleScreen

from .conftest import STATES, settle

SIZES = [(80, 24), (120, 36)]


async def record(pilot: Pilot, command) -> None:
    pilot.app.link.run(command)
    await settle(pilot)


async def open_item_with(pilot: Pilot, refs: list[str]) -> None:
    meeting = pilot.app.meeting
    await record(pilot, meeting.next_item)
    for ref in refs:
        await record(pilot, lambda ref=ref: meeting.request_floor(ref))


def speaking(clock: FakeClock, seconds: float) -> Callable[[Pilot], Awaitable[None]]:
    """Türkiye on the floor (which starts the timer) for `seconds`, two more waiting."""

    async def run_before(pilot: Pilot) -> None:
        meeting = pilot.app.meeting
        await open_item_with(pilot, ["TR", "AT", "DE"])
        await record(pilot, meeting.give_floor)
        clock.advance(seconds)
        await quiet(pilot)

    return run_before


async def quiet(pilot: Pilot) -> None:
    """No toasts and no blinking cursor in a snapshot; one refresh from the frozen clock."""
    pilot.app.clear_notifications()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    for screen in pilot.app.screen_stack:
        if isinstance(screen, ConsoleScreen):
            screen.render_meeting()
    await pilot.pause()


def states(clock: FakeClock) -> dict[str, Callable[[Pilot], Awaitable[None]]]:
    async def idle(pilot: Pilot) -> None:
        await quiet(pilot)

    async def paused_for_point_of_order(pilot: Pilot) -> None:
        meeting = pilot.app.meeting
        await speaking(clock, 50)(pilot)
        await record(pilot, lambda: meeting.request_floor("AL", InterventionKind.POINT_OF_ORDER))
        await record(pilot, lambda: meeting.request_floor("GE", InterventionKind.RIGHT_OF_REPLY))
        await record(pilot, meeting.give_floor)
        clock.advance(12)
        await quiet(pilot)

    async def long_list(pilot: Pilot) -> None:
        await open_item_with(pilot, [ref for ref, _ in STATES] + ["MK", "RTL", "JP"])
        clock.advance(95)
        await quiet(pilot)

    async def closed_list(pilot: Pilot) -> None:
        await open_item_with(pilot, ["TR", "MK", "RTL"])
        await record(pilot, pilot.app.meeting.close_list)
        await quiet(pilot)

    async def add_dialog(pilot: Pilot) -> None:
        await open_item_with(pilot, ["AT"])
        await pilot.press("a", *"turk")
        await quiet(pilot)

    return {
        "idle": idle,
        "running": speaking(clock, 40),
        "warning": speaking(clock, 160),
        "overtime": speaking(clock, 200),
        "point_of_order": paused_for_point_of_order,
        "long_list": long_list,
        "closed_list": closed_list,
        "add_dialog": add_dialog,
    }


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("state", list(states(FakeClock())))
def test_console_state(snap_compare, make_app, clock, state: str, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=states(clock)[state])
