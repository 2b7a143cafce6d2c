"""The summary as a Word document, the secretariat's working format (python-docx).

Real heading styles (Title, Heading 1-3), so the document map and the table of contents work
when the secretariat pastes it into the meeting's consolidated summary.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.document import Document as DocumentType

from moderator.export import format as fmt
from moderator.export.summary import NoteLine, Summary
from moderator.export.tables import Table, annex_table, statistics_tables

# Characters XML 1.0 cannot hold: a note pasted from elsewhere must not break the file.
SPEAKER_STYLE = "List Paragraph"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _t(text: object) -> str:
    return _NOT_XML.sub("", str(text))


def _notes(doc: DocumentType, notes: tuple[NoteLine, ...], style: str = "List Bullet 2") -> None:
    for n in notes:
        paragraph = doc.add_paragraph(style=style)
        for i, line in enumerate(_t(n.text).splitlines()):
            if i:
                paragraph.add_run().add_break()  # a line break, kept within the note's paragraph
            paragraph.add_run(line)
        if n.edited:
            paragraph.add_run(" (edited)").italic = True


def _table(doc: DocumentType, table: Table) -> None:
    doc.add_heading(_t(table.title), level=3)
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
    doc.core_properties.title = _t(c.title)
    doc.core_properties.subject = "Summary"
    doc.add_heading(_t(c.title), level=0)
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
            _labelled(doc, label, value)
    for s in summary.sessions:
        doc.add_heading(_t(s.title), level=1)
        _labelled(doc, "Moderator", s.moderator or fmt.NOTHING)
        _labelled(doc, "Rapporteur", s.rapporteur or fmt.NOTHING)
        _labelled(doc, "Planned", f"{fmt.clock_time(s.planned_start, tz)}\u2013{fmt.clock_time(s.planned_end, tz)}")
        _labelled(
            doc,
            "Held",
            f"{fmt.clock_time(s.actual_start, tz)}\u2013{fmt.clock_time(s.actual_end, tz)} "
            f"(start {fmt.lateness(s.start_late_minutes)}, end {fmt.lateness(s.end_late_minutes)})",
        )
        for item in s.items:
            doc.add_heading(_t(item.title), level=2)
            if not item.interventions and not item.notes:
                doc.add_paragraph().add_run(f"{item.status.capitalize()}; no interventions recorded.").italic = True
            for x in item.interventions:
                # Numbered by hand: Word's "List Number" would run on across items, not restart.
                paragraph = doc.add_paragraph(style=SPEAKER_STYLE)
                paragraph.add_run(f"{x.order}. ")
                paragraph.add_run(_t(x.name)).bold = True
                if x.marked:
                    paragraph.add_run(f" ({x.marked})").italic = True
                paragraph.add_run(f" \u2014 {fmt.speaking_line(x)}")
                _notes(doc, x.notes)
            if item.notes:
                doc.add_paragraph().add_run("Notes on the item:").bold = True
                _notes(doc, item.notes, "List Bullet")
    if summary.notes:
        doc.add_heading("General notes", level=1)
        _notes(doc, summary.notes, "List Bullet")
    doc.add_heading("Recommendations", level=1)
    for group in summary.recommendations:
        doc.add_heading(_t(group.session_title), level=2)
        for r in group.recommendations:
            doc.add_paragraph(_t(r.text), style="List Bullet")
    if not summary.recommendations:
        doc.add_paragraph("None recorded.")
    doc.add_heading("Actions and decisions", level=1)
    for a in summary.actions:
        paragraph = doc.add_paragraph(style="List Bullet")
        paragraph.add_run(a.tag.capitalize()).bold = True
        paragraph.add_run(_t(f" ({a.item_title}): {a.text}"))
    if not summary.actions:
        doc.add_paragraph("None recorded.")
    doc.add_heading("Statistics", level=1)
    for table in statistics_tables(summary):
        _table(doc, table)
    doc.add_heading("Annex: the agenda as planned and as held", level=1)
    _table(doc, annex_table(summary))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _labelled(doc: DocumentType, label: str, value: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(_t(value))
