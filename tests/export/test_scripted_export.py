"""A meeting scripted through the core, stored, exported to every format and read back."""

from __future__ import annotations

import csv
import io
import json
import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docx import Document

from moderator.cli import main
from moderator.core import FakeClock
from moderator.core.timer import spoken_whole
from moderator.export import docx as docx_export
from moderator.export import formats, json_export
from moderator.export.build import build_summary
from tests.export.schema_check import validate
from tests.export.scripted import (
    DATA,
    Script,
    run_opening,
    run_session_1,
    write_database,
)

SCHEMA = json.loads((Path(json_export.__file__).parent / "schema.json").read_text())
MEETING = ["--agenda", str(DATA / "agenda.yaml"), "--speakers", str(DATA / "speakers.yaml")]
DISCUSSION = [
    "Denmark-European Union (with the candidate countries Albania, Moldova and Georgia, in alignment)",
    "United States of America",
    "Russian Federation",
    "Ukraine",
    "Russian Federation",
    "Türkiye",
    "Canada",
    "Norway",
    "Switzerland",
    "United Kingdom",
    "Russian Federation",
    "Ukraine",
]


@pytest.fixture
def database(tmp_path: Path, script: Script) -> Path:
    return write_database(tmp_path / "seminar.db.json", script.meeting.events)


def export(database: Path, fmt: str, *extra: str) -> Path:
    out = database.parent / f"summary.{fmt}"
    assert main(["export", *MEETING, "--db", str(database), "--format", fmt, "--out", str(out), *extra]) == 0
    return out


def test_json_field_by_field(database: Path) -> None:
    document = json.loads(export(database, "json").read_text())
    assert validate(document, SCHEMA) == []
    assert document["event"]["id"] == "osce-soft-targets-seminar"
    assert [s["id"] for s in document["sessions"]] == ["opening", "session-1"]
    opening, session_1 = document["sessions"]
    assert opening["start_late_minutes"] == 2 and opening["moderator"] == "Director, Transnational Threats Department"
    assert session_1["start_late_minutes"] == 5
    items = {i["id"]: i for s in document["sessions"] for i in s["items"]}
    discussion = items["s1-discussion"]["interventions"]
    assert [x["speaker"] for x in discussion] == DISCUSSION
    assert [x["marked"] for x in discussion][3:5] == [None, "Point of order"]
    assert [x["marked"] for x in discussion][-2:] == ["Right of reply", "Right of reply"]
    assert [x["speaker"] for x in items["s1-questions"]["interventions"]] == [
        "Japan (Partner for Co-operation)", "Republic of Korea (Partner for Co-operation)"]
    assert [x["marked"] for x in items["s1-questions"]["interventions"]] == ["Question"] * 2
    keynote = items["opening-keynote"]["interventions"][0]
    assert keynote["overtime_seconds"] == keynote["speaking_seconds"] - keynote["allotted_seconds"] > 0
    # Deleted notes are left out, edited notes appear in their latest text.
    texts = [n["text"] for i in items.values() for x in i["interventions"] for n in x["notes"]]
    assert "A note written in error" not in texts
    assert "Japan asked about drills at stadiums #action" in texts
    assert "Japan asked about stadium drills #action" not in texts
    assert [n["text"] for n in items["s1-panel"]["notes"]] == [
        "The panel agreed on the need for exercises #decision"]
    recs = {g["session_id"]: [r["text"] for r in g["recommendations"]] for g in document["recommendations"]}
    assert recs == {
        "opening": ["Share threat assessments with operators #rec"],
        "session-1": ["Public-private partnerships need clear roles #rec #partnerships"],
    }
    assert [a["tag"] for a in document["actions"]] == ["decision", "action"]


