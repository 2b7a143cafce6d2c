"""The database's changes as the file system tells them (inotify): a write, and the rename of
a compaction, wake whoever waits; a write to another file of the folder does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from moderator.core import FakeClock
from moderator.store import MeetingStore
from moderator.store.changes import DatabaseChanges
from tests.reliability.scenario import START, fresh_meeting


@pytest.fixture
def changes(tmp_path: Path):
    path = tmp_path / "meeting.db.json"
    MeetingStore.open(path).close()
    found = DatabaseChanges.watch(str(path))
    if found is None:
        pytest.skip("this system notifies no file changes (the consoles poll)")
    yield path, found
    found.close()


def test_a_write_and_a_compaction_are_told_and_other_files_are_not(changes) -> None:
    path, told = changes
    assert not told.wait(0)
    (path.parent / "other.txt").write_text("not the meeting", encoding="utf-8")
    assert not told.wait(0.05)
    clock = FakeClock(START)
    meeting = fresh_meeting(clock)
    with MeetingStore.open(path, clock) as store:
        store.append(meeting.record(meeting.start_item()))
        assert told.wait(10)
        while told.wait(0.05):  # every write of the append said
            pass
        store.compact()  # a new file renamed into place
        assert told.wait(10)


def test_wake_ends_a_wait_at_once(changes) -> None:
    _, told = changes
    told.wake()
    assert not told.wait(10)  # returns at once, nothing changed
