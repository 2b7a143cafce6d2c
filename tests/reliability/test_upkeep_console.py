"""A compaction that fails after a durable append (a full disk) is a warning, not "Not saved":
the action is shown as done, because it is on disk, and the user is told the rest apart."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from moderator.core import FakeClock
from moderator.store import MeetingStore, journal
from moderator.tui.app import build_app
from tests.reliability.scenario import START, seminar
from tests.tui.conftest import settle


async def test_a_failed_compaction_is_told_apart_from_the_saved_action(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    agenda, roster = seminar()
    database = tmp_path / "meeting.db"
    monkeypatch.setattr(journal, "COMPACT_MIN_DEAD", 1000)
    with MeetingStore.open(database, meeting=agenda.event.id) as store:
        for n in range(10):
            store.set_setting("column-widths", n)  # 9 superseded documents
    app = build_app(agenda, roster, database, FakeClock(START))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(journal, "COMPACT_MIN_DEAD", 4)  # a compaction is due at the next append
        with monkeypatch.context() as patch:
            patch.setattr(os, "replace", _disk_full)  # the snapshot cannot be put in place
            await pilot.press("right_square_bracket")
            await settle(pilot)
        assert app.meeting.current_item().id == "opening-welcome"  # saved, so shown
        by_severity = {n.severity: n.message for n in app._notifications}
        assert "error" not in by_severity  # never "Not saved" for what was saved
        assert str(database) in by_severity["warning"] and "disk is full" in by_severity["warning"]
    with MeetingStore.open(database) as store:
        assert [e["type"] for e in store.events()] == ["item.started"]


def _disk_full(*args: Any) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
