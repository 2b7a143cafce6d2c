"""YAML 1.1 traps and refused features: data keeps its type, dangerous YAML is refused."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from moderator.core import InvalidFiles, load_agenda, load_meeting, load_roster
from moderator.core.loading.yamlsafe import MAX_BYTES
from tests.core.loading.samples import AGENDA, SPEAKERS, changed, problems_of, write_meeting


def test_norway_stays_no_and_other_booleans_stay_text(tmp_path: Path) -> None:
    speakers = changed(
        SPEAKERS, "    name: Norway", "    name: Norway\n    aliases: [yes, on, off, n]"
    )
    _, speakers_path = write_meeting(tmp_path, speakers=speakers)
    norway = load_roster(speakers_path).delegations["NO"]
    assert norway.id == "NO"
    assert norway.aliases == ("yes", "on", "off", "n")


def test_unquoted_times_stay_times(tmp_path: Path) -> None:
    agenda, _ = load_meeting(*write_meeting(tmp_path))
    assert agenda.sessions[0].start == time(9, 30)  # PyYAML alone reads 570
    assert agenda.sessions[0].end == time(10, 30)  # PyYAML alone reads 630


def test_quoted_times_and_dates_read_the_same(tmp_path: Path) -> None:
    agenda = changed(AGENDA, "start: 9:30", 'start: "09:30"')
    agenda = changed(agenda, "date: 2026-12-10", "date: '2026-12-10'")
    loaded = load_agenda(write_meeting(tmp_path, agenda)[0])
    assert loaded.sessions[0].start == time(9, 30)
    assert loaded.sessions[0].date == date(2026, 12, 10)
    assert loaded.event.dates == (date(2026, 12, 10), date(2026, 12, 11))


def test_text_that_looks_like_a_number_or_date_stays_text(tmp_path: Path) -> None:
    speakers = changed(
        SPEAKERS, "  - id: EU", "  - id: '0755'\n    name: 0755\n    category: osce\n  - id: EU"
    )
    speakers = changed(
        speakers, "    name: Chair", "    name: Chair\n    title: 2026-12-10\n    affiliation: 1e3"
    )
    roster = load_roster(write_meeting(tmp_path, speakers=speakers)[1])
    assert roster.delegations["0755"].name == "0755"
    assert roster.speakers["chair"].title == "2026-12-10"
    assert roster.speakers["chair"].affiliation == "1e3"


def test_leading_zeros_in_numbers_are_decimal_not_octal(tmp_path: Path) -> None:
    agenda = load_agenda(
        write_meeting(tmp_path, changed(AGENDA, "statement: 180", "statement: 0120"))[0]
    )
    assert agenda.defaults.statement == 120


def test_a_number_where_a_time_is_expected_is_an_error(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, changed(AGENDA, "start: 9:30", "start: 570"))
    assert [(p.line, p.message) for p in problems] == [
        (13, "start of session 'opening' must be a time as HH:MM, not '570'")
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  title: Test meeting", "  title: &t Test meeting", "anchors (&name) are not allowed"),
        ("    title: Opening session", "    title: *t", "aliases (*name) are not allowed"),
        (
            "  title: Test meeting",
            "  title: !!python/object:os.system x",
            "tags (tag:yaml.org,2002:python/object:os.system) are not allowed",
        ),
    ],
)
def test_anchors_aliases_and_tags_are_refused(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    problems = problems_of(tmp_path, changed(AGENDA, old, new))
    assert [p.message for p in problems] == [message]
    assert problems[0].line == AGENDA.splitlines().index(old) + 1


def test_a_file_over_the_size_limit_is_refused_whole(tmp_path: Path) -> None:
    big = AGENDA + "# padding\n" * (MAX_BYTES // 10 + 1)
    agenda_path, speakers_path = write_meeting(tmp_path, big)
    with pytest.raises(InvalidFiles) as error:
        load_meeting(agenda_path, speakers_path)
    assert str(error.value) == f"{agenda_path}: is larger than 2 MiB"


def test_a_second_document_is_refused(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, AGENDA + "---\nevent: {}\n")
    assert len(problems) == 1
    assert problems[0].line == AGENDA.count("\n") + 1
    assert "expected a single document" in problems[0].message
