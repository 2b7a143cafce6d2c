"""The README's three commands, one after another, give a meeting the console can run."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest

from moderator.cli import main
from moderator.core import FakeClock, Meeting, load_meeting
from tests.importing.conftest import TIMETABLE


def test_new_then_indico_then_participants_then_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", str(tmp_path / "m"), "--title", "Seminar", "--dates",
                 "2027-03-26,2027-03-29"]) == 0
    monkeypatch.chdir(tmp_path / "m")
    assert main(["import", "indico", str(TIMETABLE), "--force"]) == 0
    with open("registrations.csv", "w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([["First Name", "Last Name", "Country", "Position"],
                                   ["Mehmet", "Öztürk", "Türkiye", "Ambassador"],
                                   ["Grace", "Hopper", "United States", "Adviser"]])
    assert main(["import", "participants", "registrations.csv", "--force"]) == 0
    capsys.readouterr()
    assert main(["validate"]) == 0
    assert "0 errors, 1 warning" in capsys.readouterr().out  # the parallel working groups

    agenda, roster = load_meeting(Path("agenda.yaml"), Path("speakers.yaml"))
    # Mehmet Öztürk convenes two sessions and registered: still one speaker.
    assert [s.id for s in roster.speakers.values() if s.name == "Mehmet Öztürk"] == [
        "mehmet-ozturk"]
    assert roster.speakers["grace-hopper"].delegation == "US"
    meeting = Meeting(agenda, roster, FakeClock(datetime(2027, 3, 26, 8, 30, tzinfo=UTC)))
    meeting.record(meeting.start_item())
    meeting.record(meeting.give_floor())
    assert meeting.current_item().title == "Opening of the meeting"
    assert meeting.name_of(meeting.floor().who) == "Pēteris Ozoliņš"
    assert meeting.timer().allotted == 900
    assert meeting.forecast().status == "on time"
