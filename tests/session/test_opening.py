"""The one way to open a meeting: folded through its snapshot, checked against the agenda,
with or without a writer, and closed with its snapshot saved."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from moderator.core import FakeClock
from moderator.session import open_meeting
from moderator.store import StoreError
from moderator.store import snapshot as files
from tests.helpers.small_meeting import small_agenda, small_roster


def opened(database: Path, clock: FakeClock, **options):
    return open_meeting(small_agenda(), small_roster(), database, role="moderator", clock=clock,
                        **options)


def test_a_meeting_closed_and_opened_again_resumes_through_its_snapshot(
        tmp_path: Path, clock: FakeClock) -> None:
    database = tmp_path / "meeting.db.json"
    with opened(database, clock, create=True, seat="chair-1") as chair:
        chair.record(lambda: chair.meeting.start_item("debate"))
        chair.record(lambda: chair.meeting.request_floor("AT"))
        assert chair.identity.seat.endswith(":chair-1") and chair.writer is not None
    assert Path(files.path_of(str(database))).is_file()  # saved at the close
    with opened(database, clock, records=False) as again:
        assert again.store.resumed is not None and again.writer is None
        assert [r.who for r in again.meeting.queue()] == ["AT"]


def test_there_is_no_database_unless_asked_to_create_it(tmp_path: Path, clock: FakeClock) -> None:
    with pytest.raises(StoreError):
        opened(tmp_path / "none.db.json", clock)
    assert list(tmp_path.iterdir()) == []


def test_a_record_naming_items_this_agenda_lacks_is_refused(tmp_path: Path,
                                                            clock: FakeClock) -> None:
    database = tmp_path / "meeting.db.json"
    with opened(database, clock, create=True) as chair:
        chair.record(lambda: chair.meeting.start_item("debate"))
    agenda = small_agenda()
    first = agenda.sessions[0]
    shorter = replace(agenda, sessions=(replace(first, items=first.items[:1]),
                                        *agenda.sessions[1:]))
    with pytest.raises(StoreError, match="debate"):
        open_meeting(shorter, small_roster(), database, role="moderator", clock=clock)
