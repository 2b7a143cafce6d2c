"""`moderator` on the command line: subcommands, defaults and exit codes."""

from __future__ import annotations

import subprocess
import sys
from argparse import Namespace
from pathlib import Path

import pytest

from moderator.cli import main
from moderator.cli.options import BUNDLED, database_for
from tests.core.loading.samples import AGENDA, SPEAKERS, changed, write_meeting

ROOT = Path(__file__).resolve().parents[1]


def validate(agenda: Path, speakers: Path) -> int:
    return main(["validate", "--agenda", str(agenda), "--speakers", str(speakers)])


def test_clean_files_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert validate(*write_meeting(tmp_path)) == 0
    assert capsys.readouterr().out.endswith(": no problems\n")


def test_warnings_alone_exit_0_and_are_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agenda_path, speakers_path = write_meeting(
        tmp_path, changed(AGENDA, "minutes: 30", "minutes: 45")
    )
    assert validate(agenda_path, speakers_path) == 0
    out = capsys.readouterr().out
    assert f"{agenda_path}:32:7: warning: the items of session 'closing' plan 45 minutes" in out
    assert out.endswith("0 errors, 1 warning\n")


def test_errors_exit_1_with_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agenda = changed(AGENDA, "kind: address", "kind: adress")
    speakers = changed(SPEAKERS, "group: EU", "group: UN")
    assert validate(*write_meeting(tmp_path, agenda, speakers)) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{tmp_path / 'agenda.yaml'}:20:15: kind of item 'welcome'")
    assert lines[1].startswith(f"{tmp_path / 'speakers.yaml'}:5:12: group of delegation 'NO'")
    assert lines[2].endswith("2 errors, 0 warnings")


def test_a_missing_file_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, speakers_path = write_meeting(tmp_path)
    assert validate(tmp_path / "none.yaml", speakers_path) == 1
    assert f"{tmp_path / 'none.yaml'}: no such file" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["validate", "--bogus"], ["bogus"], ["validate", "--agenda"]])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "usage: moderator" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        *[[name, "--help"] for name in ("run", "validate", "notes", "clock", "export", "recover")],
    ],
)
def test_help_everywhere(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 0
    assert "usage: moderator" in capsys.readouterr().out


def test_defaults_are_the_bundled_files_outside_a_meeting_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 0
    assert str(BUNDLED / "agenda.yaml") in capsys.readouterr().out


def test_defaults_are_the_files_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_meeting(tmp_path, changed(AGENDA, "kind: address", "kind: speech"))
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 1
    assert capsys.readouterr().out.startswith("agenda.yaml:20:15: ")


def test_run_with_broken_files_prints_them_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agenda_path, speakers_path = write_meeting(
        tmp_path, changed(AGENDA, "start: 9:30", "start: 9h30")
    )
    assert main(["--agenda", str(agenda_path), "--speakers", str(speakers_path)]) == 1
    assert f"{agenda_path}:13:12: start of session 'opening'" in capsys.readouterr().err


def test_the_database_defaults_to_the_event_id_beside_the_agenda(tmp_path: Path) -> None:
    agenda_path = tmp_path / "meeting" / "agenda.yaml"
    assert database_for(Namespace(db=None), agenda_path, "test-meeting") == (
        tmp_path / "meeting" / "test-meeting.db.json"
    )
    assert database_for(Namespace(db=Path("x.json")), agenda_path, "e") == Path("x.json")


def test_python_dash_m_moderator_validate(tmp_path: Path) -> None:
    agenda_path, speakers_path = write_meeting(tmp_path, changed(AGENDA, "end: 10:30", "end: 9:00"))
    command = [
        sys.executable,
        "-m",
        "moderator",
        "validate",
        "--agenda",
        str(agenda_path),
        "--speakers",
        str(speakers_path),
    ]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith(f"{agenda_path}:14:10: session 'opening' ends before it starts")


def test_bundled_copies_are_identical_to_the_top_level_files() -> None:
    for name in ("agenda.yaml", "speakers.yaml"):
        assert (BUNDLED / name).read_bytes() == (ROOT / name).read_bytes(), name


def test_the_bundled_seminar_keeps_its_database_in_the_current_folder() -> None:
    # Never inside the installed package.
    bundled = BUNDLED / "agenda.yaml"
    assert database_for(Namespace(db=None), bundled, "seminar") == Path("seminar.db.json")
