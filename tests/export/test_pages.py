"""The summary and the journal on paper: Word and PDF pages as the secretariat prints them.

A meeting in which every delegation and every speaker of the bundled roster takes the floor
(so its names fill the statistics), written as Word and PDF: A4 (or Letter), numbered pages,
the PDF tagged with its fonts embedded, and no word of a name broken inside a table cell,
computed from the columns' widths and checked again on the pages LibreOffice renders.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from pypdf import PdfReader

from moderator.core import FakeClock, Meeting
from moderator.core.model import InterventionKind as K
from moderator.export import docx as docx_export
from moderator.export import pdf
from moderator.export.build import build_summary
from moderator.export.column_widths import CELL_PADDING_CM, text_width_cm
from moderator.export.journal import Paragraph, Style, build_journal
from moderator.export.paper import LETTER
from tests.export.scripted import load_seminar

SOFFICE = shutil.which("soffice")
PDFTOPPM = shutil.which("pdftoppm")
CM_PER_TWIP = 2.54 / 1440


@pytest.fixture(scope="module")
def everyone():
    """The bundled seminar's first items, in which every roster entry speaks once."""
    agenda, roster = load_seminar()
    clock = FakeClock(datetime(2026, 12, 10, 8, 30, tzinfo=UTC))
    m = Meeting(agenda, roster, clock)
    m.record(m.start_item("s1-discussion"))
    for ref in [*roster.delegations, *roster.speakers]:
        m.record(m.request_floor(ref, K.STATEMENT))
        m.record(m.give_floor())
        clock.advance(61)
    m.record(m.finish_item())
    return build_summary([m], clock), roster


def _names(roster) -> list[str]:
    return [d.name for d in roster.delegations.values()] + [s.name for s in roster.speakers.values()]


def test_no_table_cell_breaks_a_word_of_the_rosters_names_at_a4(everyone) -> None:
    """Each column of every Word table is wider than each word in it (measured with wider
    metrics than the fonts Word and LibreOffice use), on an A4 page."""
    summary, roster = everyone
    doc = Document(io.BytesIO(docx_export.render(summary)))
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    tables = doc.tables
    per_delegation = tables[0]
    # The Chairpersonship's representative has a row of its own, not the chair's.
    assert "OSCE Chairpersonship" in {row.cells[0].text for row in per_delegation.rows}
    for table in tables:
        grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
        widths = [int(col.get(qn("w:w"))) * CM_PER_TWIP for col in grid]
        for n, row in enumerate(table.rows):
            for width, cell in zip(widths, row.cells, strict=True):
                for word in cell.text.split():
                    need = text_width_cm(word, docx_export.TABLE_POINTS, bold=n == 0)
                    assert need + CELL_PADDING_CM <= width + 0.01, (word, width)
    rows = {row.cells[0].text.removesuffix(" (Partner for Co-operation)")
            for row in per_delegation.rows}
    assert {d.name for d in roster.delegations.values()} <= rows  # every name was measured
    usable = section.page_width.cm - section.left_margin.cm - section.right_margin.cm
    assert all(sum(c.width.cm for c in t.rows[0].cells) <= usable + 0.05 for t in tables[:-1])


def test_letter_paper_when_asked(everyone) -> None:
    summary, _ = everyone
    section = Document(io.BytesIO(docx_export.render(summary, LETTER))).sections[0]
    assert (round(section.page_width.inches, 2), round(section.page_height.inches, 2)) == (8.5, 11.0)
    reader = PdfReader(io.BytesIO(pdf.render_summary(summary, LETTER)))
    assert [round(float(x)) for x in reader.pages[0].mediabox[2:]] == [612, 792]


def test_the_annex_turns_the_page_when_it_must(everyone) -> None:
    summary, _ = everyone
    doc = Document(io.BytesIO(docx_export.render(summary)))
    assert doc.sections[-1].orientation == WD_ORIENT.LANDSCAPE  # the 7-column annex
    assert doc.sections[0].orientation == WD_ORIENT.PORTRAIT


