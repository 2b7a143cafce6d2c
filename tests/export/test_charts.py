"""Charts in the Word, HTML and PDF summaries: drawn from the statistics, each above its table."""

from __future__ import annotations

import base64
import io
import re
import subprocess
import sys
from dataclasses import replace

from docx import Document
from pypdf import PdfReader

from moderator.export import docx, html, pdf
from moderator.export.charts import _label, draw_charts
from moderator.export.tables import statistics_tables
from tests.export.hand_built import HOSTILE_NAME, hand_summary

PNG = b"\x89PNG\r\n\x1a\n"
CHARTED = ["Interventions per delegation", "Interventions per category",
           "Gender balance of panel speakers", "Schedule adherence"]


def test_every_chart_goes_with_a_table_of_the_same_figures() -> None:
    summary = hand_summary()
    charts = draw_charts(summary.statistics)
    assert sorted(charts) == ["adherence", "by_category", "by_delegation", "gender"]
    assert all(c.data.startswith(PNG) and len(c.data) > 5000 for c in charts.values())
    tables = {t.chart: t.title for t in statistics_tables(summary) if t.chart}
    assert [tables[k] for k in ("by_delegation", "by_category", "gender", "adherence")] == CHARTED


def test_word_has_each_chart_inline_above_its_table() -> None:
    doc = Document(io.BytesIO(docx.render(hand_summary())))
    assert len(doc.inline_shapes) == 4
    body = doc.element.body
    headings = {p.text: p for p in doc.paragraphs if p.style.name == "Heading 3"}
    for title in CHARTED:
        picture = headings[title]._p.getnext()  # the chart's paragraph, then the table
        assert picture.xpath(".//pic:pic"), title
        assert picture.getnext().tag.endswith("}tbl"), title
    descriptions = [d.get("descr") for d in body.xpath(".//wp:docPr")]
    assert descriptions[0] == "Speaking time by delegation"
    # Each picture's id is the document's own, as Word wants it: one more than any before it.
    ids = [int(d.get("id")) for d in body.xpath(".//wp:docPr")]
    assert ids == list(range(ids[0], ids[0] + 4)) and ids[0] > max(
        (int(i) for i in body.xpath("//@id") if i.isdigit() and int(i) not in ids), default=0)
    blobs = [doc.part.related_parts[r].blob for r in body.xpath(".//a:blip/@r:embed")]
    assert all(b.startswith(PNG) for b in blobs)


def test_html_embeds_each_chart_with_its_table() -> None:
    page = html.render(hand_summary()).decode("utf-8")
    figures = re.findall(r'<h3>([^<]+)</h3>\n<figure class="chart"><img src="data:image/png;base64,'
                         r'([A-Za-z0-9+/=]+)" alt="([^"]+)">\n<figcaption>[^<]+</figcaption></figure>\n<table>',
                         page)
    assert [f[0] for f in figures] == CHARTED
    assert all(base64.b64decode(f[1]).startswith(PNG) for f in figures)
    assert "http" not in "".join(f[1][:0] for f in figures) and 'src="http' not in page


def _figures(node: object) -> list[str]:
    """The alternative text of every Figure in a tagged PDF's structure tree, in order."""
    node = node.get_object()
    if isinstance(node, list):
        return [alt for kid in node for alt in _figures(kid)]
    if not isinstance(node, dict):
        return []
    own = [str(node["/Alt"])] if node.get("/S") == "/Figure" else []
    kids = node.get("/K")
    return own + (_figures(kids if isinstance(kids, list) else [kids]) if kids is not None else [])


def test_the_pdf_draws_each_chart_above_its_table_with_its_title_to_read_aloud() -> None:
    summary = hand_summary()
    reader = PdfReader(io.BytesIO(pdf.render_summary(summary)))
    charts = draw_charts(summary.statistics, "svg")
    titles = [charts[key].title for key in ("by_delegation", "by_category", "gender", "adherence")]
    assert _figures(reader.trailer["/Root"]["/StructTreeRoot"]) == titles
    assert b"pdfuaid" in reader.trailer["/Root"]["/Metadata"].get_data()  # still PDF/UA-1
    # Vector, each the same bytes for the same figures (no date, no random ids).
    assert all(c.data.startswith(b"<?xml") and b"<svg" in c.data for c in charts.values())
    again = draw_charts.__wrapped__(summary.statistics, "svg")
    assert {k: c.data for k, c in again.items()} == {k: c.data for k, c in charts.items()}
    # Each chart's heading comes before its picture and its table on the same page.
    pages = [page.extract_text() for page in reader.pages]
    shown = next(text for text in pages if "Interventions per category" in text)
    assert shown.index("Interventions per category") < shown.index("Participating State")


def test_names_are_text_in_charts_never_mathtext_or_control() -> None:
    summary = hand_summary()
    st = summary.statistics
    # As mathtext this label cannot be parsed (matplotlib would raise): it must stay text.
    hostile = replace(st.by_delegation[0], label="$\\nosuchcommand{x}$ \x1b[31m\u202eEvil")
    charts = draw_charts(replace(st, by_delegation=(hostile, *st.by_delegation[1:])))
    assert charts["by_delegation"].data.startswith(PNG)
    assert any(f.label == HOSTILE_NAME for f in st.by_delegation)  # charted as it is


def test_a_chart_label_marks_what_is_not_text_as_every_export_does() -> None:
    """U+FFFD where the name held a control or an override, as in the table beside the chart;
    the label is one line, cut with an ellipsis."""
    assert _label("\x1b[31m\u202eEvil\n\tname") == "\ufffd[31m\ufffdEvil name"
    assert _label("Türkiye \u200d\U0001f3f3\ufe0f") == "Türkiye \u200d\U0001f3f3\ufe0f"
    assert _label("x" * 50, 10) == "x" * 9 + "\u2026"


def test_the_consoles_never_import_matplotlib() -> None:
    code = ("import sys, moderator.cli, moderator.tui.app, moderator.tui.rapporteur_app, "
            "moderator.export.formats, moderator.export.docx, moderator.export.html; "
            "assert 'matplotlib' not in sys.modules, 'matplotlib imported'")
    subprocess.run([sys.executable, "-c", code], check=True)
