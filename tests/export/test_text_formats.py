"""Markdown, JSON and CSV from a hand-built summary: escaping, formulas, schema, totals."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from moderator.export import csv_export, json_export, markdown
from tests.export.hand_built import FORMULA_NOTE, HOSTILE_NAME, SCRIPT_NOTE, hand_summary
from tests.export.schema_check import validate

SCHEMA = json.loads((Path(markdown.__file__).parent / "schema.json").read_text())


def test_json_is_valid_against_its_schema() -> None:
    document = json.loads(json_export.render(hand_summary()))
    assert validate(document, SCHEMA) == []
    assert document["schema_version"] == json_export.SCHEMA_VERSION


def test_schema_check_rejects_what_breaks_the_schema() -> None:
    document = json.loads(json_export.render(hand_summary()))
    document["sessions"][0]["items"][0]["interventions"][0]["kind"] = "speech"
    del document["statistics"]["by_category"]
    document["extra"] = 1
    errors = validate(document, SCHEMA)
    assert any("kind" in e for e in errors)
    assert any("missing by_category" in e for e in errors)
    assert any("unexpected extra" in e for e in errors)


def test_json_keeps_names_and_notes_as_text() -> None:
    document = json.loads(json_export.render(hand_summary()))
    xs = document["sessions"][0]["items"][0]["interventions"]
    assert [x["speaker"] for x in xs][1] == HOSTILE_NAME
    assert xs[1]["notes"][0]["text"] == FORMULA_NOTE
    assert [x["marked"] for x in xs] == [None, None, "Point of order", "Right of reply"]
    assert xs[3]["overtime_seconds"] == 10


def _cells(text: str) -> list[list[str]]:
    """The cells of every Markdown table row, split on unescaped pipes only."""
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    return [[c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows]


def test_markdown_escapes_names_in_headings_and_tables() -> None:
    text = markdown.render(hand_summary()).decode()
    assert "<script>" not in text and "<b>" not in text
    header = [line for line in text.splitlines() if line.startswith("### Opening")][0]
    assert header == r"### Opening \# 1 \| \*welcome\*"
    # Every row of a table has as many cells as its header: no pipe broke out.
    tables = text.split("\n\n")
    for block in tables:
        rows = _cells(block)
        if rows:
            assert {len(r) for r in rows} == {len(rows[0])}, block
    assert r"Evil \| \<b\>Corp\</b\> \# \*stars\* \[link\](x) \& co" in text


def test_markdown_note_with_newline_stays_in_its_list_item() -> None:
    text = markdown.render(hand_summary()).decode()
    assert r"Action: \<script\>alert('x')\</script\><br>second \| line" in text


def test_markdown_totals_equal_the_log() -> None:
    summary = hand_summary()
    text = markdown.render(summary).decode()
    totals = [r for r in _cells(text) if r[0] == "Total"]
    assert totals and all(r[1] == "4" and r[2] == "16:15" for r in totals)
    assert sum(x.speaking_seconds for _, _, x in summary.interventions()) == 975


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_csv_defuses_formula_starts(cell: str) -> None:
    assert csv_export.defuse(cell) == "'" + cell
    assert csv_export.defuse("Albania") == "Albania"


def test_csv_is_the_speaking_log() -> None:
    summary = hand_summary()
    rows = list(csv.DictReader(io.StringIO(csv_export.render(summary).decode("utf-8-sig"))))
    assert [r["order"] for r in rows] == ["1", "2", "3", "4"]
    assert rows[1]["speaker"] == HOSTILE_NAME
    assert rows[1]["notes"] == "'" + FORMULA_NOTE + "\n" + SCRIPT_NOTE + " #action"
    assert rows[2]["speaker"] == "'-Russian Federation"
    assert rows[2]["kind"] == "point-of-order"
    assert rows[0]["started_at"] == "2026-12-10T09:02:00+01:00"
    assert sum(int(r["speaking_seconds"]) for r in rows) == summary.statistics.speaking_seconds
    assert [int(r["overtime_seconds"]) for r in rows] == [0, 20, 0, 10]


@pytest.mark.parametrize("note", ["\r=1+1", "\n=1+1", "\r\n=1+1", " =1+1", "\t=1+1",
                                  "\n\n+1", " \n@SUM(A1)", "\r-2"])
def test_a_formula_behind_a_line_break_or_a_blank_is_defused(note: str) -> None:
    """The note as recorded (a carriage return included) reaches the CSV cell after every
    transformation (the carriage return made a newline) with the quote that defuses it."""
    from moderator.core import FakeClock
    from moderator.export.build import build_summary
    from moderator.export.plain import plain_text
    from tests.reliability.scenario import START, fresh_meeting

    clock = FakeClock(START)
    meeting = fresh_meeting(clock)
    meeting.apply_all(meeting.start_item("s1-discussion"))
    meeting.apply_all(meeting.request_floor("AT"))
    meeting.apply_all(meeting.give_floor())
    meeting.apply_all(meeting.add_note(note))
    clock.advance(60)
    meeting.apply_all(meeting.finish_intervention())
    text = csv_export.render(build_summary([meeting], clock)).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert rows[0]["notes"] == "'" + plain_text(note)
