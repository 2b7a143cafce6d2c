"""The speaking log as CSV, one row per intervention, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

from moderator.export import wording
from moderator.export.plain import defuse, spreadsheet_cell
from moderator.export.summary import Summary

COLUMNS = [
    "session_id", "session", "item_id", "item", "order", "speaker", "who", "kind",
    "delegation", "category", "gender", "scheduled", "started_at", "ended_at",
    "allotted_seconds", "speaking_seconds", "overtime_seconds", "notes", "documents",
]

def render(summary: Summary) -> bytes:
    tz = summary.cover.timezone
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for s, item, x in summary.interventions():
        started, ended = wording.local(x.started_at, tz), wording.local(x.ended_at, tz)
        row: list[str | int] = [
            s.id, s.title, item.id, item.heading, x.order, x.name, x.who or "", str(x.kind),
            x.delegation, x.category or "", x.gender or "", "yes" if x.scheduled else "no",
            started.isoformat() if started else "", ended.isoformat() if ended else "",
            x.allotted_seconds, x.speaking_seconds, x.overtime_seconds,
            "\n".join(n.text for n in x.notes), ", ".join(x.documents),
        ]
        writer.writerow([spreadsheet_cell(c) if isinstance(c, str) else c for c in row])
    # A byte-order mark so that spreadsheets read the names' accents as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


__all__ = ["COLUMNS", "defuse", "render"]
