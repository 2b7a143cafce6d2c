"""`moderator new`: a new meeting's files, valid as written, never over existing ones."""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from moderator.cli import build_parser, main, new
from moderator.core import FakeClock, load_meeting, validate_files
from moderator.core.model import Category, ItemKind


def make(folder: Path, *extra: str) -> int:
    return main(["new", str(folder), *extra])


def test_new_meeting_validates_and_prints_the_next_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "expert-meeting"
    code = make(folder, "--title", "Expert Meeting on Cyber/ICT Security «2027»",
                "--dates", "2027-03-10..2027-03-12", "--venue", "Hofburg, Vienna")
    out = capsys.readouterr().out
    assert code == 0
    assert validate_files(folder / "agenda.yaml", folder / "speakers.yaml") == []
    agenda, roster = load_meeting(folder / "agenda.yaml", folder / "speakers.yaml")
    assert agenda.event.title == "Expert Meeting on Cyber/ICT Security «2027»"
    assert agenda.event.id == "expert-meeting-on-cyber-ict-security-2027"
    assert agenda.event.venue == "Hofburg, Vienna"
    assert agenda.event.timezone == "Europe/Vienna"
    assert agenda.event.dates == (date(2027, 3, 10), date(2027, 3, 11), date(2027, 3, 12))
    assert [s.id for s in agenda.sessions] == [
        "opening", "session-1", "session-2", "session-3", "closing"]
    assert [s.date.day for s in agenda.sessions] == [10, 10, 11, 12, 12]
    assert agenda.sessions[0].start == time(9, 30)
    assert any(i.kind is ItemKind.BREAK for s in agenda.sessions for i in s.items)
    categories = [d.category for d in roster.delegations.values()]
    assert categories.count(Category.PARTICIPATING_STATE) == 57
    assert categories.count(Category.PARTNER) == 11
    assert roster.delegations["EU"].name == "European Union"
    assert roster.delegations["AT"].group == "EU"
    assert "odihr" in roster.delegations and "osce-chair" in roster.delegations
    # The seminar's own guests are not part of every meeting.
    assert "unoct" not in roster.delegations and "cs-victims" not in roster.delegations
    assert set(roster.speakers) == {"moderator", "rapporteur"}
    assert "57 participating States, 11 Partners for Co-operation" in out
    assert f"cd {folder}" in out and "moderator import indico" in out
    assert "moderator import participants" in out and "moderator run" in out
    text = (folder / "speakers.yaml").read_text(encoding="utf-8")
    assert text.startswith("# The roster of Expert Meeting")
    assert '{id: "NO", name: "Norway"' in text  # quoted: never read as false


def test_an_empty_roster_validates_too(tmp_path: Path) -> None:
    assert make(tmp_path / "m", "--roster", "empty", "--dates", "2027-05-04") == 0
    agenda, roster = load_meeting(tmp_path / "m" / "agenda.yaml", tmp_path / "m" / "speakers.yaml")
    assert roster.delegations == {}
    assert [s.id for s in agenda.sessions] == ["opening", "session-1", "closing"]
    assert validate_files(tmp_path / "m" / "agenda.yaml", tmp_path / "m" / "speakers.yaml") == []


def test_the_default_date_is_today_in_the_meetings_zone(tmp_path: Path) -> None:
    args = build_parser().parse_args(["new", str(tmp_path / "m"), "--timezone", "Asia/Tokyo"])
    # 20:00 UTC on 31 December is already 1 January in Tokyo.
    clock = FakeClock(datetime(2026, 12, 31, 20, 0, tzinfo=UTC))
    assert new.run(args, clock) == 0
    agenda, _ = load_meeting(tmp_path / "m" / "agenda.yaml", tmp_path / "m" / "speakers.yaml")
    assert agenda.event.dates == (date(2027, 1, 1),)
    assert agenda.event.timezone == "Asia/Tokyo"
    assert agenda.event.title == "M"


def test_refuses_a_folder_that_has_the_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "agenda.yaml").write_text("my own agenda\n", encoding="utf-8")
    assert make(tmp_path, "--dates", "2027-01-01") == 1
    assert "agenda.yaml: already exists" in capsys.readouterr().err
    assert (tmp_path / "agenda.yaml").read_text(encoding="utf-8") == "my own agenda\n"
    assert not (tmp_path / "speakers.yaml").exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--dates", "2027-02-30"], "'2027-02-30' is not a date"),
        (["--dates", "2027-03-12..2027-03-10"], "ends before it starts"),
        (["--dates", "2027-01-01..2027-03-01"], "at most 31 days"),
        (["--timezone", "Europe/Viena"], "unknown time zone 'Europe/Viena'"),
    ],
)
def test_bad_options_are_refused_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    assert make(tmp_path / "m", *options) == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / "m").exists()


def test_dates_parse_lists_and_ranges() -> None:
    problems: list[str] = []
    days = new.parse_dates("2027-03-12, 2027-03-10..2027-03-11,2027-03-10", problems)
    assert days == (date(2027, 3, 10), date(2027, 3, 11), date(2027, 3, 12))
    assert problems == []


def test_a_path_that_is_a_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["new", str(tmp_path / "file")]) == 1
    assert "is not a folder" in capsys.readouterr().err


def test_the_parser_knows_the_subcommand() -> None:
    args = build_parser().parse_args(["new", "x"])
    assert isinstance(args, argparse.Namespace) and args.roster == "osce"
