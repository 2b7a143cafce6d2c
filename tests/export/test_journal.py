"""The journal: a Permanent Council meeting replayed through the core, exported and read back.

An agenda item with speakers of its own before its sub-items, sub-items with their own
speakers, a point of order, a right of reply, documents attached by the chair and by a `#doc`
note, a suspension at lunch, a decision with an interpretative statement, a meeting resumed
the next day.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from pypdf import PdfReader

from moderator.cli import main
from moderator.core import FakeClock, Meeting, load_meeting
from moderator.core.model import InterventionKind as K
from moderator.export import json_export
from tests.export.schema_check import validate
from tests.export.scripted import write_database

DATA = Path(__file__).parent / "data"
SCHEMA = json.loads((Path(json_export.__file__).parent / "schema.json").read_text())
FILES = ["--agenda", str(DATA / "pc912-agenda.yaml"), "--speakers", str(DATA / "pc912-speakers.yaml")]
ALIGNED = ("LI", "BA", "AL", "RS", "ME", "IS", "MK", "HR")
EU_912 = (
    "Denmark-European Union (with the acceding country Croatia; the candidate countries the former "
    "Yugoslav Republic of Macedonia, Iceland, Montenegro and Serbia; the countries of the "
    "Stabilisation and Association Process and potential candidate countries Albania and Bosnia and "
    "Herzegovina; as well as the EFTA country Liechtenstein, member of the EEA, in alignment)"
)

JOURNAL = [
    "PC.JOUR/912",
    "17 May 2012",
    "Original: ENGLISH",
    "Organization for Security and Co-operation in Europe",
    "Permanent Council",
    "Chairmanship: Ireland",
    "912th PLENARY MEETING OF THE COUNCIL",
    "1. Date: Thursday, 17 May 2012",
    "Opened: 10.05 a.m.",
    "Suspended: 1.05 p.m.",
    "Resumed: 3.10 p.m.",
    "Suspended: 4.45 p.m.",
    "Resumed: 10 a.m. (Friday, 18 May 2012)",
    "Closed: 10.30 a.m.",
    "2. Chairperson: Ambassador E. O'Leary",
    "3. Subjects discussed \u2013 Statements \u2013 Decisions/documents adopted:",
    "Agenda item 1: ADDRESS BY THE MINISTER FOR FOREIGN AFFAIRS OF MONGOLIA",
    "Chairperson, Minister for Foreign Affairs of Mongolia, "
    f"{EU_912} (PC.DEL/448/12), United States of America (PC.DEL/447/12) (PC.DEL/450/12 OSCE+)",
    "Agenda item 2: REVIEW OF CURRENT ISSUES",
    "Norway",
    "(a) Parliamentary elections in the Russian Federation: United States of America "
    "(PC.DEL/449/12), Denmark-European Union",
    "Point of order: Russian Federation, Russian Federation (right of reply), "
    "Japan (Partner for Co-operation)",
    "(b) Freedom of the media in Belarus: Denmark-European Union (with the candidate countries "
    "Iceland and Montenegro, in alignment), Belarus",
    "Agenda item 3: DECISION ON THE DATES OF THE 2012 ANNUAL SECURITY REVIEW CONFERENCE",
    "Chairperson",
    "Decision: The Permanent Council adopted Decision No. 1041 (PC.DEC/1041) on the dates of the "
    "2012 Annual Security Review Conference, the text of which is appended to this journal.",
    "Russian Federation (interpretative statement, see attachment to the decision)",
    "Agenda item 4: ANY OTHER BUSINESS",
    "None",
    "Agenda item 5: REPORT BY THE CHAIRPERSON",
    "Chairperson",
    "4. Next meeting:",
    "Thursday, 24 May 2012, at 10 a.m., Neuer Saal",
]


def at(day: int, hour: int, minute: int, second: int = 0) -> datetime:
    """A moment in Vienna (UTC+2 in May), as UTC."""
    return datetime(2012, 5, day, hour - 2, minute, second, tzinfo=UTC)


def replay() -> Meeting:
    agenda, roster = load_meeting(DATA / "pc912-agenda.yaml", DATA / "pc912-speakers.yaml")
    clock = FakeClock(at(17, 10, 5))
    m = Meeting(agenda, roster, clock)

    def do(events: list[dict]) -> None:
        m.record(events)
        clock.advance(30)

    def speak(who: str | None = None, **kw) -> str:
        if who is not None:
            do(m.request_floor(who, kw.pop("kind", K.STATEMENT), **kw))
        do(m.give_floor())
        return m.floor().id

    do(m.start_item("address"))
    speak()  # the chair, scheduled
    speak()  # the minister, scheduled
    speak("DK", on_behalf="EU", alignment=ALIGNED)
    do(m.add_note("The EU statement was circulated #doc PC.DEL/448/12"))
    speak("US")
    do(m.attach_document("PC.DEL/447/12"))
    do(m.set_documents(["PC.DEL/447/12", "PC.DEL/450/12 OSCE+"]))
    do(m.next_item())  # the agenda item's own speakers, before (a)
    speak("NO")
    do(m.next_item())  # (a)
    us = speak("US")
    do(m.finish_intervention())
    do(m.attach_document("PC.DEL/449/12", intervention_id=us))
    speak("DK", on_behalf="EU")
    do(m.request_floor("RU", K.POINT_OF_ORDER))
    do(m.give_floor())  # the point of order suspends Denmark
    do(m.finish_intervention())  # Denmark again
    speak("RU", kind=K.RIGHT_OF_REPLY)
    speak("JP")
    do(m.next_item())  # (b)
    speak("DK", on_behalf="EU", alignment=("ME", "IS"))
    speak("BY")
    clock.set(at(17, 13, 5))
    do(m.suspend_sitting())
    clock.set(at(17, 15, 10))
    do(m.resume_sitting())
    do(m.toggle_timer())  # Belarus goes on
    do(m.next_item())  # the decision
    speak("chair")  # the chair speaks through the roster entry: "Chairperson"
    do(m.adopt_decision("on the dates of the 2012 Annual Security Review Conference",
                        number="1041", symbol="PC.DEC/1041", statements=("RU",)))
    speak("RU")  # its interpretative statement: printed once, in the statement's line
    do(m.next_item())  # any other business: nobody asks for the floor
    clock.set(at(17, 16, 45))
    do(m.finish_item())
    clock.set(at(18, 10, 0))
    do(m.start_item("chair-report"))
    speak("chair")
    clock.set(at(18, 10, 30, 5))
    do(m.finish_item())
    return m


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_database(tmp_path_factory.mktemp("pc912") / "pc-912.db.json", replay().events)


def export(database: Path, fmt: str, *extra: str) -> Path:
    out = database.parent / f"journal-{len(extra)}.{fmt}"
    assert main(["export", *FILES, "--db", str(database), "--journal", "--format", fmt,
                 "--out", str(out), "--force", *extra]) == 0
    return out


def _unmarked(line: str) -> str:
    return re.sub(r"\\(.)", r"\1", line.replace("**", ""))


def test_the_journal_in_markdown_line_by_line(database: Path) -> None:
    text = export(database, "md").read_text(encoding="utf-8")
    paragraphs = text.strip().split("\n\n")
    assert [_unmarked(p) for p in paragraphs] == JOURNAL
    assert paragraphs[7] == "1\\. Date: Thursday, 17 May 2012"
    assert paragraphs[16] == "**Agenda item 1: ADDRESS BY THE MINISTER FOR FOREIGN AFFAIRS OF MONGOLIA**"


def test_the_journal_in_word_line_by_line(database: Path) -> None:
    doc = Document(str(export(database, "docx")))
    paragraphs = [p for p in doc.paragraphs if p.text]
    assert [p.text.replace("\t", " ") for p in paragraphs] == JOURNAL
    symbol, title = paragraphs[0], paragraphs[6]
    assert symbol.alignment == WD_ALIGN_PARAGRAPH.RIGHT and all(r.bold for r in symbol.runs)
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and all(r.bold for r in title.runs)
    # Numbers and labels hang before the text, separated by a tab, as the Council journals set it.
    assert paragraphs[7].text.startswith("1.\tDate:")
    assert paragraphs[7].paragraph_format.first_line_indent < 0
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert doc.core_properties.subject == "Journal"
    section = doc.sections[0]  # A4, each page numbered at its foot
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert "PAGE" in "".join(t.text for t in section.footer._element.iter(qn("w:instrText")))


def test_the_journal_in_html(database: Path) -> None:
    html = export(database, "html").read_text(encoding="utf-8")
    texts = [re.sub(r"<[^>]+>", " ", p) for p in re.findall(r"<p class=[^>]*>.*?</p>", html)]
    assert [" ".join(t.split()).replace("&#x27;", "'") for t in texts] == JOURNAL
    assert '<p class="symbol">PC.JOUR/912</p>' in html


def test_the_journal_is_refused_in_other_formats(database: Path, capsys) -> None:
    out = database.parent / "journal.json"
    assert main(["export", *FILES, "--db", str(database), "--journal", "--format", "json",
                 "--out", str(out)]) == 1
    assert "the journal is written as docx, md, html, pdf, not json" in capsys.readouterr().err
    assert not out.exists()


def test_the_journal_goes_beside_the_database_by_default(database: Path) -> None:
    assert main(["export", *FILES, "--db", str(database), "--journal", "--format", "md"]) == 0
    assert (database.parent / "pc-912-journal.md").exists()


def test_the_summary_holds_the_same_record(database: Path) -> None:
    out = database.parent / "summary.json"
    assert main(["export", *FILES, "--db", str(database), "--format", "json", "--out", str(out),
                 "--force"]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert validate(document, SCHEMA) == []
    assert document["schema_version"] == "1.2"
    assert document["event"]["journal"]["symbol"] == "PC.JOUR/912"
    items = {i["id"]: i for s in document["sessions"] for i in s["items"]}
    assert (items["ci-media"]["parent"], items["ci-media"]["letter"]) == ("current-issues", "b")
    [us] = [x for x in items["address"]["interventions"] if x["who"] == "US"]
    assert us["documents"] == ["PC.DEL/447/12", "PC.DEL/450/12 OSCE+"]
    [decision] = items["asrc-dates"]["decisions"]
    assert (decision["number"], decision["symbol"]) == ("1041", "PC.DEC/1041")
    assert [s["speaker"] for s in decision["statements"]] == ["Russian Federation"]
    [suspension] = document["sessions"][0]["suspensions"]
    assert (suspension["item_id"], suspension["suspended_at"], suspension["resumed_at"]) == (
        "ci-media", "2012-05-17T11:05:00+00:00", "2012-05-17T13:10:00+00:00")
    # The chair speaking through the roster entry has no category (Ireland's would be wrong).
    chair = [x for i in items.values() for x in i["interventions"] if x["speaker"] == "Chairperson"]
    assert len(chair) == 3 and {(x["who"], x["category"], x["delegation"]) for x in chair} == {
        ("chair", None, "Chairperson")}
    categories = {f["key"]: f["interventions"] for f in document["statistics"]["by_category"]}
    assert categories["none"] == 3 and "participating-state" in categories


def test_the_summary_in_markdown_shows_sub_items_suspensions_and_decisions(database: Path) -> None:
    out = database.parent / "summary.md"
    assert main(["export", *FILES, "--db", str(database), "--format", "md", "--out", str(out),
                 "--force"]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert "### Review of current issues: (a) Parliamentary elections in the Russian Federation" in lines
    assert "- **Sitting:** Suspended 13:05, resumed 15:10" in lines
    # "4. 10:12 **United States ...**": the clock time the intervention began, then the name.
    assert any(line.startswith("4. ") and line.split(" ", 2)[2].startswith(
        "**United States of America (PC.DEL/447/12) (PC.DEL/450/12 OSCE+)**") for line in lines)
    # Worded for a summary: the text of the decision is appended to the journal, not here.
    assert ("Decision: The Permanent Council adopted Decision No. 1041 (PC.DEC/1041) on the dates of "
            "the 2012 Annual Security Review Conference.") in lines
    assert "Interpretative statement: Russian Federation" in lines


def test_the_csv_log_names_the_documents(database: Path) -> None:
    out = database.parent / "log.csv"
    assert main(["export", *FILES, "--db", str(database), "--format", "csv", "--out", str(out),
                 "--force"]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    documents = {(r["item_id"], r["who"]): r["documents"] for r in rows if r["documents"]}
    assert documents == {
        ("address", "DK"): "PC.DEL/448/12", ("address", "US"): "PC.DEL/447/12, PC.DEL/450/12 OSCE+",
        ("ci-elections", "US"): "PC.DEL/449/12"}
    assert rows[5]["item"] == "Review of current issues: (a) Parliamentary elections in the Russian Federation"


def _pdf_text(path: Path) -> list[str]:
    """Each page's text, its page number taken off the end."""
    pages = [page.extract_text() for page in PdfReader(str(path)).pages]
    numbers = [re.search(r"\s(\d+)\s*$", text) for text in pages]
    assert [int(m.group(1)) for m in numbers if m] == list(range(1, len(pages) + 1))
    return [text[:m.start()] for text, m in zip(pages, numbers, strict=True)]


def test_the_journal_in_pdf_line_by_line(database: Path) -> None:
    """The PDF holds the same paragraphs in the same order (its lines wrap where the page ends,
    so the text is compared without the spaces and line ends typesetting moves)."""
    out = export(database, "pdf")
    text = "".join(_pdf_text(out))
    flat = re.sub(r"\s+", "", text)
    at = 0
    for line in JOURNAL:
        found = flat.find(re.sub(r"\s+", "", line), at)
        assert found == at, (line, flat[at:at + 80])
        at = found + len(re.sub(r"\s+", "", line))
    assert at == len(flat)
    reader = PdfReader(str(out))
    assert reader.metadata.title == "912th PLENARY MEETING OF THE COUNCIL"
    assert [round(float(x)) for x in reader.pages[0].mediabox[2:]] == [595, 842]  # A4
