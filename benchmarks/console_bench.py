"""The consoles, headless, on the large meeting: start-up, typing a note, giving the floor, drift.

Every figure is a frame: the time from the start (or the key) to the end of the frame that shows
it, turned into terminal output (see frames.py). `pilot.pause()` runs Textual's frame timer at
once, so the 60 Hz pacing of frames, the same for every app, is not counted.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from frames import Frames
from generate import LargeMeeting, LiveClock, quit_once
from lines import Line, ms, percentile
from textual import events
from textual.app import App
from textual.screen import Screen
from textual.widgets import Digits, Static

from moderator.core import FakeClock, Meeting, load_meeting
from moderator.core.model import InterventionKind
from moderator.store import MeetingStore
from moderator.tui.app import build_app
from moderator.tui.rapporteur_app import build_rapporteur_app
from moderator.tui.screens.console import ConsoleScreen
from moderator.tui.widgets.note_editor import NoteEditor

SIZE = (120, 36)
WIDE = (160, 45)  # the notes panel shows from 150 columns: the console on a wide screen
STARTS = 3  # start-ups of each app; the median counts
KEYS = 500
FLOOR_PRESSES = 100
TYPED = ("the delegation supports the draft decision with amendments on the resilience of "
         "public spaces and asks the secretariat for guidance ") * 5


class Empty(App[None]):
    """The reference: an empty Textual app."""


async def _until(condition: Callable[[], bool], pilot: Any, limit: float = 30.0) -> None:
    deadline = time.perf_counter() + limit
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app never reached the awaited state")
        await pilot.pause()


async def first_frame(make: Callable[[], App[Any]], screen: type[Screen[Any]]) -> float:
    """Seconds from making the app (opening its database included) to its first full frame."""
    start = time.perf_counter()
    app = make()
    frames = Frames(app)
    async with app.run_test(headless=True, size=SIZE) as pilot:
        await _until(lambda: frames.first_of(screen) is not None, pilot)
        moment = frames.first_of(screen)
        await pilot.exit(None)
    assert moment is not None
    return moment - start


async def key_times(app: App[Any], keys: list[str], done: Callable[[int], bool],
                    between: Callable[[Any], Any] | None = None,
                    size: tuple[int, int] = SIZE) -> list[float]:
    """Seconds from each key to the end of the frame that shows its effect.

    The key goes in as the terminal driver sends it; once `done(n)` says the n-th key took
    effect, the frame is drawn at once (as `pilot.pause()` does) instead of at the next 60 Hz
    slot. Keys come 20 ms apart, a fast typist, with the app's own timers running meanwhile.
    """
    frames = Frames(app)
    timings = []
    async with app.run_test(headless=True, size=size) as pilot:
        await pilot.pause()
        for number, key in enumerate(keys, 1):
            event = events.Key(key, " " if key == "space" else key)
            start = time.perf_counter()
            app._driver.send_message(event)
            while not done(number):
                if time.perf_counter() - start > 10:
                    raise TimeoutError(f"key {number} ({key}) never took effect")
                await asyncio.sleep(0)
            app.screen._on_timer_update()
            timings.append((frames.last_since(start) or time.perf_counter()) - start)
            await asyncio.sleep(0.02)
            if between is not None:
                await between(pilot)
        await pilot.exit(None)
    return timings


def empty_database(large: LargeMeeting, directory: Path) -> Path:
    path = directory / "empty.db.json"
    MeetingStore.open(path).close()
    return path


def startup(large: LargeMeeting, workdir: str) -> Line:
    agenda, roster = load_meeting(large.agenda_200, large.roster)
    with tempfile.TemporaryDirectory(dir=workdir) as directory:
        # A copy, with the snapshot its last clean quit left: each start writes drafts and a
        # snapshot of its own at quit.
        copy = quit_once(large, large.agenda_200, Path(directory))
        ours = [asyncio.run(first_frame(
            lambda: build_app(agenda, roster, copy, LiveClock(large.ends_at)), ConsoleScreen))
            for _ in range(STARTS)]
    reference = [asyncio.run(first_frame(Empty, Screen)) for _ in range(STARTS)]
    a, b = statistics.median(ours), statistics.median(reference)
    return Line("Console start to first full frame (50,000 events, 200-item agenda)",
                f"{a:.2f} s", f"{b:.2f} s (empty Textual app)", f"{a / b:.2f}x", "<= 1.5x",
                a / b <= 1.5)


async def typed(app: App[Any], keys: list[str]) -> list[float]:
    def done(number: int) -> bool:
        return len(app.screen.query_one(NoteEditor).text) >= number

    return await key_times(app, keys, done)


def typing(large: LargeMeeting, workdir: str) -> list[Line]:
    agenda, roster = load_meeting(large.agenda, large.roster)
    keys = ["space" if c == " " else c for c in TYPED[:KEYS]]
    with tempfile.TemporaryDirectory(dir=workdir) as directory:
        empty = empty_database(large, Path(directory))
        copy = Path(directory) / "large.db.json"
        copy.write_bytes(large.database.read_bytes())  # drafts are written: keep the original
        ours = asyncio.run(typed(build_rapporteur_app(agenda, roster, copy,
                                                      LiveClock(large.ends_at)), keys))
        reference = asyncio.run(typed(build_rapporteur_app(agenda, roster, empty,
                                                           LiveClock(large.ends_at)), keys))
    a, b = percentile(ours, 0.99), percentile(reference, 0.99)
    ma, mb = statistics.median(ours), statistics.median(reference)
    return [
        Line("Typing 500 characters in the rapporteur's note editor, 10,000 notes: p99 per key",
             ms(a), f"{ms(b)} (empty database)", f"{a / b:.2f}x", "< 16 ms; <= 1.2x",
             a < 0.016 and a / b <= 1.2),
        Line("  the same, median per key", ms(ma), f"{ms(mb)} (empty database)", f"{ma / mb:.2f}x",
             "-", True),
    ]


def floor(large: LargeMeeting, workdir: str, size: tuple[int, int] = SIZE) -> Line:
    """`n` with 200 requests waiting; after each key a new request keeps the list at 200."""
    agenda, roster = load_meeting(large.agenda, large.roster)
    with tempfile.TemporaryDirectory(dir=workdir) as directory:
        copy = Path(directory) / "large.db.json"
        copy.write_bytes(large.database.read_bytes())
        clock = LiveClock(large.ends_at)
        with MeetingStore.open(copy) as store:
            meeting = Meeting(agenda, roster, clock)
            meeting.apply_all(store.read_new())
            for number in range(200):
                store.append(meeting.record(meeting.request_floor(
                    None, InterventionKind.STATEMENT, guest=f"Waiting guest {number}")))
        app = build_app(agenda, roster, copy, clock)
        added = iter(range(10_000))

        holder: list[str | None] = [None]  # who held the floor before the key

        def speaking() -> str | None:
            floor = app.meeting.floor()
            return floor.id if floor else None

        async def one_more(pilot: Any) -> None:
            guest = f"Late guest {next(added)}"
            app.link.run(lambda: app.meeting.request_floor(None, guest=guest))
            await _until(lambda: app.link.idle, pilot)
            holder[0] = speaking()

        def done(number: int) -> bool:  # the floor given, durable, applied and on the screen
            floor = app.meeting.floor()
            if not app.link.idle or floor is None or floor.id == holder[0]:
                return False
            shown = app.screen.query_one("#speaker", Static).content
            return str(shown).startswith(app.meeting.label_of(floor))

        holder[0] = speaking()
        timings = asyncio.run(key_times(app, ["n"] * FLOOR_PRESSES, done, one_more, size))
        waiting = len(app.meeting.queue())
        notes_shown = size[0] >= 150
    worst, median = percentile(timings, 0.99), statistics.median(timings)
    where = f"at {size[0]}x{size[1]}" + (", the notes panel shown" if notes_shown else "")
    return Line(f"Giving the floor (`n`), {waiting} requests waiting, {where}: key to screen, "
                f"p99 (median {ms(median)}; the fsync included)", ms(worst), "-", "-", "< 16 ms",
                worst < 0.016)


def floor_wide(large: LargeMeeting, workdir: str) -> Line:
    return floor(large, workdir, WIDE)


def drift(large: LargeMeeting, workdir: str) -> Line:
    """A speaker on the floor for 3 simulated hours: the countdown shown against the clock."""
    agenda, roster = load_meeting(large.agenda, large.roster)
    clock = FakeClock(large.ends_at)
    with tempfile.TemporaryDirectory(dir=workdir) as directory:
        path = Path(directory) / "drift.db.json"
        with MeetingStore.open(path) as store:
            meeting = Meeting(agenda, roster, clock)
            for command in (meeting.start_item, lambda: meeting.request_floor("AT"),
                            meeting.give_floor):
                store.append(meeting.record(command()))
        started = clock.now()
        app = build_app(agenda, roster, path, clock)

        async def run() -> tuple[str, str]:
            async with app.run_test(headless=True, size=SIZE) as pilot:
                await pilot.pause()
                # Uneven steps of 0.2 to 20 s, each shown, up to exactly 3 hours.
                steps = [0.2, 0.7, 1.3, 5.0, 20.0, 0.05, 2.75]
                step = 0
                while clock.now() - started < timedelta(hours=3):
                    left = (timedelta(hours=3) - (clock.now() - started)).total_seconds()
                    clock.advance(min(steps[step % len(steps)], left))
                    step += 1
                    app.screen.tick()
                await pilot.pause()
                shown = str(app.screen.query_one(Digits).value)
                await pilot.exit(None)
            return shown, str(step)

        shown, steps = asyncio.run(run())
    allotted = agenda.defaults.statement
    expected = allotted - 3 * 3600
    sign = -1 if shown.startswith("-") else 1
    minutes, seconds = shown.lstrip("-").split(":")
    drifted = abs(sign * (int(minutes) * 60 + int(seconds)) - expected)
    return Line(f"Timer: countdown shown after 3 simulated hours ({steps} uneven ticks) "
                f"against the clock", f"{drifted} s drift (shows {shown})", "-", "-", "0 s",
                drifted == 0)


def run(workdir: str, large: LargeMeeting) -> list[Line]:
    lines = []
    for part in (startup, typing, floor, floor_wide, drift):
        print(f"  console: {part.__name__}", flush=True)
        found = part(large, workdir)
        lines += found if isinstance(found, list) else [found]
    return lines
