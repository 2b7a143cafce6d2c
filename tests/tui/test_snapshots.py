"""The console's main states, with the clock frozen.

Each state is built through the console's own loop by the core calls its keys make (the flow
tests press those keys: tests/tui/test_console_*.py, test_chair_console.py); the dialogs are
opened by their key and what is typed in them arrives as one paste.

At 80x24 (no agenda), 120x36 (agenda, floor and list; notes only while writing) and, for idle
and running, 160x45 (everything in view).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from moderator.core import FakeClock
from moderator.core.model import InterventionKind as Kind

from .conftest import paste, press, record, saved, screen_text, settle, steady

Steps = Callable[[Pilot, FakeClock], Awaitable[None]]
SIZES = [(80, 24), (120, 36)]
FULL = (160, 45)


async def request(pilot: Pilot, who: str, kind: Kind = Kind.STATEMENT) -> None:
    """What the `a` dialog records for a name typed and Enter (`o`, F4: the other kinds)."""
    meeting = pilot.app.meeting
    await record(pilot, lambda: meeting.request_floor(who, kind))


async def open_item_with(pilot: Pilot, clock: FakeClock, *delegations: str) -> None:
    """`]` opens the first item; each delegation asks for the floor 20 seconds after the last."""
    await record(pilot, pilot.app.meeting.next_item, announce=True)
    for who in delegations:
        clock.advance(20)
        await request(pilot, who)


async def turkiye_speaking(pilot: Pilot, clock: FakeClock, seconds: float) -> None:
    """Türkiye given the floor with `n` (which starts the timer), two more waiting."""
    await open_item_with(pilot, clock, "TR", "AT", "DE")
    await record(pilot, pilot.app.meeting.give_floor, announce=True)
    clock.advance(seconds)


async def idle(pilot: Pilot, clock: FakeClock) -> None:
    await open_item_with(pilot, clock, "TR", "AT")


async def running(pilot: Pilot, clock: FakeClock) -> None:
    await turkiye_speaking(pilot, clock, 40)
    await record(pilot, lambda: pilot.app.meeting.adjust_time(30))  # `+`: 3:30 allotted, 2:50 left


async def paused(pilot: Pilot, clock: FakeClock) -> None:
    await turkiye_speaking(pilot, clock, 65)
    await record(pilot, pilot.app.meeting.toggle_timer)  # space
    clock.advance(30)  # the countdown stays at 1:55 while paused


async def warning(pilot: Pilot, clock: FakeClock) -> None:
    await turkiye_speaking(pilot, clock, 160)


async def overtime(pilot: Pilot, clock: FakeClock) -> None:
    await turkiye_speaking(pilot, clock, 200)


async def point_of_order(pilot: Pilot, clock: FakeClock) -> None:
    """Türkiye interrupted by Albania's point of order; Georgia asked for a right of reply."""
    await turkiye_speaking(pilot, clock, 50)
    await request(pilot, "GE", Kind.RIGHT_OF_REPLY)
    await request(pilot, "AL", Kind.POINT_OF_ORDER)
    await record(pilot, pilot.app.meeting.give_floor, announce=True)
    clock.advance(12)


async def long_list(pilot: Pilot, clock: FakeClock) -> None:
    """Fourteen requests, one of them a point of order and one a right of reply."""
    await open_item_with(pilot, clock, "TR", "AT", "DE", "FR", "IT", "ES", "PL", "SE", "NO",
                         "CH", "US", "CA", "MK")
    await request(pilot, "UA", Kind.RIGHT_OF_REPLY)
    await request(pilot, "AL", Kind.POINT_OF_ORDER)
    clock.advance(95)


async def closed_list(pilot: Pilot, clock: FakeClock) -> None:
    await open_item_with(pilot, clock, "TR", "MK", "JP")
    await record(pilot, pilot.app.meeting.close_list, announce=True)  # `l`


async def add_dialog(pilot: Pilot, clock: FakeClock) -> None:
    """The best match for "turk" is highlighted; Enter would add Türkiye."""
    await open_item_with(pilot, clock, "AT")
    await steady(pilot)  # a toast left under the dialog would stay in view
    await press(pilot, "a")
    await paste(pilot, "turk")


async def writing_a_note(pilot: Pilot, clock: FakeClock) -> None:
    """ctrl+n during Türkiye's statement: one note saved under her, a second being typed."""
    await turkiye_speaking(pilot, clock, 50)
    await settle(pilot)
    await pilot.press("ctrl+n")
    await pilot.pause()
    await paste(pilot, "Hotels want one contact point #rec")
    await pilot.press("ctrl+s")
    await saved(pilot)
    clock.advance(20)
    await paste(pilot, "Asks for a register of soft targets")


async def suspended(pilot: Pilot, clock: FakeClock) -> None:
    """`p` during Türkiye's statement: the sitting suspended for lunch, her timer paused."""
    await turkiye_speaking(pilot, clock, 50)
    await record(pilot, pilot.app.meeting.toggle_sitting, announce=True)
    clock.advance(600)


async def documents_dialog(pilot: Pilot, clock: FakeClock) -> None:
    """`d` during Türkiye's statement, one symbol typed."""
    await turkiye_speaking(pilot, clock, 50)
    await steady(pilot)
    await press(pilot, "d")
    await paste(pilot, "PC.DEL/447/26")


async def decision_dialog(pilot: Pilot, clock: FakeClock) -> None:
    """ctrl+r on the open item: the number typed, the rest to fill in."""
    await open_item_with(pilot, clock, "AT")
    await steady(pilot)
    await press(pilot, "ctrl+r")
    await paste(pilot, "1041")


STATES: dict[str, Steps] = {
    "idle": idle,
    "running": running,
    "paused": paused,
    "warning": warning,
    "overtime": overtime,
    "point_of_order": point_of_order,
    "long_list": long_list,
    "closed_list": closed_list,
    "add_dialog": add_dialog,
    "writing_a_note": writing_a_note,
    "suspended": suspended,
    "documents_dialog": documents_dialog,
    "decision_dialog": decision_dialog,
}
# What each state must say in words (colour alone is not enough on a projector).
SAYS = {
    "idle": "Nobody has the floor",
    "running": "SPEAKING",
    "paused": "PAUSED",
    "warning": "WARNING",
    "overtime": "OVERTIME +0:20",
    "point_of_order": "suspended for a point of order",
    "long_list": "POINT OF ORDER",
    "closed_list": "LIST CLOSED",
    "add_dialog": "Add as a guest: turk",
    "writing_a_note": "Asks for a register",
    "suspended": "SITTING SUSPENDED at 09:01 (p resumes)",
    "documents_dialog": "Documents circulated by Türkiye",
    "decision_dialog": "Decision adopted under",
}
CASES = [(state, size) for state in STATES for size in SIZES]
CASES += [("idle", FULL), ("running", FULL)]


@pytest.mark.parametrize(("state", "size"), CASES,
                         ids=[f"{state}-{w}x{h}" for state, (w, h) in CASES])
def test_console_state(snap_compare, make_app, clock, state: str, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot) -> None:
        await STATES[state](pilot, clock)
        await steady(pilot)
        assert SAYS[state] in screen_text(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)
