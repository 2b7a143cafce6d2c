"""The summary as a Word document, the secretariat's working format (python-docx).

Real heading styles (Title, Heading 1-3), so the document map and the table of contents work
when the secretariat pastes it into the meeting's consolidated summary.
"""

from __future__ import annotations

import io
import re
from itertools import chain
from typing import IO
from xml.sax.saxutils import escape
from zipfile import ZIP_DEFLATED, ZipFile

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.packuri import PackURI
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from docx.oxml.shape import CT_Inline
from docx.oxml.table import CT_Tbl
from docx.section import Section
from docx.shared import Cm, Emu, Inches, Length, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph
from lxml import etree

from moderator.export import wording
from moderator.export.charts import Chart, draw_charts
from moderator.export.column_widths import column_widths
from moderator.export.paper import A4, Paper, set_up, text_width_cm
from moderator.export.plain import plain_text
from moderator.export.source import ExportError
from moderator.export.summary import NoteLine, Summary, TaggedNote
from moderator.export.tables import Table, annex_table, cover_rows, statistics_tables

SPEAKER_STYLE = "List Paragraph"
TABLE_STYLE = "Table text"  # 9 pt, no space after: the tables' cells
TABLE_POINTS = 9
# A note under its intervention: indented further than the intervention's text (cm).
NOTE_INDENT, NOTE_HANGING = 1.9, 0.5
# Characters XML 1.0 cannot hold: a note pasted from elsewhere must not break the file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _t(text: object) -> str:
    text = plain_text(text)  # every control but tab and newline is U+FFFD already
    if "\ufffe" in text or "\uffff" in text:
        return _NOT_XML.sub("", text)
    return text


def _w(tag: str) -> str:
    return qn(f"w:{tag}")


_P, _R = _w("p"), _w("r")
_W_NAMESPACE = f'xmlns:w="{nsmap["w"]}"'
_RUN_OPEN = {None: "<w:r>", "bold": "<w:r><w:rPr><w:b/></w:rPr>",
             "italic": "<w:r><w:rPr><w:i/></w:rPr>"}
_T_PRESERVE = '<w:t xml:space="preserve">'


# Where a run of written paragraphs stands in the body until the file is written (a comment
# occurs nowhere else: every text in the document is escaped).
_HELD = "moderator: paragraphs"
_HELD_XML = f"<!--{_HELD}-->".encode("ascii")


