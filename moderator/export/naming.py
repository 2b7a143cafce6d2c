"""The export's formats by name, and where each goes by default: nothing here loads a renderer,
so the command line can offer them without importing python-docx."""

from __future__ import annotations

from pathlib import Path

FORMATS = ("csv", "docx", "html", "json", "md", "pdf")
DEFAULT_FORMAT = "docx"  # the secretariat's working format
JOURNAL_FORMATS = ("docx", "md", "html", "pdf")
PAPERS = ("a4", "letter")  # Word and PDF; A4 unless asked


def format_of(path: Path) -> str | None:
    """The format a file name asks for by its extension ("x.markdown" is Markdown too)."""
    suffix = path.suffix.lower().lstrip(".")
    suffix = {"markdown": "md", "htm": "html"}.get(suffix, suffix)
    return suffix if suffix in FORMATS else None


def default_out(
    database: Path, event_id: str, fmt: str, session_id: str | None = None, *, journal: bool = False
) -> Path:
    """Beside the (first) database, named after the event (and the session), e.g. seminar.docx;
    the journal is `seminar-journal.docx`."""
    stem = f"{event_id}-{session_id}" if session_id else event_id
    return database.parent / f"{stem}{'-journal' if journal else ''}.{fmt}"
