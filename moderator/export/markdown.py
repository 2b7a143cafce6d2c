"""The summary as Markdown: names and notes escaped so they never break a table or heading."""

from __future__ import annotations

from moderator.export import wording
from moderator.export.plain import plain_text
from moderator.export.summary import NoteLine, Summary, TaggedNote
from moderator.export.tables import annex_table, cover_rows, statistics_tables

# Every character that can start markup inline; backslash-escaping is valid for each.
# (Line-start markup such as "-" or "1." cannot occur: every line of text gets a prefix.)
SPECIAL = "\\`*_[]<>#|~&"  # the backslash first: the others' escapes are not escaped again


def _escaped(line: str) -> str:
    """`line` with a backslash before each markup character (a `str.replace` for each that
    occurs: a tenth of a regex's time, or of `str.translate`'s, on a note)."""
    for special in SPECIAL:
        if special in line:
            line = line.replace(special, "\\" + special)
    return line


def escape(text: str) -> str:
    """Plain text safe inline: markup characters escaped, line breaks as <br>."""
    text = plain_text(text)
    if "\n" not in text:  # one line (a newline is the only break `plain_text` leaves)
        return _escaped(text.strip())
    lines = [_escaped(line.strip()) for line in text.strip().splitlines()]
    return "<br>".join(line for line in lines if line) or ""


def heading_text(text: str) -> str:
    """A heading is one line: breaks become spaces."""
    return escape(" ".join(text.split()))


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(escape(c) or " " for c in cells) + " |"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return [_row(header), "|" + "|".join(" --- " for _ in header) + "|", *map(_row, rows), ""]


def _notes(notes: tuple[NoteLine, ...], indent: str) -> list[str]:
    return [f"{indent}- {escape(wording.note(n))}{' *(edited)*' if n.edited else ''}" for n in notes]


def _by(note: TaggedNote) -> str:
    who = wording.made_by(note)
    return f" \u2014 *{escape(who)}*" if who else ""


def render(summary: Summary) -> bytes:
    tz = summary.cover.timezone
    c = summary.cover
    out = [f"# {heading_text(c.title)}", ""]
    out += [f"- **{k}:** {escape(v)}" for k, v in cover_rows(summary) if v]
    out += [""]
    for s, items in wording.sessions(summary):
        out += [f"## {heading_text(s.title)}", ""]
        out += [
            f"- **Moderator:** {escape(s.moderator or wording.NOTHING)}",
            f"- **Rapporteur:** {escape(s.rapporteur or wording.NOTHING)}",
            f"- **Planned:** {wording.clock_time(s.planned_start, tz)}\u2013{wording.clock_time(s.planned_end, tz)}",
            f"- **Held:** {wording.held(s, tz)}",
            *(f"- **Sitting:** {escape(line)}" for line in wording.suspension_lines(s, tz)),
            "",
        ]
        for item in items:
            out += [f"### {heading_text(item.heading)}", ""]
            if not item.interventions and not item.notes:
                out += [f"*{escape(item.status.capitalize())}; no interventions recorded.*", ""]
            for x in item.interventions:
                mark = f" *({escape(x.marks)})*" if x.marks else ""
                out.append(f"{x.order}. {wording.clock_time(x.started_at, tz)} "
                           f"**{escape(wording.speaker_name(x))}**{mark} \u2014 {escape(wording.speaking_line(x))}")
                out += _notes(x.notes, "    ")
            if item.interventions:
                out.append("")
            if wording.not_heard(item):
                out += [f"*Scheduled, did not speak:* {escape(wording.not_heard_line(item))}", ""]
            if item.notes:
                out += ["**Notes on the item:**", "", *_notes(item.notes, ""), ""]
            if item.documents:
                out += [f"**Documents:** {escape(', '.join(item.documents))}", ""]
            for decision in item.decisions:
                out += [f"{escape(line)}" for line in wording.decision_lines(decision, summary)] + [""]
    if summary.notes:
        out += ["## General notes", "", *_notes(summary.notes, ""), ""]
    out += ["## Recommendations", ""]
    for group in summary.recommendations:
        out += [f"### {heading_text(group.session_title)}", ""]
        out += [f"- {escape(wording.tagged(r))}{_by(r)}" for r in group.recommendations] + [""]
    if not summary.recommendations:
        out += ["*None recorded.*", ""]
    out += ["## Actions and decisions", ""]
    out += [f"- **{a.tag.capitalize()}** ({escape(a.item_title)}): {escape(wording.tagged(a))}{_by(a)}"
            for a in summary.actions]
    out += [""] if summary.actions else ["*None recorded.*", ""]
    out += ["## Statistics", ""]
    for table in statistics_tables(summary):
        out += [f"### {heading_text(table.title)}", "", *_table(table.header, table.rows)]
    out += ["## Annex: the agenda as planned and as held", ""]
    annex = annex_table(summary)
    out += _table(annex.header, annex.rows)
    return _text_of(out).encode("utf-8")


def _text_of(lines: list[str]) -> str:
    """The lines joined, without trailing blanks, ending with one newline: as
    `"\n".join(lines).rstrip() + "\n"`, without copying the whole text twice more."""
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        return "\n"
    lines[-1] = lines[-1].rstrip()
    lines.append("")
    return "\n".join(lines)