class _Body:
    """Writes the paragraphs as XML text, which goes into the file as it is written: lxml never
    makes them. (Made as elements, then parsed into the body and written out again, they were
    most of the export's time: at 10x the parse 0.4 s, the moves 0.12 s.) The body holds a
    comment where each run of paragraphs goes, replaced by their text in `spliced`; the text
    is what lxml writes for those paragraphs (tested: the same file). A run with a tab or a
    line break in it is python-docx's own, and tables and pictures are its elements, made
    after the paragraphs before them are placed."""

    def __init__(self, doc: DocumentType) -> None:
        self.doc = doc
        self._body = doc.element.body
        self._end = self._body.sectPr  # new paragraphs go just before it
        self._style_ids: dict[str, str] = {}
        self._next_shape: int | None = None  # the id of the next picture
        self._written: list[list[str]] = []  # the paragraphs not placed yet, in order
        self._held: list[str] = []  # the XML text of each run of paragraphs placed
        self._heads: dict[tuple[str | None, tuple[int, int] | None], str] = {}

    def paragraph(self, style: str | None = None,
                  indent: tuple[int, int] | None = None) -> list[str]:
        """A new paragraph (its XML text, runs to be added), after the last one."""
        head = self._heads.get((style, indent))
        if head is None:  # made once for each style and indent
            head = "<w:p>"
            if style is not None:
                head += f'<w:pPr><w:pStyle w:val="{self.style_id(style)}"/>'
                if indent is not None:
                    head += f'<w:ind w:left="{indent[0]}" w:hanging="{indent[1]}"/>'
                head += "</w:pPr>"
            self._heads[(style, indent)] = head
        xml = [head]
        self._written.append(xml)
        return xml

    def flush(self) -> None:
        """The paragraphs written so far, placed in the body (as their comment)."""
        if not self._written:
            return
        for xml in self._written:
            if xml[-1] == "<w:p>":  # an empty element as lxml writes it (as "<w:r/>" in `_run`)
                xml[-1] = "<w:p/>"
            else:
                xml.append("</w:p>")
        self._held.append("".join(chain.from_iterable(self._written)))
        self._written = []
        self._append(etree.Comment(_HELD))

    def spliced(self, document_xml: bytes) -> bytes:
        """The document part's XML as lxml wrote it, with each run of paragraphs in place of
        its comment."""
        pieces = document_xml.split(_HELD_XML)
        if len(pieces) != len(self._held) + 1:  # (nothing the meeting holds can cause it)
            raise ExportError("the Word document could not be written: its paragraphs are not "
                              "where they were placed")
        out = [pieces[0]]
        for text, after in zip(self._held, pieces[1:], strict=True):
            out += [text.encode("utf-8"), after]
        return b"".join(out)

    def _append(self, p: etree._Element) -> None:  # (python-docx's place for a new block)
        if self._end is not None:
            self._end.addprevious(p)
        else:
            self._body.append(p)

    def place(self, block: etree._Element) -> None:
        """A table (say) after everything written so far, where python-docx adds one."""
        self.flush()
        self._append(block)

    def last_section(self) -> etree._Element:
        """The body's last `w:sectPr` (the one a section added after stays)."""
        return self._end if self._end is not None else self._body.sectPr

    def style_id(self, style: str) -> str:
        """The id of the style named `style`, looked up once."""
        if style not in self._style_ids:
            self._style_ids[style] = self.doc.styles[style].style_id
        return self._style_ids[style]

    def picture(self, data: bytes, width: Length, description: str) -> None:
        """`data` as an inline picture in a paragraph of its own, as `Document.add_picture`
        makes it, but for its search of the whole document for the ids in use at every
        picture (a third of a second at 10x): searched once, counted on from there."""
        self.flush()
        part = self.doc.part
        rid, image = part.get_or_add_image(io.BytesIO(data))
        cx, cy = image.scaled_dimensions(width, None)
        if self._next_shape is None:
            self._next_shape = part.next_id
        inline = CT_Inline.new_pic_inline(self._next_shape, rid, image.filename, cx, cy)
        self._next_shape += 1
        inline.docPr.set("descr", description)
        p = self._body.makeelement(_P, {})
        self._append(p)
        etree.SubElement(etree.SubElement(p, _R), _w("drawing")).append(inline)

    def heading(self, text: str, level: int) -> list[str]:
        return self.text(text, "Title" if level == 0 else f"Heading {level}")

    def text(self, text: str, style: str | None = None) -> list[str]:
        paragraph = self.paragraph(style)
        if text:  # as python-docx: no run for no text
            _run(paragraph, text)
        return paragraph


def _run(paragraph: list[str], text: str, mark: str | None = None) -> None:
    """A run of `text` (bold or italic if `mark` says so), as python-docx writes it, at the end
    of `paragraph`'s XML text."""
    if "\t" in text or "\r" in text or "\n" in text:  # Word's own elements: python-docx
        run = Paragraph(OxmlElement("w:p"), None).add_run(text)  # type: ignore[arg-type]
        if mark is not None:
            setattr(run, mark, True)
        paragraph.append(_xml(run._r))
        return
    if not text and mark is None:
        paragraph.append("<w:r/>")
        return
    paragraph.append(_RUN_OPEN[mark])
    if text:
        paragraph.append(_T_PRESERVE if len(text.strip()) < len(text) else "<w:t>")
        paragraph.append(escape(text))
        paragraph.append("</w:t>")
    paragraph.append("</w:r>")


def _xml(element: etree._Element) -> str:
    """`element` as XML text to write among the others (the namespace declared once, around)."""
    return etree.tostring(element, encoding="unicode").replace(" " + _W_NAMESPACE, "", 1)


def _notes(body: _Body, notes: tuple[NoteLine, ...], style: str = "List Bullet 2") -> None:
    # Under its intervention, a note is indented further than the list's own indent.
    indent = (round(NOTE_INDENT * 567), round(NOTE_HANGING * 567)) \
        if style == "List Bullet 2" else None
    for n in notes:
        paragraph = body.paragraph(style, indent)
        for i, line in enumerate(_t(wording.note(n)).splitlines()):
            if i:  # a line break, kept within the note's paragraph
                paragraph.append("<w:r><w:br/></w:r>")
            _run(paragraph, line)
        if n.edited:
            _run(paragraph, " (edited)", "italic")


