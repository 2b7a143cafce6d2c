"""The summary as one self-contained HTML file: inline CSS, prints cleanly, all text escaped."""

from __future__ import annotations

import base64
from html import escape

from moderator.export import wording
from moderator.export.charts import Chart, draw_charts
from moderator.export.plain import plain_text
from moderator.export.summary import NoteLine, Summary, TaggedNote
from moderator.export.tables import Table, annex_table, cover_rows, statistics_tables

_CSS = """
body { font-family: "Segoe UI", Arial, sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; color: #111; line-height: 1.4; overflow-wrap: anywhere; }
h1 { font-size: 1.8rem; border-bottom: 2px solid #333; padding-bottom: .3rem; }
h2 { font-size: 1.4rem; margin-top: 2rem; border-bottom: 1px solid #999; }
h3 { font-size: 1.1rem; margin-top: 1.2rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid #999; padding: .2rem .4rem; text-align: left; vertical-align: top; }
th { background: #eee; }
tr.total td { font-weight: bold; }
.mark, .by { font-style: italic; color: #555; }
.at { color: #555; font-variant-numeric: tabular-nums; }
.note { white-space: pre-wrap; }
figure.chart { margin: .5rem 0; }
figure.chart img { max-width: 100%; height: auto; }
figure.chart figcaption { font-size: .85rem; color: #555; }
.meta dt { font-weight: bold; float: left; clear: left; width: 9rem; }
.meta dd { margin-left: 9.5rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; color: #000; }
  h1, h2, h3 { page-break-after: avoid; break-after: avoid; }
  h2.session { page-break-before: always; break-before: page; }
  table, li { page-break-inside: avoid; break-inside: avoid; }
  th { background: none; }
}
"""


def _e(text: object) -> str:
    return escape(plain_text(text), quote=True)


def _notes(notes: tuple[NoteLine, ...]) -> list[str]:
    if not notes:
        return []
    items = [f'<li class="note">{_e(wording.note(n))}{" <em>(edited)</em>" if n.edited else ""}</li>' for n in notes]
    return ["<ul>", *items, "</ul>"]


def _figure(chart: Chart) -> list[str]:
    data = base64.b64encode(chart.data).decode("ascii")
    return [f'<figure class="chart"><img src="data:image/png;base64,{data}" alt="{_e(chart.title)}">',
            f"<figcaption>{_e(chart.title)}</figcaption></figure>"]


def _table(table: Table, chart: Chart | None = None) -> list[str]:
    out = [f"<h3>{_e(table.title)}</h3>", *(_figure(chart) if chart else []), "<table>", "<thead><tr>"]
    out += [f"<th>{_e(h)}</th>" for h in table.header] + ["</tr></thead>", "<tbody>"]
    for row in table.rows:
        css = ' class="total"' if row and row[0] == "Total" else ""
        out.append(f"<tr{css}>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>")
    return out + ["</tbody>", "</table>"]


def _by(note: TaggedNote) -> str:
    who = wording.made_by(note)
    return f' <span class="by">\u2014 {_e(who)}</span>' if who else ""


def render(summary: Summary) -> bytes:
    c, tz = summary.cover, summary.cover.timezone
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_e(c.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(c.title)}</h1>",
        '<dl class="meta">',
    ]
    cover = cover_rows(summary)
    out += [f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in cover if v] + ["</dl>"]
    for s, items in wording.sessions(summary):
        out += [
            f'<h2 class="session" id="session-{_e(s.id)}">{_e(s.title)}</h2>',
            '<dl class="meta">',
            f"<dt>Moderator</dt><dd>{_e(s.moderator or wording.NOTHING)}</dd>",
            f"<dt>Rapporteur</dt><dd>{_e(s.rapporteur or wording.NOTHING)}</dd>",
            f"<dt>Planned</dt><dd>{_e(wording.clock_time(s.planned_start, tz))}\u2013"
            f"{_e(wording.clock_time(s.planned_end, tz))}</dd>",
            f"<dt>Held</dt><dd>{_e(wording.held(s, tz))}</dd>",
            *(f"<dt>Sitting</dt><dd>{_e(line)}</dd>" for line in wording.suspension_lines(s, tz)),
            "</dl>",
        ]
        for item in items:
            out.append(f'<h3 id="item-{_e(item.id)}">{_e(item.heading)}</h3>')
            if not item.interventions and not item.notes:
                out.append(f"<p><em>{_e(item.status.capitalize())}; no interventions recorded.</em></p>")
            if item.interventions:
                out.append('<ol class="speakers">')
                for x in item.interventions:
                    mark = f' <span class="mark">({_e(x.marks)})</span>' if x.marks else ""
                    out.append(
                        f'<li><span class="at">{_e(wording.clock_time(x.started_at, tz))}</span> '
                        f'<strong class="speaker">{_e(wording.speaker_name(x))}</strong>{mark} \u2014 '
                        f'<span class="time">{_e(wording.speaking_line(x))}</span>'
                    )
                    out += _notes(x.notes) + ["</li>"]
                out.append("</ol>")
            if wording.not_heard(item):
                out.append(f"<p><em>Scheduled, did not speak:</em> {_e(wording.not_heard_line(item))}</p>")
            if item.notes:
                out += ["<p><strong>Notes on the item:</strong></p>", *_notes(item.notes)]
            if item.documents:
                out.append(f"<p><strong>Documents:</strong> {_e(', '.join(item.documents))}</p>")
            for decision in item.decisions:
                out += [f'<p class="decision">{_e(line)}</p>' for line in wording.decision_lines(decision, summary)]
    if summary.notes:
        out += ['<h2 class="session">General notes</h2>', *_notes(summary.notes)]
    out.append('<h2 class="session" id="recommendations">Recommendations</h2>')
    for group in summary.recommendations:
        out += [f"<h3>{_e(group.session_title)}</h3>", "<ul>"]
        out += [f'<li><span class="note">{_e(wording.tagged(r))}</span>{_by(r)}</li>'
                for r in group.recommendations] + ["</ul>"]
    if not summary.recommendations:
        out.append("<p><em>None recorded.</em></p>")
    out.append('<h2 id="actions">Actions and decisions</h2>')
    if summary.actions:
        out.append("<ul>")
        out += [
            f'<li><strong>{_e(a.tag.capitalize())}</strong> ({_e(a.item_title)}): '
            f'<span class="note">{_e(wording.tagged(a))}</span>{_by(a)}</li>'
            for a in summary.actions
        ]
        out.append("</ul>")
    else:
        out.append("<p><em>None recorded.</em></p>")
    out.append('<h2 class="session" id="statistics">Statistics</h2>')
    charts = draw_charts(summary.statistics)
    for table in statistics_tables(summary):
        out += _table(table, charts.get(table.chart or ""))
    out.append('<h2 class="session" id="annex">Annex: the agenda as planned and as held</h2>')
    out += _table(annex_table(summary))
    out += ["</body>", "</html>", ""]  # (the last: the file's final newline, joined once)
    return "\n".join(out).encode("utf-8")
