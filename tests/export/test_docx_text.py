"""The Word export writes its paragraphs as XML text, parsed into the body at once: the tree is
the one python-docx's own API makes, character for character (hence the same file)."""

from __future__ import annotations

import io
import zipfile

from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from moderator.export.docx import _Body, _packed, _run, _t
from moderator.export.docx import render as docx_render
from tests.export.hand_built import hand_summary

STYLES = (None, "List Bullet", "List Bullet 2", "Heading 2")
MARKS = (None, "bold", "italic")
# Whatever a note or a name may hold: markup's characters, blanks at either end, tabs and
# line breaks (python-docx's own elements), controls and non-characters (dropped by `_t`); no
# lone surrogate, which the core refuses.
TEXT = st.text(st.sampled_from(list("ab é&<>\"'\t\n\r\x01\x0b\ufffe;")) | st.characters(exclude_categories=("Cs",)),
               max_size=12)
RUNS = st.lists(st.tuples(TEXT, st.sampled_from(MARKS)), max_size=4)


@settings(max_examples=100, deadline=None)
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
    assert etree.tostring(ours.element.body) == etree.tostring(theirs.element.body)


def test_the_package_holds_the_parts_python_docx_saves_at_a_faster_deflate() -> None:
    # A document with every kind of part the summary has: pictures, a footer, numbering.
    doc = Document(io.BytesIO(docx_render(hand_summary())))
    saved = io.BytesIO()
    doc.save(saved)
    theirs, ours = zipfile.ZipFile(saved), zipfile.ZipFile(io.BytesIO(_packed(doc)))
    assert [m.filename for m in ours.infolist()] == [m.filename for m in theirs.infolist()]
    assert any(name.startswith("word/media/") for name in ours.namelist())
    for member in ours.infolist():
        assert ours.read(member) == theirs.read(member.filename), member.filename
        assert member.compress_type == zipfile.ZIP_DEFLATED
    assert ours.testzip() is None