def _table(doc: DocumentType, body: _Body, table: Table, width_cm: float,
           chart: Chart | None = None, widths: list[float] | None = None) -> None:
    body.heading(_t(table.title), 3)
    if chart is not None:  # the chart above its table, its title as the alternative text
        body.picture(chart.data, Cm(15), _t(chart.title))
    if widths is None:
        widths, _ = column_widths(table.header, table.rows, width_cm, TABLE_POINTS)
    # As Document.add_table and Table.style do, without their searches of the whole body and
    # of every style (a tenth of the export): the width of the last section, the style's id.
    body.flush()
    last = Section(body.last_section(), doc.part)
    width = (last.page_width or Inches(8.5)) - (last.left_margin or Inches(1)) \
        - (last.right_margin or Inches(1))
    tbl = CT_Tbl.new_tbl(1, len(table.header), Emu(width))
    body.place(tbl)
    grid = DocxTable(tbl, doc._body)
    grid._tbl.tblStyle_val = body.style_id("Table Grid")
    grid.autofit = False  # the widths below, as measured: Word's autofit breaks words
    # Every row is a copy of one empty row python-docx made (cell widths and all), filled in
    # directly: cell by cell, python-docx took a third of a second for the annex.
    empty = grid.add_row()
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Cm(width)
    for row in (grid.rows[0], empty):
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
            cell.paragraphs[0]._p.style = body.style_id(TABLE_STYLE)
    tbl, empty = grid._tbl, empty._tr
    tbl.remove(empty)
    header = tbl.tr_lst[0]
    etree.SubElement(header.get_or_add_trPr(), _w("tblHeader"))  # repeated on every page
    tbl.replace(header, _rows(header, [(table.header, "bold")])[0])
    for tr in _rows(empty, [(row, "bold" if row[0] == "Total" else None) for row in table.rows]):
        tbl.append(tr)


def _styles(doc: DocumentType) -> None:
    """The tables' small text, and interventions hanging on their number."""
    cell = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = doc.styles["Normal"]
    cell.font.size = Pt(TABLE_POINTS)
    cell.paragraph_format.space_after = Pt(0)
    speaker = doc.styles[SPEAKER_STYLE].paragraph_format
    speaker.left_indent, speaker.first_line_indent = Cm(0.75), Cm(-0.75)


def _rows(template: etree._Element,
          rows: list[tuple[tuple[str, ...] | list[str], str | None]]) -> list[etree._Element]:
    """A copy of the row `template` (its cells' empty paragraphs) for each of `rows`, each
    cell's text a run (bold or italic as its mark says) in its paragraph: written as XML text
    and parsed at once."""
    cells = _xml(template).split("</w:p>")
    written = ["<w:tbl ", _W_NAMESPACE, ">"]
    for texts, mark in rows:
        for before, text in zip(cells[:-1], texts, strict=True):
            paragraph = [before]
            _run(paragraph, _t(text), mark)
            written.extend(paragraph)
            written.append("</w:p>")
        written.append(cells[-1])
    written.append("</w:tbl>")
    return list(etree.fromstring("".join(written)))


