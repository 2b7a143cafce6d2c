"""The console's main states, reached by the keys a moderator presses, with the clock frozen.

At 80x24 (no agenda), 120x36 (agenda, floor and list; notes only while writing) and, for idle
and running, 160x45 (everything in view).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from moderator.core import FakeClock

from .conftest import add_request, press, saved, screen_text, settle, steady, wait

Steps = Callable[[Pilot, FakeClock], Awaitable[None]]
SIZES = [(80, 24), (120, 36)]
FULL = (160, 45)


async def open_item_with(pilot: Pilot, clock: FakeClock, *names: str) -> None:
    """`]` opens the first item; each name typed into the `a` dialog 20 seconds apart."""
    await press(pilot, "right_square_bracket")
    for name in names:
        await wait(pilot, clock, 20)
        await add_request(pilot, name)


async def turkiye_speaking(pilot: Pilot, clock: FakeClock, seconds: float) -> None:
    """Türkiye given the floor with `n` (which starts the timer), two more waiting."""
    await open_item_with(pilot, clock, "turki", "austria", "germany")
    await press(pilot, "n")
    await wait(pilot, clock, seconds)


async def idle(pilot: Pilot, clock: FakeClock) -> None:
    await open_item_with(pilot, clock, "turki", "austria")


async def running(pilot: Pilot, clock: FakeClock) -> None:
    await turkiye_speaking(pilot, clock, 40)
    await press(pilot, "plus")  # 3:30 allotted now, 2:50 left


async def paused(pilot: Pilot, clock: FakeClock) -> None:
    await turkiye_speaking(pilot, clock, 65)
    await press(pilot, "space")
    await wait(pilot, clock, 30)  # the countdown stays at 1:55 while paused


async def warning(pilot: Pilot, clock: FakeClock) -> None:
    await turkiye_speaking(pilot, clock, 160)


async def overtime(pilot: Pilot, clock: FakeClock) -> None:
    await turkiye_speaking(pilot, clock, 200)


async def point_of_order(pilot: Pilot, clock: FakeClock) -> None:
    """Türkiye interrupted by Albania's point of order; Georgia asked for a right of reply."""
    await turkiye_speaking(pilot, clock, 50)
    await pilot.press("a")
    await pilot.pause()
    await pilot.press(*"georgia", "f4", "enter")
    await settle(pilot)
    await pilot.press("o")
    await pilot.pause()
    await pilot.press(*"albania", "enter")
    await settle(pilot)
    await press(pilot, "n")
    await wait(pilot, clock, 12)


async def long_list(pilot: Pilot, clock: FakeClock) -> None:
    """Fourteen requests, one of them a point of order and one a right of reply."""
    await open_item_with(pilot, clock, "turki", "austria", "germany", "france", "italy", "spain",
                         "poland", "sweden", "norway", "switz", "united states", "canada",
                         "markup")
    await pilot.press("a")
    await pilot.pause()
    await pilot.press(*"ukraine", "f4", "enter")
    await settle(pilot)
    await pilot.press("o")
    await pilot.pause()
    await pilot.press(*"albania", "enter")
    await settle(pilot)
    await wait(pilot, clock, 95)


async def closed_list(pilot: Pilot, clock: FakeClock) -> None:
    await open_item_with(pilot, clock, "turki", "markup", "japan")
    await press(pilot, "l")


async def add_dialog(pilot: Pilot, clock: FakeClock) -> None:
    """The best match for "turk" is highlighted; Enter would add Türkiye."""
    await open_item_with(pilot, clock, "austria")
    await steady(pilot)  # a toast left under the dialog would stay in view
    await pilot.press("a")
    await pilot.pause()
    await pilot.press(*"turk")


async def writing_a_note(pilot: Pilot, clock: FakeClock) -> None:
    """ctrl+n during Türkiye's statement: one note saved under her, a second being typed."""
    await turkiye_speaking(pilot, clock, 50)
    await pilot.press("ctrl+n")
    await pilot.pause()
    await pilot.press(*"Hotels want one contact point #rec", "ctrl+s")
    await saved(pilot)
    await wait(pilot, clock, 20)
    await pilot.press(*"Asks for a register of soft targets")


async def suspended(pilot: Pilot, clock: FakeClock) -> None:
    """`p` during Türkiye's statement: the sitting suspended for lunch, her timer paused."""
    await turkiye_speaking(pilot, clock, 50)
    await press(pilot, "p", "enter")  # Enter alone: when it resumes is not said
    await wait(pilot, clock, 600)


async def documents_dialog(pilot: Pilot, clock: FakeClock) -> None:
    """`d` during Türkiye's statement, one symbol typed."""
    await turkiye_speaking(pilot, clock, 50)
    await steady(pilot)
    await pilot.press("d")
    await pilot.pause()
    await pilot.press(*"PC.DEL/447/26")


async def decision_dialog(pilot: Pilot, clock: FakeClock) -> None:
    """ctrl+r on the open item: the number typed, the rest to fill in."""
    await open_item_with(pilot, clock, "austria")
    await steady(pilot)
    await pilot.press("ctrl+r")
    await pilot.pause()
    await pilot.press(*"1041")


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
