"""Files for the importers' tests: the Indico timetable, and a meeting made by `moderator new`."""

from __future__ import annotations

from pathlib import Path

import pytest

from moderator.cli import main

DATA = Path(__file__).resolve().parent / "data"
TIMETABLE = DATA / "indico_timetable.json"


@pytest.fixture
def meeting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A folder with the files of `moderator new` (OSCE roster, Vienna, the timetable's days)."""
    folder = tmp_path / "meeting"
    assert main(["new", str(folder), "--title", "Expert meeting on soft targets",
                 "--dates", "2027-03-26,2027-03-29"]) == 0
    capsys.readouterr()
    return folder
