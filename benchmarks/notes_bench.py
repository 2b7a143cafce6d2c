"""The list of notes of the rapporteur's console on the large meeting's last item (250 notes
under 50 speakers): what one event costs it, from the event to the frame that shows it.

Each change is recorded in the console's meeting (no store: the list is what is timed) and the
screen refreshed as an arriving event refreshes it. The reference, in the same run, is the same
list rebuilt whole in a stock OptionList, as the notes list did after an upgrade of Textual
that its shortcuts no longer fitted.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from frames import Frames
from generate import LargeMeeting, LiveClock
from lines import Line, ms
from textual.app import App, ComposeResult
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from moderator.core import Meeting, load_meeting
from moderator.tui.rapporteur_app import build_rapporteur_app
from moderator.tui.widgets.note_lines import note_line, speaker_line

SIZE = (120, 36)
CHANGES = 30


def changes(meeting: Meeting) -> dict[str, Callable[[int], list[dict]]]:
    """Each kind of change, as the n-th of its kind."""
    item = meeting.current_item()
    assert item is not None
    notes = meeting.notes(item.id)
    middle = notes[len(notes) // 2].id

    def give_floor(n: int) -> list[dict]:
        return meeting.record(meeting.request_floor(None, guest=f"Late guest {n}")) + \
            meeting.record(meeting.give_floor())

    return {
        "a note under the speaker on the floor (the last group)":
            lambda n: meeting.record(meeting.add_note(f"Point {n} of the delegation #rec")),
        "a note on the item as a whole (the first group)":
            lambda n: meeting.record(meeting.add_note(f"On the item {n}", intervention_id=None)),
        "a note in the middle edited":
            lambda n: meeting.record(meeting.edit_note(middle, f"Edited {n} times")),
        "giving the floor (a new last group; the last speaker's line changes)": give_floor,
    }


async def ours(app: Any) -> dict[str, list[float]]:
    frames = Frames(app)
    timings: dict[str, list[float]] = {}
    async with app.run_test(headless=True, size=SIZE) as pilot:
        await pilot.pause()
        for what, change in changes(app.meeting).items():
            timings[what] = []
            for n in range(CHANGES):
                start = time.perf_counter()
                change(n)
                app.screen.tick()  # what an arriving event does
                app.screen._on_timer_update()
                timings[what].append((frames.last_since(start) or time.perf_counter()) - start)
                await pilot.pause()
        await pilot.exit(None)
    return timings


class Rebuilt(App[None]):
    """The reference: a stock OptionList of the same width, given every line again."""

    CSS = "OptionList { width: 2fr; height: 1fr; } #rest { width: 3fr; }"

    def compose(self) -> ComposeResult:
        from textual.containers import Horizontal
        from textual.widgets import Static

        with Horizontal():
            yield OptionList()
            yield Static(id="rest")


def prompts(meeting: Meeting) -> list[Option]:
    item = meeting.current_item()
    assert item is not None
    now, options = meeting.now(), []
    talks = meeting.log(item.id)
    spoken: dict[str | None, list[Option]] = {talk.id: [] for talk in talks}
    for note in meeting.notes(item.id):
        spoken.setdefault(note.intervention_id, []).append(Option(note_line(note), id=note.id))
    for talk in talks:
        options.append(Option(speaker_line(meeting, talk, now), disabled=True))
        options += spoken[talk.id]
    return options


async def rebuilt(meeting: Meeting) -> list[float]:
    app = Rebuilt()
    frames = Frames(app)
    timings = []
    async with app.run_test(headless=True, size=SIZE) as pilot:
        listing = app.query_one(OptionList)
        listing.set_options(prompts(meeting))
        await pilot.pause()
        for n in range(CHANGES):
            meeting.record(meeting.add_note(f"Point {n} of the delegation #rec"))
            start = time.perf_counter()
            options = prompts(meeting)
            listing.set_options(options)
            listing.highlighted = len(options) - 1
            app.screen._on_timer_update()
            timings.append((frames.last_since(start) or time.perf_counter()) - start)
            await pilot.pause()
        await pilot.exit(None)
    return timings


def run(workdir: str, large: LargeMeeting) -> list[Line]:
    agenda, roster = load_meeting(large.agenda, large.roster)
    with tempfile.TemporaryDirectory(dir=workdir) as directory:
        copy = Path(directory) / "large.db.json"
        copy.write_bytes(large.database.read_bytes())
        app = build_rapporteur_app(agenda, roster, copy, LiveClock(large.ends_at))
        timings = asyncio.run(ours(app))
        whole = asyncio.run(rebuilt(app.meeting))
    reference = statistics.median(whole)
    lines = []
    for what, times in timings.items():
        median = statistics.median(times)
        lines.append(Line(f"The rapporteur's list of notes, 250 notes on the item: {what}, "
                          f"event to frame, median of {CHANGES} (worst {ms(max(times))})",
                          ms(median), f"{ms(reference)} (the list rebuilt whole)",
                          f"{median / reference:.2f}x", "<= 0.5x", median / reference <= 0.5))
    return lines