def test_the_pdf_is_tagged_a4_numbered_with_its_fonts_embedded(everyone) -> None:
    summary, roster = everyone
    reader = PdfReader(io.BytesIO(pdf.render_summary(summary)))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]  # tagged
    assert root["/Lang"] == "en"
    assert b"pdfuaid" in root["/Metadata"].get_data()  # PDF/UA-1 claimed (typst checks it)
    assert [round(float(x)) for x in reader.pages[0].mediabox[2:]] == [595, 842]
    texts = [page.extract_text() for page in reader.pages]
    assert [t.split()[-1] for t in texts] == [str(n) for n in range(1, len(texts) + 1)]
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font
    flat = re.sub(r"\s+", "", "".join(texts))
    assert all(re.sub(r"\s+", "", name) in flat for name in _names(roster))


def _mapped(data: bytes) -> set[str]:
    """Every character the PDF's fonts draw (their ToUnicode maps): a character no embedded
    font has is drawn as nothing and is not there."""
    found: set[str] = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            cmap = font.get_object()["/ToUnicode"].get_data().decode("latin-1")
            for hexes in re.findall(r"<[0-9A-Fa-f]+>\s*<([0-9A-Fa-f]+)>", cmap):
                found.add(bytes.fromhex(hexes).decode("utf-16-be"))
    return found


def test_the_fonts_draw_every_letter_of_the_states_names_and_cyrillic(everyone) -> None:
    """Every letter of the 57 States' names in the roster and their own spellings (the
    aliases: Azərbaycan, Türkiye, Österreich, ...), and Cyrillic."""
    summary, roster = everyone
    names = [*_names(roster), *(a for d in roster.delegations.values() for a in d.aliases),
             "Российская Федерация", "Україна", "Қазақстан", "Ђорђе Čačak Łódź Ţară Ğ İ Ş Ő Ű Ů"]
    journal = build_journal(summary)
    data = pdf.render_journal(replace(journal, paragraphs=(
        *journal.paragraphs, *(Paragraph(Style.TEXT, n) for n in names))))
    missing = {c for n in names for c in n if not c.isspace()} - _mapped(data)
    assert not missing, sorted(missing)


@pytest.mark.skipif(not (SOFFICE and PDFTOPPM), reason="LibreOffice (soffice) or pdftoppm is "
                    "not installed: the Word file cannot be rendered to pages here")
def test_word_and_pdf_render_to_pages_with_every_name_whole(everyone, tmp_path: Path) -> None:
    """LibreOffice lays the Word summary out on A4 pages; every word of every name is on one
    line of its page (a word broken in a cell would be two pieces); both files make PNGs."""
    summary, roster = everyone
    (tmp_path / "summary.docx").write_bytes(docx_export.render(summary))
    (tmp_path / "summary.pdf").write_bytes(pdf.render_summary(summary))
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path / "word"),
                    str(tmp_path / "summary.docx")], check=True, capture_output=True, timeout=180)
    rendered = PdfReader(str(tmp_path / "word" / "summary.pdf"))
    assert [round(float(x)) for x in rendered.pages[0].mediabox[2:]] == [595, 842]
    # A line may end after a hyphen ("co-" / "ordinator's"), never inside a word's letters.
    pieces = {piece.strip(",;()") for page in rendered.pages
              for line in page.extract_text().splitlines()
              for word in line.split() for piece in word.split("-")}
    for name in _names(roster):
        for piece in name.replace("-", " ").split():
            assert piece.strip(",;()") in pieces, (name, piece)
    for source in ("word/summary", "summary"):
        subprocess.run([PDFTOPPM, "-r", "40", "-png", "-f", "1", "-l", "2",
                        str(tmp_path / f"{source}.pdf"), str(tmp_path / source.replace("/", "-"))],
                       check=True, timeout=60)
    assert len(list(tmp_path.glob("*.png"))) == 4
