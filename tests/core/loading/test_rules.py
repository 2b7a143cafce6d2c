"""One broken file per rule: the problem names the file, the line and what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from moderator.core import InvalidFiles, Severity, load_agenda, load_meeting, load_roster
from tests.core.loading.samples import AGENDA, SPEAKERS, changed, problems_of, write_meeting

A, S = "agenda.yaml", "speakers.yaml"

# (file, old text, new text, line, column, message, severity)
RULES = [
    (
        A,
        "  title: Test meeting",
        "  title: [Test meeting",
        4,
        8,
        "YAML syntax error: expected ',' or ']'",
        "error",
    ),
    (
        A,
        "    title: Opening",
        "    titel: Opening",
        11,
        5,
        "unknown key 'titel' in a session (did you mean 'title'?)",
        "error",
    ),
    (
        A,
        "    title: Opening session\n",
        "",
        10,
        5,
        "session 'opening' has no 'title' (required)",
        "error",
    ),
    (A, "        minutes: 20\n", "", 18, 9, "item 'welcome' has no 'minutes' (required)", "error"),
    (
        A,
        "minutes: 20",
        "minutes: twenty",
        21,
        18,
        "minutes of item 'welcome' must be a whole number, not 'twenty'",
        "error",
    ),
    (A, "minutes: 20", "minutes: 2.5", 21, 18, "must be a whole number, not '2.5'", "error"),
    (
        A,
        "  title: Test meeting",
        "  title: [a, b]",
        3,
        10,
        "event title must be text, not a list",
        "error",
    ),
    (A, "  title: Test meeting", "  title:", 3, 9, "event title is empty", "error"),
    (
        A,
        "  dates: [",
        "  dates: {a: 1}\n  x: [",
        4,
        10,
        "event dates must be a list, not a mapping",
        "error",
    ),
    (
        A,
        "  - id: closing",
        "  - id: opening",
        26,
        5,
        "duplicate session id 'opening' (first at line 10)",
        "error",
    ),
    (
        A,
        "      - id: close\n",
        "      - id: welcome\n",
        32,
        13,
        "duplicate item id 'welcome' (first at line 18)",
        "error",
    ),
    (
        A,
        "moderator: chair",
        "moderator: chiar",
        15,
        16,
        "moderator of session 'opening' 'chiar' is not in the roster (did you mean 'chair'?)",
        "error",
    ),
    (
        A,
        "rapporteur: rapporteur",
        "rapporteur: nobody",
        16,
        17,
        "rapporteur of session 'opening' 'nobody' is not in the roster",
        "error",
    ),
    (
        A,
        "{id: NO,",
        "{id: SE,",
        24,
        18,
        "a speaker of item 'welcome' 'SE' is not in the roster",
        "error",
    ),
    (
        A,
        "          - chair",
        "          - chairs",
        23,
        13,
        "a speaker of item 'welcome' 'chairs' is not in the roster (did you mean 'chair'?)",
        "error",
    ),
    (
        A,
        "start: 9:30",
        "start: 9.30",
        13,
        12,
        "start of session 'opening' must be a time as HH:MM, not '9.30'",
        "error",
    ),
    (A, "start: 9:30", "start: 25:00", 13, 12, "must be a time as HH:MM, not '25:00'", "error"),
    (
        A,
        "end: 10:30",
        "end: 9:00",
        14,
        10,
        "session 'opening' ends before it starts (09:00 <= 09:30)",
        "error",
    ),
    (A, "end: 10:30", "end: 9:30", 14, 10, "session 'opening' ends when it starts", "error"),
    (
        A,
        "date: 2026-12-11",
        "date: 2026-12-12",
        28,
        11,
        "date of session 'closing' (2026-12-12) is not one of the event dates (2026-12-10, 2026-12-11)",
        "error",
    ),
    (
        A,
        "date: 2026-12-10",
        "date: 2026-02-30",
        12,
        11,
        "date of session 'opening' must be a date as YYYY-MM-DD, not '2026-02-30'",
        "error",
    ),
    (
        A,
        "kind: address",
        "kind: adress",
        20,
        15,
        "kind of item 'welcome' 'adress' is not one of: address, panel, discussion, q-and-a, break (did you mean 'address'?)",
        "error",
    ),
    (
        A,
        "id: test-meeting",
        "id: Test Meeting",
        2,
        7,
        "event id 'Test Meeting' must match [a-z0-9][a-z0-9-]*",
        "error",
    ),
    (A, "Europe/Vienna", "Europe/Wien", 5, 13, "unknown timezone 'Europe/Wien'", "error"),
    (
        A,
        "ordering: request",
        "ordering: category-first",
        8,
        13,
        "defaults ordering 'category-first' is not one of: request, category",
        "error",
    ),
    (
        A,
        "statement: 180",
        "statement: 0",
        7,
        14,
        "defaults statement must be at least 1, not 0",
        "error",
    ),
    (
        A,
        "    title: Opening session\n",
        "    title: Opening session\n    title: Again\n",
        12,
        5,
        "duplicate key 'title' (first at line 11)",
        "error",
    ),
    (
        A,
        "date: 2026-12-11\n    start: 12:00",
        "date: 2026-12-10\n    start: 10:00",
        26,
        5,
        "session 'closing' (10:00-12:30) overlaps session 'opening' (09:30-10:30) on 2026-12-10",
        "warning",
    ),
    (
        A,
        "minutes: 30",
        "minutes: 45",
        32,
        7,
        "the items of session 'closing' plan 45 minutes, more than its 30-minute slot (12:00-12:30)",
        "warning",
    ),
    (S, "  - id: rapporteur", "  - id: EU", 13, 9, "duplicate id 'EU' (first at line 6)", "error"),
    (
        S,
        "delegation: NO",
        "delegation: NOR",
        12,
        17,
        "delegation of speaker 'chair' 'NOR' is not a delegation in the roster (did you mean 'NO'?)",
        "error",
    ),
    (
        S,
        "group: EU",
        "group: UN",
        5,
        12,
        "group of delegation 'NO' 'UN' is not a delegation in the roster",
        "error",
    ),
    (
        S,
        "category: participating-state",
        "category: state",
        4,
        15,
        "category of delegation 'NO' 'state' is not one of",
        "error",
    ),
    (
        S,
        "    name: Rapporteur",
        "    name: Rapporteur\n    gender: f",
        15,
        13,
        "gender of speaker 'rapporteur' 'f' is not one of: female, male, other",
        "error",
    ),
    (
        S,
        "    name: Norway\n",
        "    nmae: Norway\n",
        3,
        5,
        "unknown key 'nmae' in a delegation (did you mean 'name'?)",
        "error",
    ),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "line", "column", "message", "severity"),
    RULES,
    ids=[f"{r[0]}:{r[3]}:{r[5][:40]}" for r in RULES],
)
def test_each_rule_names_file_line_and_message(
    tmp_path: Path,
    file: str,
    old: str,
    new: str,
    line: int,
    column: int,
    message: str,
    severity: str,
) -> None:
    agenda = changed(AGENDA, old, new) if file == A else AGENDA
    speakers = changed(SPEAKERS, old, new) if file == S else SPEAKERS
    problems = problems_of(tmp_path, agenda, speakers)
    matching = [p for p in problems if message in p.message]
    assert matching, f"no {message!r} among {[str(p) for p in problems]}"
    problem = matching[0]
    assert (problem.file, problem.line, problem.column) == (str(tmp_path / file), line, column)
    assert problem.severity == Severity(severity)
    prefix = "warning: " if severity == "warning" else ""
    assert str(problem) == f"{tmp_path / file}:{line}:{column}: {prefix}{problem.message}"


def test_the_sample_is_clean(tmp_path: Path) -> None:
    assert problems_of(tmp_path) == []
    agenda, roster = load_meeting(*write_meeting(tmp_path))
    assert [s.id for s in agenda.sessions] == ["opening", "closing"]
    assert agenda.sessions[0].items[0].speakers[1].seconds == 300
    assert agenda.sessions[0].items[0].limits.statement == 120
    assert roster.delegations["NO"].group == "EU"


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    agenda = changed(AGENDA, "minutes: 20", "minutes: lots")
    agenda = changed(agenda, "end: 10:30", "end: 8:00")
    agenda = changed(agenda, "moderator: chair", "moderator: nobody")
    speakers = changed(SPEAKERS, "group: EU", "group: UN")
    lines = sorted(
        (p.file.rsplit("/", 1)[1], p.line) for p in problems_of(tmp_path, agenda, speakers)
    )
    assert lines == [(A, 14), (A, 15), (A, 21), (S, 5)]


def test_warnings_alone_do_not_stop_loading(tmp_path: Path) -> None:
    agenda = changed(AGENDA, "minutes: 30", "minutes: 45")
    agenda_path, speakers_path = write_meeting(tmp_path, agenda)
    loaded, _ = load_meeting(agenda_path, speakers_path)
    assert loaded.sessions[1].items[0].minutes == 45


def test_load_functions_raise_invalid_files_with_only_errors(tmp_path: Path) -> None:
    agenda = changed(AGENDA, "minutes: 30", "minutes: 45")  # a warning
    agenda = changed(agenda, "kind: address", "kind: speech")  # an error
    speakers = changed(SPEAKERS, "    name: Norway\n", "")
    agenda_path, speakers_path = write_meeting(tmp_path, agenda, speakers)
    with pytest.raises(InvalidFiles) as agenda_error:
        load_agenda(agenda_path)
    assert [p.line for p in agenda_error.value.problems] == [20]
    with pytest.raises(InvalidFiles) as roster_error:
        load_roster(speakers_path)
    assert "delegation 'NO' has no 'name'" in str(roster_error.value)
    with pytest.raises(InvalidFiles) as both:
        load_meeting(agenda_path, speakers_path)
    assert len(both.value.problems) == 2


def test_load_agenda_alone_does_not_need_the_roster(tmp_path: Path) -> None:
    agenda_path, _ = write_meeting(tmp_path, changed(AGENDA, "moderator: chair", "moderator: x"))
    assert load_agenda(agenda_path).sessions[0].moderator == "x"
