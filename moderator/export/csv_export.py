"""The speaking log as CSV, one row per intervention, safe to open in a spreadsheet."""

from __future__ import annotations

from moderator.export import wording
from moderator.export.plain import defuse, spreadsheet_cell
from moderator.export.summary import Summary

COLUMNS = [
    "session_id", "session", "item_id", "item", "order", "speaker", "who", "kind",
    "delegation", "category", "gender", "scheduled", "started_at", "ended_at",
    "allotted_seconds", "speaking_seconds", "overtime_seconds", "notes", "documents",
]

_QUOTED = ('"', ",", "\r", "\n")  # what makes a cell quoted (the separator, quote, line ends)


def _cell(value: str | int) -> str:
    """One cell as `csv.writer` writes it (QUOTE_MINIMAL, the quote doubled)."""
    if type(value) is not str:
        return str(value)
    if any(mark in value for mark in _QUOTED):
        return '"' + value.replace('"', '""') + '"'
    return value


def csv_row(cells: list[str | int]) -> str:
    """One line of RFC 4180 CSV, byte for byte what `csv.writer(lineterminator="\r\n")`
    writes (tested against it): a cell at a time in C `str` methods, where csv's writer
    steps through each character (a third of the time, on a week's notes)."""
    if cells == [""]:
        return '""\r\n'  # a lone empty cell is quoted, so that the line is not empty
    return ",".join(map(_cell, cells)) + "\r\n"


def render(summary: Summary) -> bytes:
    tz = summary.cover.timezone
    lines = [csv_row(list(COLUMNS))]
    # Names, ids, kinds and titles repeat from row to row: each made safe once.
    safe: dict[str, str] = {}

    def once(cell: str | int) -> str | int:
        if not isinstance(cell, str):
            return cell
        made = safe.get(cell)
        if made is None:
            made = safe[cell] = spreadsheet_cell(cell)
        return made

    for s, item, x in summary.interventions():
        started, ended = wording.local(x.started_at, tz), wording.local(x.ended_at, tz)
        row: list[str | int] = [
            s.id, s.title, item.id, item.heading, x.order, x.name, x.who or "", str(x.kind),
            x.delegation, x.category or "", x.gender or "", "yes" if x.scheduled else "no",
            started.isoformat() if started else "", ended.isoformat() if ended else "",
            x.allotted_seconds, x.speaking_seconds, x.overtime_seconds,
        ]
        row = [*map(once, row), spreadsheet_cell("\n".join(n.text for n in x.notes)),
               spreadsheet_cell(", ".join(x.documents))]
        lines.append(csv_row(row))
    # A byte-order mark so that spreadsheets read the names' accents as UTF-8.
    return ("\ufeff" + "".join(lines)).encode("utf-8")


__all__ = ["COLUMNS", "defuse", "render"]
