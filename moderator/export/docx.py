"""The summary as a Word document, the secretariat's working format (python-docx).

Real heading styles (Title, Heading 1-3), so the document map and the table of contents work
when the secretariat pastes it into the meeting's consolidated summary.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.document import Document as DocumentType
from docx.oxml import OxmlElement
from docx.text.paragraph import Paragraph

from moderator.export import format as fmt
from moderator.export.summary import NoteLine, Summary
from moderator.export.tables import Table, annex_table, statistics_tables

# Characters XML 1.0 cannot hold: a note pasted from elsewhere must not break the file.
SPEAKER_STYLE = "List Paragraph"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _t(text: object) -> str:
    return _NOT_XML.sub("", str(text))


class _Body:
    """Appends paragraphs fast. python-docx looks a style up by name and scans the whole body
    for its end on every paragraph: 18 s for a week-long meeting's 14,000 paragraphs."""

    def __init__(self, doc: DocumentType) -> None:
        self.doc = doc
        self._end = doc.element.body.sectPr  # new paragraphs go just before it
        self._style_ids: dict[str, str] = {}

    def paragraph(self, style: str | None = None) -> Paragraph:
        p = OxmlElement("w:p")
        if self._end is not None:
            self._end.addprevious(p)
        else:
            self.doc.element.body.append(p)
        if style is not None:
            if style not in self._style_ids:
                self._style_ids[style] = self.doc.styles[style].style_id
            p.get_or_add_pPr().style = self._style_ids[style]
        return Paragraph(p, self.doc)  # type: ignore[arg-type]

    def heading(self, text: str, level: int) -> Paragraph:
        return self.text(text, "Title" if level == 0 else f"Heading {level}")

    def text(self, text: str, style: str | None = None) -> Paragraph:
        paragraph = self.paragraph(style)
        if text:  # as python-docx: no run for no text
            _run(paragraph, text)
        return paragraph


def _run(paragraph: Paragraph, text: str) -> None:
    if "\t" in text or "\r" in text:  # python-docx turns these into Word's own elements
        paragraph.add_run(text)
    else:  # one text element, not one python call per character
        paragraph.add_run()._r.add_t(text)


def _notes(body: _Body, notes: tuple[NoteLine, ...], style: str = "List Bullet 2") -> None:
    for n in notes:
        paragraph = body.paragraph(style)
        for i, line in enumerate(_t(n.text).splitlines()):
            if i:
                paragraph.add_run().add_break()  # a line break, kept within the note's paragraph
            _run(paragraph, line)
        if n.edited:
            paragraph.add_run(" (edited)").italic = True


def _table(doc: DocumentType, body: _Body, table: Table) -> None:
    body.heading(_t(table.title), 3)
    grid = doc.add_table(rows=1, cols=len(table.header))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, table.header, strict=True):
        cell.text = _t(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = _t(text)
            if row[0] == "Total":
                for run in cell.paragraphs[0].runs:
                    run.bold = True


def render(summary: Summary) -> bytes:
    c, tz = summary.cover, summary.cover.timezone
    doc = Document()
    body = _Body(doc)
    doc.core_properties.title = _t(c.title)
    doc.core_properties.subject = "Summary"
    body.heading(_t(c.title), level=0)
    cover = [
        ("Kind", c.kind),
        ("Venue", c.venue),
        ("Organiser", c.organiser),
        ("Dates", ", ".join(d.isoformat() for d in c.dates)),
        ("Fields of work", ", ".join(c.fields)),
        ("Generated", f"{fmt.date_time(c.generated_at, tz)} ({tz})"),
    ]
    for label, value in cover:
        if value:
            _labelled(body, label, value)
    for s in summary.sessions:
        body.heading(_t(s.title), level=1)
        _labelled(body, "Moderator", s.moderator or fmt.NOTHING)
        _labelled(body, "Rapporteur", s.rapporteur or fmt.NOTHING)
        _labelled(body, "Planned", f"{fmt.clock_time(s.planned_start, tz)}\u2013{fmt.clock_time(s.planned_end, tz)}")
        _labelled(
            body,
            "Held",
            f"{fmt.clock_time(s.actual_start, tz)}\u2013{fmt.clock_time(s.actual_end, tz)} "
            f"(start {fmt.lateness(s.start_late_minutes)}, end {fmt.lateness(s.end_late_minutes)})",
        )
        for item in s.items:
            body.heading(_t(item.title), level=2)
            if not item.interventions and not item.notes:
                body.paragraph().add_run(f"{item.status.capitalize()}; no interventions recorded.").italic = True
            for x in item.interventions:
                # Numbered by hand: Word's "List Number" would run on across items, not restart.
                paragraph = body.paragraph(SPEAKER_STYLE)
                paragraph.add_run(f"{x.order}. ")
                paragraph.add_run(_t(x.name)).bold = True
                if x.marked:
                    paragraph.add_run(f" ({x.marked})").italic = True
                paragraph.add_run(f" \u2014 {fmt.speaking_line(x)}")
                _notes(body, x.notes)
            if item.notes:
                body.paragraph().add_run("Notes on the item:").bold = True
                _notes(body, item.notes, "List Bullet")
    if summary.notes:
        body.heading("General notes", level=1)
        _notes(body, summary.notes, "List Bullet")
    body.heading("Recommendations", level=1)
    for group in summary.recommendations:
        body.heading(_t(group.session_title), level=2)
        for r in group.recommendations:
            body.text(_t(r.text), "List Bullet")
    if not summary.recommendations:
        body.text("None recorded.")
    body.heading("Actions and decisions", level=1)
    for a in summary.actions:
        paragraph = body.paragraph("List Bullet")
        paragraph.add_run(a.tag.capitalize()).bold = True
        paragraph.add_run(_t(f" ({a.item_title}): {a.text}"))
    if not summary.actions:
        body.text("None recorded.")
    body.heading("Statistics", level=1)
    for table in statistics_tables(summary):
        _table(doc, body, table)
    body.heading("Annex: the agenda as planned and as held", level=1)
    _table(doc, body, annex_table(summary))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _labelled(body: _Body, label: str, value: str) -> None:
    paragraph = body.paragraph()
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(_t(value))
