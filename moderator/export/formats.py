"""The formats the summary can be written in, and where it goes by default."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from moderator.core.clock import Clock
from moderator.core.model import Agenda, Roster
from moderator.export import csv_export, docx, html, json_export, markdown
from moderator.export.build import build_summary
from moderator.export.files import free_path, write_export
from moderator.export.source import ExportError, distinct_records, fold, read_events
from moderator.export.summary import Summary

RENDERERS: dict[str, Callable[[Summary], bytes]] = {
    "docx": docx.render,
    "md": markdown.render,
    "html": html.render,
    "json": json_export.render,
    "csv": csv_export.render,
}
DEFAULT_FORMAT = "docx"  # the secretariat's working format
JOURNAL_FORMATS = ("docx", "md", "html")


def format_of(path: Path) -> str | None:
    """The format a file name asks for by its extension ("x.markdown" is Markdown too)."""
    suffix = path.suffix.lower().lstrip(".")
    suffix = {"markdown": "md", "htm": "html"}.get(suffix, suffix)
    return suffix if suffix in RENDERERS else None


def default_out(
    database: Path, event_id: str, fmt: str, session_id: str | None = None, *, journal: bool = False
) -> Path:
    """Beside the (first) database, named after the event (and the session), e.g. seminar.docx;
    the journal is `seminar-journal.docx`."""
    stem = f"{event_id}-{session_id}" if session_id else event_id
    return database.parent / f"{stem}{'-journal' if journal else ''}.{fmt}"


def render_journal(summary: Summary, fmt: str) -> bytes:
    """The meeting's journal (docx, md or html) from the summary."""
    from moderator.export.journal import build_journal
    from moderator.export.journal_render import RENDERERS as JOURNAL_RENDERERS

    return JOURNAL_RENDERERS[fmt](build_journal(summary))


def summarise(
    databases: Sequence[Path], agenda: Agenda, roster: Roster, clock: Clock, session_id: str | None = None
) -> Summary:
    """The summary of one or more databases (read first, all of them, before anything is written)."""
    if session_id is not None and session_id not in {s.id for s in agenda.sessions}:
        known = ", ".join(s.id for s in agenda.sessions)
        raise ExportError(f"no session {session_id!r} on the agenda (sessions: {known})")
    with _collector_paused():
        records = distinct_records([read_events(path, agenda) for path in databases])
        meetings = [fold(events, agenda, roster, clock) for events in records]
        return build_summary(meetings, clock, session_id=session_id,
                             sources=[p.name for p in databases])


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading makes a week's events and notes, all kept: the collector's passes over them
    were 0.15 s of the export's 0.65 s and freed nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def export_default(store_path: Path, agenda: Agenda, roster: Roster, clock: Clock) -> Path:
    """The console's `e`: the Word summary beside the database, under a new name; returns it.

    Raises ExportError with a sentence for the notification. Slow for a long meeting: call it
    from a worker thread.
    """
    summary = summarise([Path(store_path)], agenda, roster, clock)
    out = free_path(default_out(Path(store_path), agenda.event.id, DEFAULT_FORMAT))
    write_export(out, RENDERERS[DEFAULT_FORMAT](summary))
    return out
