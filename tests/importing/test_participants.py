"""`moderator import participants`: a registration list (CSV or XLSX) merged into the roster."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from moderator.cli import main
from moderator.core import load_meeting, load_roster, validate_files

# Indico's registrants export: "ID", "Name", then the form's fields, then "Registration state".
INDICO_HEADER = ["ID", "Name", "Email Address", "First Name", "Last Name", "Affiliation",
                 "Position", "Country", "Gender", "Registration state"]
PEOPLE = [
    ["41", "Ayşe Yılmaz", "a@example.org", "Ayşe", "Yılmaz", "Ministry of Foreign Affairs",
     "Counsellor", "Türkiye", "Female", "Complete"],
    ["42", "Ali Demir", "d@example.org", "Ali", "Demir", "Permanent Mission", "Adviser",
     "Turkiye", "M", "Complete"],
    ["43", "Jonathan Hale", "h@example.org", "Jonathan", "Hale", "Home Office", "Expert",
     "turkey", "", "Complete"],
    ["44", "Ingrid Dahl", "i@example.org", "Ingrid", "Dahl", "", "Head of Delegation",
     "NORGE", "female", "Complete"],
    ["45", "Jane Roe", "r@example.org", "Jane", "Roe", "Acme Security Ltd", "CEO",
     "Atlantis", "f", "Complete"],
    ["46", "Max Mustermann", "m@example.org", "Max", "Mustermann", "BMI", "Referent",
     "Deutschland", "male", "Withdrawn"],
    ["47", "Kim Lee", "k@example.org", "Kim", "Lee", "Seoul Police", "Inspector",
     "Korea", "prefer not to say", "Complete"],
]


def csv_bytes(rows: list[list[str]], delimiter: str = ",") -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode("utf-8-sig")  # Indico writes a byte order mark


def workbook(path: Path, rows: list[list[object]], title: str = "Registrations") -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def run_import(meeting: Path, source: Path, *extra: str) -> int:
    return main(["import", "participants", str(source),
                 "--speakers", str(meeting / "speakers.yaml"), *extra])


def test_an_indico_csv_merges_with_matches_and_the_unmatched_listed(
    meeting: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = meeting / "registrations.csv"
    source.write_bytes(csv_bytes([INDICO_HEADER, *PEOPLE]))
    before = (meeting / "speakers.yaml").read_text(encoding="utf-8")
    assert run_import(meeting, source, "--force") == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        f"Wrote {meeting / 'speakers.yaml'}: 6 participants, 6 new in the roster, "
        "5 placed in a delegation, 1 withdrawn or rejected left out; "
        "1 delegation not matched: 'Atlantis'.")
    assert "not matched: 'Atlantis', rows 6: kept as their affiliation" in out
    after = (meeting / "speakers.yaml").read_text(encoding="utf-8")
    assert after.startswith(before)
    assert validate_files(meeting / "agenda.yaml", meeting / "speakers.yaml") == []
    people = {s.name: s for s in load_roster(meeting / "speakers.yaml").speakers.values()}
    # "Türkiye", "Turkiye" and "turkey" are one delegation.
    assert [people[n].delegation for n in ("Ayşe Yılmaz", "Ali Demir", "Jonathan Hale")] == [
        "TR", "TR", "TR"]
    assert people["Ingrid Dahl"].delegation == "NO"
    assert people["Kim Lee"].delegation == "KR"
    assert (people["Ayşe Yılmaz"].title, people["Ayşe Yılmaz"].gender) == ("Counsellor", "female")
    assert people["Ali Demir"].gender == "male"
    assert people["Jonathan Hale"].gender is None and people["Kim Lee"].gender is None
    assert people["Ali Demir"].affiliation == "Permanent Mission"
    # Unmatched: kept, not dropped, with what the list said.
    assert people["Jane Roe"].delegation is None
    assert people["Jane Roe"].affiliation == "Acme Security Ltd"
    assert "# 'Atlantis' is not a delegation of the roster" in after
    assert "Max Mustermann" not in people  # withdrawn


def test_an_xlsx_list_with_its_own_headers(meeting: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = workbook(meeting / "list.xlsx", [
        [],
        ["Full name", "Participating State / Organisation", "Function", "Sex"],
        ["Νίκος Παπαδόπουλος", "Ελλάδα", "Head of Delegation", "M"],
        ["María José Núñez", "ESPAÑA", "Delegate", 1],
        [None, None, None, None],
        ["Björn Ek", "SE", "Expert", "F"],
        ["Li Wei", "OSCE Secretariat", "Observer", None],
    ])
    out_path = meeting / "roster.yaml"
    assert run_import(meeting, source, "--out", str(out_path)) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0] == (
        f"Wrote {out_path}: 4 participants, 4 new in the roster, 3 placed in a delegation; "
        "1 delegation not matched: 'OSCE Secretariat'.")
    assert "not matched: 'OSCE Secretariat', rows 7" in captured.out
    assert f"{source}:Registrations:4: warning: gender '1' is not female, male or other" in (
        captured.err)
    _, roster = load_meeting(meeting / "agenda.yaml", out_path)
    people = {s.name: s for s in roster.speakers.values()}
    assert people["Νίκος Παπαδόπουλος"].delegation == "GR"
    assert people["Νίκος Παπαδόπουλος"].id == "nikos-papadopoylos"
    assert people["María José Núñez"].delegation == "ES"
    assert people["Björn Ek"].delegation == "SE" and people["Björn Ek"].gender == "female"
    assert people["Li Wei"].affiliation == "OSCE Secretariat"


def test_columns_can_be_named_and_a_semicolon_list_is_read(meeting: Path) -> None:
    source = meeting / "list.csv"
    source.write_bytes(csv_bytes([
        ["Nom", "Pays", "Qualité"],
        ["Élodie Martin", "France", "Experte"],
        ["Jan Nowak", "Polska", "Ekspert"],
    ], delimiter=";"))
    assert run_import(meeting, source, "--force",
                      "--columns", "name=nom,delegation=PAYS,role=Qualité") == 0
    people = {s.name: s for s in load_roster(meeting / "speakers.yaml").speakers.values()}
    assert (people["Élodie Martin"].delegation, people["Élodie Martin"].title) == ("FR", "Experte")
    assert people["Jan Nowak"].delegation == "PL"


def test_importing_the_same_list_twice_adds_nobody_new(
    meeting: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = meeting / "registrations.csv"
    source.write_bytes(csv_bytes([INDICO_HEADER, *PEOPLE, PEOPLE[0]]))
    assert run_import(meeting, source, "--force") == 0
    text = (meeting / "speakers.yaml").read_text(encoding="utf-8")
    assert "Ayşe Yılmaz is listed twice (first at" in capsys.readouterr().err
    assert run_import(meeting, source) == 0
    assert "is unchanged: 6 participants, 0 new in the roster, 6 already in it" in (
        capsys.readouterr().out)
    assert (meeting / "speakers.yaml").read_text(encoding="utf-8") == text


def test_without_force_the_roster_is_not_touched(
    meeting: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = meeting / "registrations.csv"
    source.write_bytes(csv_bytes([INDICO_HEADER, *PEOPLE]))
    before = (meeting / "speakers.yaml").read_bytes()
    assert run_import(meeting, source) == 1
    assert "speakers.yaml: already exists; give --force" in capsys.readouterr().err
    assert (meeting / "speakers.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([["Email", "Phone"], ["a@b.c", "1"]],
         [":1: no column for the name", ":1: no column for the delegation"]),
        ([["Name", "Country"]], [":1: has a header row but no participants below it"]),
        ([["Name", "Country"], ["Ann Lee", "Canada"], ["", "France"], [" ", "Italy"]],
         [":3: no name in this row", ":4: no name in this row"]),
    ],
)
def test_a_bad_csv_lists_every_problem(
    meeting: Path, capsys: pytest.CaptureFixture[str], rows: list[list[str]], expected: list[str]
) -> None:
    source = meeting / "bad.csv"
    source.write_bytes(csv_bytes(rows))
    before = (meeting / "speakers.yaml").read_bytes()
    assert run_import(meeting, source, "--force") == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == len(expected) + 1
    for line, start in zip(err, expected, strict=False):
        assert line.startswith(f"{source}{start}")
    assert err[-1].startswith("moderator import: nothing written")
    assert (meeting / "speakers.yaml").read_bytes() == before


def test_an_empty_sheet_and_a_missing_sheet(meeting: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = workbook(meeting / "empty.xlsx", [], title="Sheet1")
    assert run_import(meeting, source) == 1
    assert f"{source}:Sheet1: is empty: expected a header row" in capsys.readouterr().err
    assert run_import(meeting, source, "--sheet", "People") == 1
    assert "has no sheet 'People' (sheets: Sheet1)" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "old Excel 97-2003 workbook"),
        (b"PK\x03\x04 not really a zip", "is not a readable .xlsx workbook"),
        (b"Name,Country\nJos\xe9,Spain\n", ":2: is not UTF-8 text (byte 0xe9)"),
        (b"Name,Country\n\0\0\0", ":2: is a binary file"),
    ],
)
def test_files_that_are_not_lists(
    meeting: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    source = meeting / "list.csv"
    source.write_bytes(content)
    assert run_import(meeting, source) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_bad_columns_options(meeting: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = meeting / "list.csv"
    source.write_bytes(csv_bytes([INDICO_HEADER, *PEOPLE]))
    assert run_import(meeting, source, "--columns", "name=Nom,colour=Country,delegation") == 1
    err = capsys.readouterr().err
    assert "--columns: unknown field 'colour'" in err
    assert "--columns: 'delegation' is not FIELD=HEADER" in err
    assert f"{source}:1: --columns: no column 'Nom' (for name) in the header row" in err


def test_into_a_roster_whose_speakers_are_not_last(meeting: Path) -> None:
    """A hand-written roster with `speakers` before `delegations` is rewritten, still valid."""
    roster = meeting / "own.yaml"
    roster.write_text('speakers:\n  - {id: chair, name: Chair}\ndelegations:\n'
                      '  - {id: "CA", name: Canada, category: participating-state}\n',
                      encoding="utf-8")
    source = meeting / "list.csv"
    source.write_bytes(csv_bytes([["Name", "Country"], ["Ann Lee", "Canada"]]))
    assert main(["import", "participants", str(source), "--speakers", str(roster),
                 "--force"]) == 0
    merged = load_roster(roster)
    assert set(merged.speakers) == {"chair", "ann-lee"}
    assert merged.speakers["ann-lee"].delegation == "CA"


def test_a_workbook_declaring_a_wrong_size_is_read_whole(meeting: Path) -> None:
    """Some writers declare the used range as A1:A1; every row is read all the same."""
    import re
    import zipfile

    source = workbook(meeting / "full.xlsx", [["Name", "Country"], ["Ann Lee", "Canada"],
                                              ["Bo Ek", "Sweden"]])
    shrunk = meeting / "shrunk.xlsx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(shrunk, "w") as new:
        for entry in old.infolist():
            data = old.read(entry)
            if entry.filename.startswith("xl/worksheets/"):
                data, n = re.subn(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:A1"', data)
                assert n == 1
            new.writestr(entry, data)
    assert run_import(meeting, shrunk, "--force") == 0
    people = {s.name: s.delegation for s in load_roster(meeting / "speakers.yaml").speakers.values()}
    assert (people["Ann Lee"], people["Bo Ek"]) == ("CA", "SE")
