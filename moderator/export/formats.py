"""The formats the summary can be written in, and where it goes by default."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from moderator.core.clock import Clock
from moderator.core.model import Agenda, Roster
from moderator.export import csv_export, docx, html, json_export, markdown, pdf
from moderator.export.build import build_summary
from moderator.export.files import free_path, write_export
from moderator.export.journal import build_journal
from moderator.export.journal_render import RENDERERS as JOURNAL_RENDERERS
from moderator.export.naming import DEFAULT_FORMAT, FORMATS, JOURNAL_FORMATS, default_out, format_of
from moderator.export.paper import A4, PAPERS, Paper
from moderator.export.source import ExportError, read_meetings
from moderator.export.summary import Summary
from moderator.store.collector import paused

RENDERERS: dict[str, Callable[[Summary], bytes]] = {
    "docx": docx.render,
    "md": markdown.render,
    "html": html.render,
    "json": json_export.render,
    "csv": csv_export.render,
    "pdf": pdf.render_summary,
}
assert set(RENDERERS) == set(FORMATS)
JOURNAL_RENDERERS = {**JOURNAL_RENDERERS, "pdf": pdf.render_journal}
PAGED = ("docx", "pdf")  # the formats laid out on paper
__all__ = ["DEFAULT_FORMAT", "JOURNAL_FORMATS", "PAPERS", "RENDERERS", "ExportError", "default_out",
           "export_default", "format_of", "render", "render_journal", "summarise"]


def render(summary: Summary, fmt: str, paper: Paper = A4) -> bytes:
    """The summary in `fmt`; Word and PDF on `paper`. Without the collector's passes: the
    summary and what rendering builds are all kept until the file is made (at 10x the
    generated meeting the CSV rendered in 1.53 s with them, 0.83 s without)."""
    with paused():
        return RENDERERS[fmt](summary, paper) if fmt in PAGED else RENDERERS[fmt](summary)


def render_journal(summary: Summary, fmt: str, paper: Paper = A4) -> bytes:
    """The meeting's journal (docx, md, html or pdf) from the summary."""
    with paused():  # as `render`
        journal = build_journal(summary)
        return JOURNAL_RENDERERS[fmt](journal, paper) if fmt in PAGED \
            else JOURNAL_RENDERERS[fmt](journal)


def summarise(
    databases: Sequence[Path], agenda: Agenda, roster: Roster, clock: Clock, session_id: str | None = None
) -> Summary:
    """The summary of one or more databases (read first, all of them, before anything is written)."""
    if session_id is not None and session_id not in {s.id for s in agenda.sessions}:
        known = ", ".join(s.id for s in agenda.sessions)
        raise ExportError(f"no session {session_id!r} on the agenda (sessions: {known})")
    with paused():  # reading makes a week of events and notes, all kept
        meetings = read_meetings(list(databases), agenda, roster, clock)
        return build_summary(meetings, clock, session_id=session_id,
                             sources=[p.name for p in databases])


def export_default(store_path: Path, agenda: Agenda, roster: Roster, clock: Clock) -> Path:
    """The console's `e`: the Word summary beside the database, under a new name; returns it.

    Raises ExportError with a sentence for the notification. Slow for a long meeting: call it
    from a worker thread.
    """
    summary = summarise([Path(store_path)], agenda, roster, clock)
    out = free_path(default_out(Path(store_path), agenda.event.id, DEFAULT_FORMAT))
    write_export(out, render(summary, DEFAULT_FORMAT))
    return out
