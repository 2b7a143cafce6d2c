"""The Word export writes its paragraphs as XML text, put into the file as it is written: the
text is what lxml writes for the tree python-docx's own API makes, character for character
(hence the same file)."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.opc.oxml import serialize_part_xml
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from moderator.export.docx import _Body, _packed, _run, _t
from moderator.export.docx import render as docx_render
from moderator.export.source import ExportError
from tests.export.hand_built import hand_summary

STYLES = (None, "List Bullet", "List Bullet 2", "Heading 2")
MARKS = (None, "bold", "italic")
# Whatever a note or a name may hold: markup's characters, blanks at either end, tabs and
# line breaks (python-docx's own elements), controls and non-characters (dropped by `_t`); no
# lone surrogate, which the core refuses.
TEXT = st.text(st.sampled_from(list("ab é&<>\"'\t\n\r\x01\x0b\ufffe;")) | st.characters(exclude_categories=("Cs",)),
               max_size=12)
RUNS = st.lists(st.tuples(TEXT, st.sampled_from(MARKS)), max_size=4)


@settings(max_examples=300, deadline=None)
@given(paragraphs=st.lists(st.tuples(st.sampled_from(STYLES), RUNS), max_size=8))
def test_paragraphs_written_as_text_are_python_docx_s_own(paragraphs) -> None:
    ours, theirs = Document(), Document()
    body = _Body(ours)
    for style, runs in paragraphs:
        mine = body.paragraph(style)
        made = theirs.add_paragraph(style=style)
        for text, mark in runs:
            text = _t(text)
            _run(mine, text, mark)
            run = made.add_run(text)
            if mark is not None:
                setattr(run, mark, True)
    body.flush()
    assert body.spliced(serialize_part_xml(ours.element)) == serialize_part_xml(theirs.element)


def test_the_package_holds_the_parts_python_docx_saves_at_a_faster_deflate() -> None:
    # A document with every kind of part the summary has: pictures, a footer, numbering.
    doc = Document(io.BytesIO(docx_render(hand_summary())))
    saved = io.BytesIO()
    doc.save(saved)
    theirs, ours = zipfile.ZipFile(saved), zipfile.ZipFile(io.BytesIO(_packed(doc, _Body(doc))))
    assert [m.filename for m in ours.infolist()] == [m.filename for m in theirs.infolist()]
    assert any(name.startswith("word/media/") for name in ours.namelist())
    for member in ours.infolist():
        assert ours.read(member) == theirs.read(member.filename), member.filename
        assert member.compress_type == zipfile.ZIP_DEFLATED
    assert ours.testzip() is None


def test_the_document_part_is_what_lxml_writes_for_it() -> None:
    """The paragraphs' text stands where each run of them was placed (between the tables and
    the pictures): read back and written again by lxml, the part is the same bytes."""
    data = docx_render(hand_summary())
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    assert b"<!--" not in xml
    assert serialize_part_xml(etree.fromstring(xml)) == xml
    body = etree.fromstring(xml).find("{*}body")
    kinds = [etree.QName(child).localname for child in body]
    assert kinds.count("tbl") >= 2 and kinds[-1] == "sectPr"
    assert kinds.index("tbl") > 10 and kinds[kinds.index("tbl") + 1] in ("p", "tbl")


def test_paragraphs_are_spliced_only_where_they_were_placed() -> None:
    doc = Document()
    body = _Body(doc)
    _run(body.paragraph(), "one")
    body.flush()
    xml = serialize_part_xml(doc.element)
    with pytest.raises(ExportError, match="not where they were placed"):
        body.spliced(xml.replace(b"<!--moderator: paragraphs-->", b""))
