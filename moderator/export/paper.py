"""The paper the secretariat prints on: A4 by default (the OSCE's), US Letter if asked, with
page numbers; how the Word documents set it up (the PDF sets the same in its template)."""

from __future__ import annotations

from dataclasses import dataclass

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Emu


@dataclass(frozen=True)
class Paper:
    name: str  # as `--paper` and typst name it
    width_cm: float
    height_cm: float
    margin_cm: float = 2.5


A4 = Paper("a4", 21.0, 29.7)
LETTER = Paper("us-letter", 21.59, 27.94)
PAPERS = {"a4": A4, "letter": LETTER}


def text_width_cm(paper: Paper, *, landscape: bool = False) -> float:
    """The width between the margins."""
    return (paper.height_cm if landscape else paper.width_cm) - 2 * paper.margin_cm


def set_up(section: Section, paper: Paper, *, landscape: bool = False) -> None:
    """The section's paper, orientation and margins, and its page numbers centred below."""
    wide, tall = Cm(paper.width_cm), Cm(paper.height_cm)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (tall, wide) if landscape else (wide, tall)
    margin = Cm(paper.margin_cm)
    section.left_margin = section.right_margin = margin
    section.top_margin = section.bottom_margin = margin
    section.footer_distance = Emu(int(margin * 0.5))
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.text = ""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(paragraph)


def _page_field(paragraph) -> None:
    """Word's PAGE field: the page's own number, wherever the text flows."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"),
                       ("end", None)):
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = " PAGE "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)
