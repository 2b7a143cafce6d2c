"""The console when the disk fails: a clear notification, nothing shown that is not saved, and it
keeps running; on a full disk the note being typed stays in the editor and the data stays intact.
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from moderator.core import FakeClock
from moderator.store import MeetingStore
from moderator.tui.app import MeetingApp, build_app
from moderator.tui.widgets.note_editor import NoteEditor
from tests.conftest import notified
from tests.reliability.failing_io import Injector
from tests.reliability.scenario import START, seminar
from tests.tui.conftest import paste, settle

SIZE = (140, 40)
LONG = " ".join(["Operators of shopping centres asked for joint exercises."] * 120)


def console(database: Path, clock: FakeClock) -> MeetingApp:
    agenda, roster = seminar()
    return build_app(agenda, roster, database, clock)




def errors_shown(app: MeetingApp) -> list[str]:
    return [n.message for n in notified(app) if n.severity == "error"]


@pytest.mark.parametrize(("call", "words"), [("fsync", "Input/output error"),
                                             ("write", "the disk is full")])
async def test_a_failing_write_is_reported_and_the_console_goes_on(
        tmp_path: Path, call: str, words: str) -> None:
    database = tmp_path / "meeting.db"
    app = console(database, FakeClock(START))
    async with app.run_test(size=SIZE) as pilot:
        with Injector(call, 1).active():
            await pilot.press("right_square_bracket")  # open the first item
            await settle(pilot)
        assert app.meeting.current_item() is None  # not on disk, so not on screen
        shown = errors_shown(app)
        assert len(shown) == 1 and shown[0].startswith("Not saved:")
        assert str(database) in shown[0] and words in shown[0]
        await pilot.press("right_square_bracket")  # still responsive, and the store works again
        await settle(pilot)
        assert app.meeting.current_item().id == "opening-welcome"
        await pilot.press("n")
        await settle(pilot)
        assert app.meeting.floor() is not None
    with MeetingStore.open(database) as store:
        assert [e["type"] for e in store.events()][:1] == ["item.started"]


@contextmanager
def small_disk(directory: Path) -> Iterator[bool]:
    """A 512 KiB tmpfs at `directory` (True), or nothing when mounting is not permitted (False)."""
    directory.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(directory)],
                             capture_output=True).returncode == 0
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(directory)], check=False)


def fill(directory: Path) -> None:
    """Write a file until the file system says it is full."""
    fd = os.open(directory / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)


async def test_full_disk_keeps_the_data_and_the_note_being_typed(tmp_path: Path,
                                                                 capsys) -> None:
    disk = tmp_path / "disk"
    with small_disk(disk) as mounted:
        if not mounted:
            with capsys.disabled():
                print("\nfull disk: mount not permitted here; ENOSPC is injected instead")
        database = disk / "meeting.db"
        clock = FakeClock(START)
        app = console(database, clock)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("right_square_bracket", "n")
            await settle(pilot)
            before = [e["id"] for e in app.meeting.events]
            await pilot.press("ctrl+n")
            await paste(pilot, "Exercises with operators #rec")
            editor = app.screen.query_one(NoteEditor)
            # longer than a page: the journal's last page has no room left for it
            editor.insert(LONG)
            typed = editor.text
            injector = Injector("write" if not mounted else None, 1)
            with injector.active():
                if mounted:
                    fill(disk)
                await pilot.press("ctrl+s")
                await settle(pilot)
                await pilot.pause(0.1)
            assert editor.text == typed  # the unsaved note is kept
            assert editor.border_subtitle == "not saved"
            shown = errors_shown(app)
            assert any("the disk is full" in m and str(database) in m for m in shown), shown
            assert app.meeting.notes() == []
            if mounted:
                os.unlink(disk / "filler")  # room again: the same text saves
            await pilot.press("ctrl+s")
            await settle(pilot)
            await pilot.pause(0.1)
            assert [n.text for n in app.meeting.notes()] == [typed]
        with MeetingStore.open(database) as store:
            stored = [e["id"] for e in store.events()]
        assert stored[:len(before)] == before and len(stored) == len(before) + 1
