"""A whole day of the bundled seminar in a real terminal: every item of Thursday in turn with
`]`, requests and speakers, the coffee break and lunch (a request taken during lunch for the
item after it), the end of the day adjourned until Friday, the next morning resumed by the same
key; then the journal exported.

The console runs on a clock moved by libfaketime (Debian's faketime package), as the room's
clock would move through the day: each item opens at its planned time, the evening and the
morning come when the test says, and nothing sleeps for them. Wall and steady clocks move
together, as they do in a real day."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from moderator.core.forecast import planned_times
from moderator.core.model import ItemKind
from tests.e2e.test_console_tmux import CONSOLE, Terminal, terminals
from tests.e2e.test_notes_tmux import bundled

LIBRARY = Path("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1")
VIENNA = ZoneInfo("Europe/Vienna")

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(not LIBRARY.exists(), reason="Debian's faketime package is not "
                       "installed: the day's clock cannot be moved"),
]


class Day:
    """The console in tmux on a clock the test moves, and what it recorded."""

    def __init__(self, terminal: Terminal, folder: Path) -> None:
        self.terminal, self.folder = terminal, folder
        self.database = folder / "seminar.db.json"
        self.clock_file = folder / "faketime"

    def set_clock(self, local: datetime) -> None:
        """The room's clock reads `local` (Vienna) from now on, and runs on from there."""
        utc = local.replace(tzinfo=VIENNA).astimezone(ZoneInfo("UTC"))
        self.clock_file.write_text(f"@{utc:%Y-%m-%d %H:%M:%S}\n")

    def start(self) -> None:
        command = (f"LD_PRELOAD={LIBRARY} FAKETIME_TIMESTAMP_FILE={self.clock_file} "
                   f"FAKETIME_NO_CACHE=1 exec {CONSOLE} run --db {self.database}")
        self.terminal.start(command, self.folder)
        self.terminal.wait_for("Nobody has the floor")

    def recorded(self, kind: str) -> int:
        """How many events of `kind` the journal holds (read as bytes: no lock is taken)."""
        try:
            return self.database.read_bytes().count(f'"{kind}"'.encode())
        except FileNotFoundError:
            return 0

    def notice(self) -> str:
        """The notification row, above the footer."""
        return self.terminal.screen().rstrip("\n").splitlines()[-2]

    def item_key(self, timeout: float = 20) -> None:
        """`]`: the next item opens; asked first (a break's time, a speaker, an item just
        opened), the key is pressed again, as the chair would after reading the question."""
        opened, before = self.recorded("item.started"), self.notice()
        self.terminal.keys("]")
        deadline, again = time.monotonic() + timeout, False
        while self.recorded("item.started") == opened:
            notice = self.notice()
            if not again and notice != before and "Press ] again" in notice:
                self.terminal.keys("]")
                again = True
            assert time.monotonic() < deadline, self.terminal.screen()
            time.sleep(0.05)

    def request(self, typed: str) -> None:
        made = self.recorded("request.made")
        self.terminal.keys("a")
        self.terminal.wait_for("Request for the floor", "e.g. turki")
        self.terminal.type(typed)
        self.terminal.wait_for(f"Add as a guest: {typed}")  # typed, and its matches listed
        self.terminal.keys("Enter")
        self.until(lambda: self.recorded("request.made") > made)

    def until(self, condition, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            assert time.monotonic() < deadline, self.terminal.screen()
            time.sleep(0.05)


def test_a_whole_day_through_breaks_lunch_the_adjournment_and_the_next_morning(
        tmp_path: Path) -> None:
    assert CONSOLE.exists(), f"no console script at {CONSOLE}"
    meeting = bundled()
    zone = meeting.agenda.event.timezone
    planned = planned_times(meeting.agenda)
    thursday = [item for session, item in meeting.agenda.items()
                if session.date == meeting.agenda.sessions[0].date]
    with terminals("day") as (terminal,):
        day = Day(terminal, tmp_path)
        day.set_clock(datetime(2026, 12, 10, 9, 25))
        day.start()
        for item in thursday:
            # Each item opens at its planned time (and so a break's time is up when it ends).
            start = planned[item.id][0].astimezone(ZoneInfo(zone)).replace(tzinfo=None)
            day.set_clock(start)
            day.item_key()
            if item.kind is ItemKind.BREAK:  # its face: a countdown to the resumption
                terminal.wait_for(item.title.upper(), "the meeting resumes at")
            if item.id == "s1-discussion":
                day.request("turki")
                day.request("oster")
                terminal.keys("n")
                terminal.wait_for("SPEAKING", "Türkiye")
                terminal.keys("f")
            if item.id == "lunch-1-break":
                terminal.wait_for("LUNCH BREAK", "the meeting resumes at 14:30")
                day.request("norw")  # for the item after lunch
                terminal.wait_for("after the break", "Norway")
            if item.id == "s3-panel":  # after lunch: Norway's request is on its list
                assert "Norway" in terminal.wait_for("List of speakers").partition(
                    "List of speakers")[2]
        # The evening: the last item of the day, and `]` offers to adjourn.
        day.set_clock(datetime(2026, 12, 10, 18, 2))
        terminal.keys("]")
        terminal.wait_for("The end of Thursday 10 December",
                          "Enter adjourns the meeting until")
        terminal.keys("Enter")
        # Both in one look: tmux may be read between two writes of the same frame.
        terminal.wait_for("ADJOURNED UNTIL FRIDAY 09:30", "] resumes the meeting")
        # Friday morning, a few minutes early: the same key resumes the meeting.
        day.set_clock(datetime(2026, 12, 11, 9, 27))
        started = day.recorded("item.started")
        terminal.keys("]")
        day.until(lambda: day.recorded("item.started") > started)
        terminal.wait_for("Resumed the meeting; opened “Panel presentations”")
        assert day.recorded("meeting.adjourned") == 1 and day.recorded("meeting.resumed") == 1
        pid = terminal.pid()
        terminal.keys("C-q")  # quits: nothing needs saving
        terminal.wait_gone(pid)
    journal = tmp_path / "journal.md"
    done = subprocess.run([sys.executable, "-m", "moderator", "export", "--journal",
                           "--db", str(day.database), "--out", str(journal)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    text = journal.read_text()
    assert ("The meeting adjourned at 6.02 p.m. on Thursday, 10 December 2026, until Friday, "
            "11 December 2026, 9.30 a.m.") in text
    assert "**Agenda item 6: DISCUSSION**\n\nTürkiye\n" in text  # the morning's speaker
    # Dated by its first day; the morning's resumption names its own day.
    assert "Date: Thursday, 10 December 2026" in text
    assert "Resumed: 9.27 a.m. (Friday, 11 December 2026)" in text
