"""Word and HTML from a hand-built summary, read back: headings, tables, escaping."""

from __future__ import annotations

import io
from html.parser import HTMLParser

from docx import Document

from moderator.export import docx, html
from tests.export.hand_built import HOSTILE_NAME, SCRIPT_NOTE, hand_summary


def test_docx_has_a_title_headings_and_statistics_tables() -> None:
    doc = Document(io.BytesIO(docx.render(hand_summary())))
    assert doc.core_properties.title == 'Expert <Seminar> | "Soft" targets'
    styled = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith(("Title", "Heading"))]
    assert styled[0] == ("Title", 'Expert <Seminar> | "Soft" targets')
    assert ("Heading 1", "Opening session") in styled
    assert ("Heading 2", "Opening # 1 | *welcome*") in styled
    assert ("Heading 1", "Statistics") in styled
    assert ("Heading 3", "Interventions per delegation") in styled
    speakers = [p.text for p in doc.paragraphs if p.style.name == docx.SPEAKER_STYLE]
    assert speakers[1] == f"2. 09:13 {HOSTILE_NAME} \u2014 3:20 (over time 0:20)"
    assert speakers[2] == "3. 09:17 -Russian Federation (Point of order) \u2014 0:45"
    notes = [p.text for p in doc.paragraphs if p.style.name == "List Bullet 2"]
    # The tags become words before the text and leave the sentence.
    assert notes[0] == "Recommendation: States should share threat assessments (edited)"
    assert notes[2] == "Action: " + SCRIPT_NOTE  # the line break kept inside the paragraph
    per_delegation = doc.tables[0]
    header = [c.text for c in per_delegation.rows[0].cells]
    assert header == ["Delegation", "Interventions", "Speaking time", "Average", "Over time", "Share"]
    total = [c.text for c in per_delegation.rows[-1].cells]
    assert total[:3] == ["Total", "4", "16:15"]
    body = [[c.text for c in r.cells] for r in per_delegation.rows[1:-1]]
    assert sum(int(r[1]) for r in body) == 4


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.stack: list[str] = []
        self.text: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.stack.append(tag)
        self.sources = [*getattr(self, "sources", []), *(v for k, v in attrs if k in ("src", "href"))]

    def handle_endtag(self, tag: str) -> None:
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack:
            self.text.setdefault(self.stack[-1], []).append(data)


def test_html_is_self_contained_escaped_and_printable() -> None:
    page = html.render(hand_summary()).decode()
    parsed = _Collect()
    parsed.feed(page)
    assert "script" not in parsed.tags and "b" not in parsed.tags and "i" not in parsed.tags
    assert not {"link", "iframe", "object", "embed"} & set(parsed.tags)
    # The charts are the only images, and they are in the page itself.
    assert parsed.tags.count("img") == 4
    assert all(src and src.startswith("data:image/png;base64,") for src in parsed.sources)
    assert "@media print" in page
    assert parsed.text["title"] == ['Expert <Seminar> | "Soft" targets']
    assert HOSTILE_NAME in parsed.text["strong"]
    assert "Opening # 1 | *welcome*" in parsed.text["h3"]
    assert any(SCRIPT_NOTE in t for t in parsed.text["li"])
    assert "(Right of reply)" in parsed.text["span"]


def test_html_tables_end_with_totals_equal_to_the_log() -> None:
    page = html.render(hand_summary()).decode()
    assert page.count('<tr class="total"><td>Total</td><td>4</td><td>16:15</td>') == 2
