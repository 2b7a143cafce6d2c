"""The journal's paragraphs laid out as the OSCE Council journals are: Word, Markdown, HTML."""

from __future__ import annotations

import io
import re
from html import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from moderator.export.journal import Journal, Paragraph, Style
from moderator.export.markdown import escape as md_escape
from moderator.export.paper import A4, Paper, set_up
from moderator.export.plain import plain_text

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Styles laid out under a number or a label, indented in the journal's way.
_INDENTED = {Style.TIME, Style.CHAIRPERSON, Style.AGENDA_ITEM, Style.SUBITEM, Style.SPEAKERS,
             Style.DECISION, Style.STATEMENTS, Style.TEXT}


def _one_line(text: str) -> str:
    return " ".join(plain_text(text).split())


# -- Markdown -----------------------------------------------------------------------------


def _md(p: Paragraph) -> str:
    text = md_escape(_one_line(p.text))
    label = md_escape(p.label).replace(".", "\\.", 1) if p.style is Style.NUMBERED else md_escape(p.label)
    if p.style in (Style.ORGANIZATION, Style.TITLE):
        return f"**{text}**"
    if p.style is Style.AGENDA_ITEM:
        return f"**{label} {text}**"
    if p.style in (Style.TIME, Style.DECISION, Style.ORIGINAL, Style.CHAIRMANSHIP):
        return f"{label} {text}"
    return f"{label} {text}" if label else text


def render_markdown(journal: Journal) -> bytes:
    """One paragraph per line, blank lines between (a journal has no lists and no tables)."""
    return ("\n\n".join(_md(p) for p in journal.paragraphs) + "\n").encode("utf-8")


# -- HTML ---------------------------------------------------------------------------------

_CSS = """
body { font-family: "Times New Roman", Times, serif; font-size: 12pt; max-width: 42rem;
       margin: 2rem auto; padding: 0 1rem; color: #000; line-height: 1.35; }
p { margin: 0 0 .9em; }
.symbol, .issued { text-align: right; margin: 0; }
.symbol { font-weight: bold; }
.original { text-align: right; margin-top: .4em; }
.organization { text-align: center; font-weight: bold; margin-top: 1.5em; }
.body { text-align: center; }
.chairmanship { margin-top: 1.2em; }
.title { text-align: center; font-weight: bold; margin: 1.5em 0; }
.numbered, .time, .agenda-item, .subitem, .decision { display: flex; }
.label { flex: 0 0 auto; min-width: 2.5em; padding-right: .5em; }
.numbered .label { min-width: 2.5em; }
.time { margin: 0 0 .2em 2.5em; }
.time .label { min-width: 6em; }
.agenda-item { margin-left: 2.5em; text-decoration: underline; }
.agenda-item .label { min-width: 7em; }
.subitem { margin-left: 5em; }
.speakers, .statements, .text { margin-left: 5em; }
.chairperson { margin-left: 9.2em; }
.decision { margin-left: 5em; }
.decision .label { min-width: 5em; }
@media print { body { margin: 0; max-width: none; } }
"""


def _html(p: Paragraph) -> str:
    css = p.style.value
    text = escape(_one_line(p.text), quote=True)
    if p.label:
        label = escape(plain_text(p.label), quote=True)
        return f'<p class="{css}"><span class="label">{label}</span><span>{text}</span></p>'
    return f'<p class="{css}">{text}</p>'


def render_html(journal: Journal) -> bytes:
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f"<title>{escape(plain_text(journal.title), quote=True)}</title>", f"<style>{_CSS}</style>",
           "</head>", "<body>", *(_html(p) for p in journal.paragraphs), "</body>", "</html>"]
    return ("\n".join(out) + "\n").encode("utf-8")


# -- Word ---------------------------------------------------------------------------------


def _t(text: str) -> str:
    return _NOT_XML.sub("", _one_line(text))


def render_docx(journal: Journal, paper: Paper = A4) -> bytes:
    """A Word journal: Times New Roman 12, the header right-aligned, hanging indents with a tab
    between the number or label and the text, as the Council journals are set; A4 (or
    `paper`) with the page numbers below."""
    doc = Document()
    set_up(doc.sections[0], paper)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    normal.paragraph_format.space_after = Pt(10)
    doc.core_properties.title = _t(journal.title)
    doc.core_properties.subject = "Journal"
    indents = {  # (left, hanging) in cm
        Style.NUMBERED: (1.25, 1.25), Style.TIME: (4.5, 2.5), Style.CHAIRPERSON: (3.85, 0),
        Style.AGENDA_ITEM: (4.5, 3.25),
        Style.SUBITEM: (2.5, 1.25), Style.SPEAKERS: (1.25, 0), Style.DECISION: (1.25, 0),
        Style.STATEMENTS: (1.25, 0), Style.TEXT: (1.25, 0),
    }
    paragraphs = journal.paragraphs
    for index, p in enumerate(paragraphs):
        paragraph = doc.add_paragraph()
        fmt = paragraph.paragraph_format
        if p.style in (Style.SYMBOL, Style.ISSUED, Style.ORIGINAL):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            fmt.space_after = Pt(0) if p.style is not Style.ORIGINAL else Pt(18)
        elif p.style in (Style.ORGANIZATION, Style.BODY, Style.TITLE):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if p.style is Style.TITLE:
                fmt.space_before, fmt.space_after = Pt(18), Pt(18)
        following = paragraphs[index + 1].style if index + 1 < len(paragraphs) else None
        if p.style in (Style.TIME, Style.NUMBERED, Style.CHAIRPERSON) and following in (
                Style.TIME, Style.CHAIRPERSON):
            fmt.space_after = Pt(0)  # the times as one block
        if p.style in (Style.SPEAKERS, Style.DECISION, Style.STATEMENTS, Style.SUBITEM):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if p.style in indents:
            left, hanging = indents[p.style]
            fmt.left_indent, fmt.first_line_indent = Cm(left), Cm(-hanging)
            if hanging:
                fmt.tab_stops.add_tab_stop(Cm(left))
        bold = p.style in (Style.SYMBOL, Style.ORGANIZATION, Style.TITLE)
        if p.label:
            label = paragraph.add_run(_t(p.label))
            label.bold = bold
            label.underline = p.style is Style.AGENDA_ITEM
            paragraph.add_run("\t" if p.style in indents and indents[p.style][1] else " ")
        elif p.style in indents and indents[p.style][1]:
            fmt.first_line_indent = Cm(0)  # an unlettered sub-item: no label to hang
        run = paragraph.add_run(_t(p.text))
        run.bold = bold
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


RENDERERS = {"docx": render_docx, "md": render_markdown, "html": render_html}  # pdf: pdf.py
