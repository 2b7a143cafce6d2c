"""Bad timetables: every problem at once, with the file and line, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from moderator.cli import main
from moderator.importing.indico import read_timetable
from moderator.importing.problems import ImportFailed
from tests.importing.conftest import TIMETABLE


def problems(path: Path) -> list[str]:
    with pytest.raises(ImportFailed) as failed:
        read_timetable(path)
    return [str(p) for p in failed.value.problems]


def write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "timetable.json"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"results": {"1": {}\n', "timetable.json:2:1: not JSON: Expecting ',' delimiter"),
        ("<!DOCTYPE html>\n<html>Sign in</html>", "timetable.json:1:1: not JSON: Expecting "
         "value (this looks like a web page: save the export's JSON, not the page)"),
        ("", "timetable.json: is empty"),
        (b'{"results": "\xff"}', "timetable.json:1: is not UTF-8 text (byte 0xff)"),
        ("[1, 2]", "timetable.json: not an Indico timetable: the file is a list"),
        ('{\n "count": 1}', "timetable.json:1: not an Indico timetable: the file has no "
         "'results'"),
        ('{"results": {}}', "timetable.json:1: it holds no event"),
        ('{"count": 1, "results": [{"id": "4812"}]}', "timetable.json:1: not an Indico "
         "timetable: the file lists events (an /export/event/ or /export/categ/ export)"),
        ('{"results": {"7": []}}', "timetable.json:1: the timetable of event 7 must be an "
         "object of days"),
    ],
)
def test_a_file_that_is_not_a_timetable(tmp_path: Path, content: str | bytes, expected: str) -> None:
    found = problems(write(tmp_path, content))
    assert len(found) == 1
    assert found[0].startswith(str(tmp_path / expected))


def test_every_bad_entry_is_reported_with_its_line(tmp_path: Path) -> None:
    document = json.loads(TIMETABLE.read_text(encoding="utf-8"))
    day1 = document["results"]["4812"]["20270326"]
    del day1["c101"]["startDate"]
    day1["b102"]["entryType"] = "Poster"
    day1["s103"]["entries"]["c104"]["endDate"]["time"] = "09:00:00"  # before its start
    day1["s103"]["entries"]["c105"]["startDate"]["tz"] = "Mars/Olympus"
    day1["s109"]["entries"]["c110"]["presenters"] = "Lars Øberg"
    day1["s112"]["entries"]["s999"] = dict(day1["s109"], entries={})  # a session in a session
    day1["s112"]["entries"]["c113"]["title"] = ""
    text = json.dumps(document, indent=2, ensure_ascii=False)
    path = write(tmp_path, text)
    found = problems(path)

    def at(key: str) -> str:
        return f"{path}:{line_of(text, chr(34) + key + chr(34) + ': {') }: "

    assert found == [
        at("c101") + "entry 'c101' has no startDate ({date, time, tz})",
        at("b102") + "entry 'b102' has entryType 'Poster'; expected one of: Session, "
                     "Contribution, Break",
        at("c104") + "entry 'c104' ends before it starts (2027-03-26 09:30 -> 2027-03-26 09:00)",
        f"{path}:{line_of(text, 'Mars/Olympus') - 2}: startDate of entry 'c105': tz "
        "'Mars/Olympus' is not a time zone",
        at("c110") + "presenters of entry 'c110' must be a list, not the value 'Lars Øberg'",
        at("c113") + "contribution 'c113' has no title",
        at("s999") + "session 's999' is inside another session",
    ]


def test_the_command_prints_them_all_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(TIMETABLE.read_text(encoding="utf-8"))
    day1 = document["results"]["4812"]["20270326"]
    day1["c101"]["endDate"]["date"] = "2027-02-30"
    day1["b102"]["startDate"]["time"] = "25:00:00"
    path = write(tmp_path, json.dumps(document, indent=1))
    assert main(["import", "indico", str(path), "--out", str(tmp_path / "agenda.yaml"),
                 "--speakers", str(tmp_path / "speakers.yaml")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].endswith("endDate of entry 'c101': date '2027-02-30' is not YYYY-MM-DD")
    assert err[1].endswith("startDate of entry 'b102': time '25:00:00' is not HH:MM:SS")
    assert err[2] == "moderator import: nothing written (2 errors)"
    assert "Traceback" not in "\n".join(err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["timetable.json"]


def test_a_missing_file_and_a_bad_timezone_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", "indico", str(tmp_path / "none.json")]) == 1
    assert f"{tmp_path / 'none.json'}: no such file" in capsys.readouterr().err
    assert main(["import", "indico", str(TIMETABLE), "--timezone", "Vienna"]) == 2
    assert "unknown time zone 'Vienna'" in capsys.readouterr().err
    assert main(["import"]) == 2


def test_a_roster_with_errors_is_reported_not_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "speakers.yaml"
    roster.write_text("delegations:\n  - {id: NO, name: Norway, category: state}\n",
                      encoding="utf-8")
    assert main(["import", "indico", str(TIMETABLE), "--out", str(tmp_path / "agenda.yaml"),
                 "--speakers", str(roster), "--force"]) == 1
    err = capsys.readouterr().err
    assert f"{roster}:2:38: category of delegation 'NO' 'state' is not one of" in err
    assert roster.read_text(encoding="utf-8").startswith("delegations:")
    assert not (tmp_path / "agenda.yaml").exists()
