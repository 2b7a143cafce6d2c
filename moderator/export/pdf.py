"""The summary and the journal as PDF: typst, from PyPI alone.

Why typst: its Python package carries the compiler and the fonts (Libertinus Serif: every
Latin letter of the participating States' names and Cyrillic), so `make run` stays two
commands on a machine with only python3 (no Pango, no LaTeX); it writes tagged PDF and checks
PDF/UA-1, embeds the fonts it uses, and lays out hundreds of pages in about a second.
ReportLab, the other candidate, tags PDF only in its commercial edition and brings no font
with Cyrillic.

The layout is a typst template beside this file; the text goes to it as JSON data
(`sys.inputs`), never as markup, so a name or a note cannot change the document. Only the
fonts inside the packages are used (none of the computer's), so the PDF is the same
everywhere: typst's own, then matplotlib's DejaVu for the scripts Libertinus lacks (Georgian,
Armenian). A character no font has (a note in Chinese) cannot be drawn, which PDF/UA forbids
(as it forbids text it cannot map back to a character): such a PDF is written tagged, without
the PDF/UA claim, the character left blank.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from importlib.util import find_spec
from pathlib import Path

import typst

from moderator.export import wording
from moderator.export.charts import draw_charts
from moderator.export.column_widths import column_widths
from moderator.export.journal import Journal
from moderator.export.paper import A4, Paper, text_width_cm
from moderator.export.plain import plain_text
from moderator.export.source import ExportError
from moderator.export.summary import NoteLine, Summary, TaggedNote
from moderator.export.tables import Table, annex_table, cover_rows, statistics_tables

STANDARD = "ua-1"  # PDF/UA-1: tagged for screen readers, title and language declared
TABLE_POINTS = 9


# matplotlib's fonts, found without importing it (half a second).
DEJAVU = Path(find_spec("matplotlib").submodule_search_locations[0]) / "mpl-data" / "fonts" / "ttf"


@cache
def _compiler() -> typst.Compiler:
    return typst.Compiler(ignore_system_fonts=True, font_paths=[str(DEJAVU)])


@cache
def _template(name: str) -> bytes:
    return (files("moderator.export") / "typst" / f"{name}.typ").read_bytes()


def typeset(template: str, document: dict, pictures: dict[str, str] | None = None) -> bytes:
    """The PDF of `template` (typst/<template>.typ) laid out from `document`, JSON data, and
    `pictures`: SVG documents by name (`sys.inputs.at("picture-" + name)` in the template)."""
    inputs = {"doc": json.dumps(document, ensure_ascii=False)}
    inputs |= {f"picture-{name}": svg for name, svg in (pictures or {}).items()}
    try:
        try:
            return _compiler().compile(input=_template(template), format="pdf",
                                       sys_inputs=inputs, pdf_standards=[STANDARD])
        except typst.TypstError as error:
            if "PDF/UA" not in str(error):  # text PDF/UA cannot hold: a glyph, a code point
                raise
            return _compiler().compile(input=_template(template), format="pdf",
                                       sys_inputs=inputs)
    except RuntimeError as error:  # typst.TypstError: the layout could not be made
        raise ExportError(f"the PDF could not be laid out: {error}") from error


def _t(text: object) -> str:
    return plain_text(text)


def _table(table: Table, paper: Paper) -> dict:
    width = text_width_cm(paper)
    widths, fits = column_widths(table.header, table.rows, width, TABLE_POINTS)
    if not fits:
        widths, _ = column_widths(table.header, table.rows,
                                  text_width_cm(paper, landscape=True), TABLE_POINTS)
    return {"header": [_t(h) for h in table.header], "rows": [[_t(c) for c in r] for r in table.rows],
            "widths": widths, "landscape": not fits}


def _notes(notes: tuple[NoteLine, ...]) -> list[list]:
    return [["n", _t(wording.note(n)), n.edited] for n in notes]


def _tagged(note: TaggedNote, text: str) -> list:
    return ["b", _t(text), _t(wording.made_by(note))]


def render_summary(summary: Summary, paper: Paper = A4) -> bytes:
    """The summary as a tagged PDF (A4 or `paper`, numbered pages, fonts embedded)."""
    c, tz = summary.cover, summary.cover.timezone
    blocks: list[list] = [["h", 1, _t(c.title)]]
    blocks += [["f", label, _t(value)] for label, value in cover_rows(summary) if value]
    for s, items in wording.sessions(summary):
        blocks.append(["h", 2, _t(s.title)])
        blocks += [["f", "Moderator", _t(s.moderator or wording.NOTHING)],
                   ["f", "Rapporteur", _t(s.rapporteur or wording.NOTHING)],
                   ["f", "Planned", f"{wording.clock_time(s.planned_start, tz)}\u2013"
                                    f"{wording.clock_time(s.planned_end, tz)}"],
                   ["f", "Held", wording.held(s, tz)]]
        blocks += [["f", "Sitting", line] for line in wording.suspension_lines(s, tz)]
        for item in items:
            blocks.append(["h", 3, _t(item.heading)])
            if not item.interventions and not item.notes:
                blocks.append(["i", f"{item.status.capitalize()}; no interventions recorded."])
            for x in item.interventions:
                blocks.append(["x", f"{x.order}. {wording.clock_time(x.started_at, tz)}",
                               _t(wording.speaker_name(x)), x.marks or "",
                               wording.speaking_line(x)])
                blocks += _notes(x.notes)
            if wording.not_heard(item):
                blocks.append(["f", "Scheduled, did not speak", _t(wording.not_heard_line(item))])
            if item.notes:
                blocks.append(["f", "Notes on the item", ""])
                blocks += _notes(item.notes)
            if item.documents:
                blocks.append(["f", "Documents", _t(", ".join(item.documents))])
            for decision in item.decisions:
                blocks += [["p", _t(line)] for line in wording.decision_lines(decision, summary)]
    if summary.notes:
        blocks += [["h", 2, "General notes"], *_notes(summary.notes)]
    blocks.append(["h", 2, "Recommendations"])
    for group in summary.recommendations:
        blocks.append(["h", 3, _t(group.session_title)])
        blocks += [_tagged(r, wording.tagged(r)) for r in group.recommendations]
    if not summary.recommendations:
        blocks.append(["i", "None recorded."])
    blocks.append(["h", 2, "Actions and decisions"])
    blocks += [_tagged(a, f"{a.tag.capitalize()} ({a.item_title}): {wording.tagged(a)}")
               for a in summary.actions]
    if not summary.actions:
        blocks.append(["i", "None recorded."])
    blocks.append(["h", 2, "Statistics"])
    # Each chart above the table of its figures, as in Word and HTML: drawn as SVG (vector,
    # sharp at any zoom), its title as the alternative text a screen reader says.
    charts = draw_charts(summary.statistics, "svg")
    for table in statistics_tables(summary):
        chart = charts.get(table.chart or "")
        shown = [chart.key, _t(chart.title)] if chart else None
        blocks.append(["t", _t(table.title), _table(table, paper), shown])
    blocks.append(["annex", "Annex: the agenda as planned and as held",
                   _table(annex_table(summary), paper)])
    return typeset("summary", {"title": _t(c.title), "paper": paper.name, "blocks": blocks},
                   {chart.key: chart.data.decode("utf-8") for chart in charts.values()})


def render_journal(journal: Journal, paper: Paper = A4) -> bytes:
    """The journal as a tagged PDF, laid out as the Council journals are (see journal.typ)."""
    paragraphs = [[p.style.value, _t(p.label), " ".join(_t(p.text).split())]
                  for p in journal.paragraphs]
    return typeset("journal", {"title": _t(journal.title), "paper": paper.name,
                                "paragraphs": paragraphs})