def test_statistics_add_up_to_the_log(database: Path, script: Script) -> None:
    document = json.loads(export(database, "json").read_text())
    log = [x for s in document["sessions"] for i in s["items"] for x in i["interventions"]]
    st = document["statistics"]
    assert st["interventions"] == len(log) == 22
    assert st["speaking_seconds"] == sum(x["speaking_seconds"] for x in log)
    for table in ("by_delegation", "by_category"):
        assert sum(f["interventions"] for f in st[table]) == len(log)
        assert sum(f["speaking_seconds"] for f in st[table]) == st["speaking_seconds"]
        assert sum(f["overtime_count"] for f in st[table]) == st["overtime_count"]
        assert sum(f["share"] for f in st[table]) == pytest.approx(1, abs=1e-3)
    russia = next(f for f in st["by_delegation"] if f["label"] == "Russian Federation")
    assert russia["interventions"] == 3
    assert russia["speaking_seconds"] == sum(x["speaking_seconds"] for x in log if x["speaker"] == "Russian Federation")
    eu = next(f for f in st["by_delegation"] if f["label"] == "Denmark-European Union")
    assert eu["category"] == "participating-state"
    gender = st["gender"]
    gendered = sum(f["speaking_seconds"] for f in gender["speaking"])
    assert gendered + gender["unknown_seconds"] == st["speaking_seconds"]
    roster = script.meeting.roster
    panel = [ref.ref for s in script.meeting.agenda.sessions[:2] for i in s.items for ref in i.speakers]
    expected: dict[str, int] = {}
    for ref in panel:
        expected[roster.speakers[ref].gender] = expected.get(roster.speakers[ref].gender, 0) + 1
    assert dict((g["gender"], g["speakers"]) for g in gender["panel"]) == expected == {"female": 4, "male": 4}
    assert [a["session_id"] for a in st["adherence"]] == ["opening", "session-1"]


def test_csv_is_the_speaking_log(database: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(export(database, "csv").read_text("utf-8-sig"))))
    assert [r["speaker"] for r in rows if r["item_id"] == "s1-discussion"] == DISCUSSION
    ukraine = [r for r in rows if r["speaker"] == "Ukraine"][0]
    assert ukraine["notes"] == "'=cmd|' /C calc'!A0 said about mapping soft targets"
    assert rows[0]["started_at"] == "2026-12-10T09:32:00+01:00"