def render(summary: Summary, paper: Paper = A4) -> bytes:
    """The Word summary on A4 (or `paper`), with page numbers; the annex turns the page to
    landscape when its columns need it."""
    c, tz = summary.cover, summary.cover.timezone
    doc = Document()
    set_up(doc.sections[0], paper)
    _styles(doc)
    width = text_width_cm(paper)
    body = _Body(doc)
    doc.core_properties.title = _t(c.title)
    doc.core_properties.subject = "Summary"
    body.heading(_t(c.title), level=0)
    cover = cover_rows(summary)
    for label, value in cover:
        if value:
            _labelled(body, label, value)
    for s, items in wording.sessions(summary):
        body.heading(_t(s.title), level=1)
        _labelled(body, "Moderator", s.moderator or wording.NOTHING)
        _labelled(body, "Rapporteur", s.rapporteur or wording.NOTHING)
        _labelled(body, "Planned", f"{wording.clock_time(s.planned_start, tz)}\u2013{wording.clock_time(s.planned_end, tz)}")
        _labelled(body, "Held", wording.held(s, tz))
        for line in wording.suspension_lines(s, tz):
            _labelled(body, "Sitting", line)
        for item in items:
            body.heading(_t(item.heading), level=2)
            if not item.interventions and not item.notes:
                _run(body.paragraph(), f"{item.status.capitalize()}; no interventions recorded.",
                     "italic")
            for x in item.interventions:
                # Numbered by hand: Word's "List Number" would run on across items, not restart.
                paragraph = body.paragraph(SPEAKER_STYLE)
                _run(paragraph, f"{x.order}. {wording.clock_time(x.started_at, tz)} ")
                _run(paragraph, _t(wording.speaker_name(x)), "bold")
                if x.marks:
                    _run(paragraph, f" ({x.marks})", "italic")
                _run(paragraph, f" \u2014 {wording.speaking_line(x)}")
                _notes(body, x.notes)
            if wording.not_heard(item):
                _labelled(body, "Scheduled, did not speak", wording.not_heard_line(item))
            if item.notes:
                _run(body.paragraph(), "Notes on the item:", "bold")
                _notes(body, item.notes, "List Bullet")
            if item.documents:
                _labelled(body, "Documents", ", ".join(item.documents))
            for decision in item.decisions:
                for line in wording.decision_lines(decision, summary):
                    body.text(_t(line))
    if summary.notes:
        body.heading("General notes", level=1)
        _notes(body, summary.notes, "List Bullet")
    body.heading("Recommendations", level=1)
    for group in summary.recommendations:
        body.heading(_t(group.session_title), level=2)
        for r in group.recommendations:
            paragraph = body.text(_t(wording.tagged(r)), "List Bullet")
            _by(paragraph, r)
    if not summary.recommendations:
        body.text("None recorded.")
    body.heading("Actions and decisions", level=1)
    for a in summary.actions:
        paragraph = body.paragraph("List Bullet")
        _run(paragraph, a.tag.capitalize(), "bold")
        _run(paragraph, _t(f" ({a.item_title}): {wording.tagged(a)}"))
        _by(paragraph, a)
    if not summary.actions:
        body.text("None recorded.")
    body.heading("Statistics", level=1)
    charts = draw_charts(summary.statistics)
    for table in statistics_tables(summary):
        _table(doc, body, table, width, charts.get(table.chart or ""))
    annex = annex_table(summary)
    widths, fits = column_widths(annex.header, annex.rows, width, TABLE_POINTS)
    if not fits:  # turned to landscape, where its words fit
        body.flush()
        set_up(doc.add_section(WD_SECTION.NEW_PAGE), paper, landscape=True)
        width = text_width_cm(paper, landscape=True)
        widths = None
    body.heading("Annex: the agenda as planned and as held", level=1)
    _table(doc, body, annex, width, widths=widths)
    body.flush()
    return _packed(doc, body)


class _Zip:
    """The package's zip, as python-docx writes it (`PhysPkgWriter`) but at deflate level 1:
    at 10x the summary's document.xml took 0.8 s to compress at level 6 and takes 0.2 s (the file
    a third larger); the parts inside are the same bytes. The document part gets its
    paragraphs as it is written (`_Body.spliced`)."""

    def __init__(self, out: IO[bytes], document: PackURI, body: _Body) -> None:
        self._zip = ZipFile(out, "w", compression=ZIP_DEFLATED, compresslevel=1)
        self._document, self._body = document, body

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        if pack_uri == self._document:
            blob = self._body.spliced(blob)
        self._zip.writestr(pack_uri.membername, blob)

    def close(self) -> None:
        self._zip.close()


def _packed(doc: DocumentType, body: _Body) -> bytes:
    """What `doc.save` writes, through `_Zip`."""
    package = doc.part.package
    for part in package.parts:
        part.before_marshal()
    out = io.BytesIO()
    writer = _Zip(out, doc.part.partname, body)
    PackageWriter._write_content_types_stream(writer, package.parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, package.parts)
    writer.close()
    return out.getvalue()


def _by(paragraph: list[str], note: TaggedNote) -> None:
    """Who made it, after the text: " — Türkiye" in italics."""
    who = wording.made_by(note)
    if who:
        _run(paragraph, " \u2014 ")
        _run(paragraph, _t(who), "italic")


def _labelled(body: _Body, label: str, value: str) -> None:
    paragraph = body.paragraph()
    _run(paragraph, f"{label}: ", "bold")
    _run(paragraph, _t(value))