class _Speakers(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.speakers: list[str] = []
        self.headings: list[str] = []
        self._tag = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag = tag
        self.inside = tag == "strong" and ("class", "speaker") in attrs

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.speakers.append(data)
        if self._tag in ("h2", "h3") and data.strip():
            self.headings.append(data)

    def handle_endtag(self, tag: str) -> None:
        self.inside, self._tag = False, ""


def test_html_lists_every_speaker_in_order(database: Path, script: Script) -> None:
    parsed = _Speakers()
    parsed.feed(export(database, "html").read_text())
    assert parsed.speakers == [script.meeting.label_of(x) for x in script.meeting.log()]
    assert "Recommendations" in parsed.headings and "Statistics" in parsed.headings


def test_docx_reads_back(database: Path, script: Script) -> None:
    doc = Document(str(export(database, "docx")))
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    session_1 = script.meeting.agenda.sessions[1]
    assert ("Heading 1", session_1.title) in headings
    assert ("Heading 2", session_1.items[2].title) in headings
    speakers = [p for p in doc.paragraphs if p.style.name == docx_export.SPEAKER_STYLE]
    assert len(speakers) == 22
    japan = next(p for p in speakers if "Japan" in p.text)
    assert "(Question)" in japan.text and any(r.italic and "(Question)" in r.text for r in japan.runs)
    total = [c.text for c in doc.tables[0].rows[-1].cells]
    log_seconds = sum(spoken_whole(x.speaking_seconds(script.clock.now()))
                      for x in script.meeting.log())
    hours, rest = divmod(log_seconds, 3600)
    assert total[:3] == ["Total", "22", f"{hours}:{rest // 60:02d}:{rest % 60:02d}"]


def test_markdown_writes_every_speaker(database: Path) -> None:
    text = export(database, "md").read_text()
    assert "# OSCE-wide Expert Seminar" in text.splitlines()[0]
    for name in DISCUSSION:
        assert f"**{name}**" in text
    assert "*(Point of order)*" in text
    assert "**Japan (Partner for Co-operation)** *(Question)*" in text


def test_one_session(database: Path) -> None:
    document = json.loads(export(database, "json", "--session", "session-1").read_text())
    assert [s["id"] for s in document["sessions"]] == ["session-1"]
    assert document["statistics"]["interventions"] == 18


def test_two_databases_make_one_report(tmp_path: Path) -> None:
    script = Script()
    run_opening(script)
    day_one = len(script.meeting.events)
    run_session_1(script)
    room_a = write_database(tmp_path / "room-a.db.json", script.meeting.events[:day_one])
    room_b = write_database(tmp_path / "room-b.db.json", script.meeting.events[day_one:])
    single = write_database(tmp_path / "all.db.json", script.meeting.events)
    out = tmp_path / "both.json"
    assert main(["export", *MEETING, "--db", str(room_a), str(room_b), "--out", str(out)]) == 0
    merged = json.loads(out.read_text())
    whole = json.loads(export(single, "json").read_text())
    assert merged["event"]["sources"] == ["room-a.db.json", "room-b.db.json"]
    assert merged["statistics"] == whole["statistics"]
    assert merged["sessions"] == whole["sessions"]


def test_build_summary_uses_the_injected_clock(script: Script) -> None:
    clock = FakeClock(script.clock.now())
    clock.advance(3600)
    summary = build_summary([script.meeting], clock)
    assert summary.cover.generated_at == clock.now()


def test_out_is_never_overwritten_without_force(database: Path) -> None:
    out = export(database, "md")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    out.write_text("the secretariat's edits")
    args = ["export", *MEETING, "--db", str(database), "--out", str(out)]
    assert main(args) == 1
    assert out.read_text() == "the secretariat's edits"
    out.chmod(0o644)
    assert main([*args, "--force"]) == 0
    assert out.read_text().startswith("# OSCE-wide")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert sorted(p.name for p in database.parent.iterdir() if p.name.endswith(".tmp")) == []


@pytest.mark.parametrize("content", [None, b"", b"{}", b"\x00\x01garbage\n", b'{"_default": {}}'])
def test_bad_database_writes_nothing(tmp_path: Path, content: bytes | None, capsys) -> None:
    db = tmp_path / "meeting.db.json"
    if content is not None:
        db.write_bytes(content)
    out = tmp_path / "summary.docx"
    assert main(["export", *MEETING, "--db", str(db), "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"moderator export: {db}")
    assert "Traceback" not in error
    assert sorted(p.name for p in tmp_path.iterdir()) == ([] if content is None else ["meeting.db.json"])


def test_database_of_another_meeting(tmp_path: Path, capsys) -> None:
    event = {"v": 1, "id": "e1", "at": "2026-12-10T08:00:00+00:00", "role": "moderator",
             "type": "item.started", "item_id": "some-other-item"}
    db = write_database(tmp_path / "other.db.json", [event])
    assert main(["export", *MEETING, "--db", str(db), "--out", str(tmp_path / "x.md")]) == 1
    assert "another meeting" in capsys.readouterr().err
    assert not (tmp_path / "x.md").exists()


def test_unknown_session_is_a_clear_error(database: Path, capsys) -> None:
    assert main(["export", *MEETING, "--db", str(database), "--session", "nope"]) == 1
    assert "no session 'nope'" in capsys.readouterr().err


def test_default_path_beside_the_database(database: Path, capsys) -> None:
    assert main(["export", *MEETING, "--db", str(database), "--format", "csv"]) == 0
    assert (database.parent / "osce-soft-targets-seminar.csv").is_file()
    assert "osce-soft-targets-seminar.csv" in capsys.readouterr().out


def test_export_default_for_the_console(database: Path, script: Script) -> None:
    agenda, roster = script.meeting.agenda, script.meeting.roster
    first = formats.export_default(database, agenda, roster, FakeClock())
    second = formats.export_default(database, agenda, roster, FakeClock())
    assert first.name == "osce-soft-targets-seminar.docx"
    assert second.name == "osce-soft-targets-seminar-2.docx"
    assert Document(str(second)).core_properties.title.startswith("OSCE-wide")
