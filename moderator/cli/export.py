"""`moderator export`: the secretariat's summary of the meeting (docx, md, html, json, csv, pdf)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from moderator.cli.options import add_meeting_options, add_subcommand, load_files, meeting_paths
from moderator.core import SystemClock
from moderator.export.naming import DEFAULT_FORMAT, FORMATS, PAPERS, default_out, format_of


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = add_subcommand(
        subparsers, "export", run,
        help="the secretariat's summary of the meeting (docx, md, html, json, csv, pdf)",
        description="The secretariat's summary of the meeting (docx, md, html, json, csv, pdf). "
        "Several databases (one per room or day) make one consolidated report.",
    )
    add_meeting_options(parser, database=False)
    parser.add_argument(
        "--db",
        metavar="FILE",
        type=Path,
        nargs="+",
        action="extend",
        help="the meeting's database(s) (default: <agenda dir>/<event id>.db.json)",
    )
    parser.add_argument(
        "--format",
        choices=sorted(FORMATS),
        help=f"the format (default: from --out's extension, else {DEFAULT_FORMAT})",
    )
    parser.add_argument(
        "--out", metavar="PATH", type=Path, help="where to write (default: beside the first database)"
    )
    parser.add_argument("--paper", choices=PAPERS, default="a4",
                        help="the paper of the Word and PDF files (default: a4)")
    parser.add_argument("--session", metavar="ID", help="one session only (its id on the agenda)")
    parser.add_argument("--journal", action="store_true",
                        help="the meeting's journal in the layout of the OSCE Council journals "
                        "(docx, md, html or pdf) instead of the summary")
    parser.add_argument("--force", action="store_true", help="replace --out if it exists")


def run(args: argparse.Namespace) -> int:
    # Imported here so that `moderator --help` does not load python-docx.
    from moderator.export.files import refuse_inputs, write_export
    from moderator.export.formats import JOURNAL_FORMATS, render, render_journal, summarise
    from moderator.export.paper import PAPERS as PAPER_SIZES
    from moderator.export.source import ExportError

    db, args.db = args.db, None  # several databases here; load_files knows one default
    loaded = load_files(args)
    if loaded is None:
        return 1
    agenda, roster, default = loaded
    databases = list(db) if db else [default]
    if args.out is not None and args.format is None and format_of(args.out) is None:
        known = ", ".join(f".{name}" for name in sorted(FORMATS))
        print(f"moderator export: {args.out}: the extension does not name a format ({known}); "
              "give --format; nothing was written", file=sys.stderr)
        return 1
    fmt = args.format or (format_of(args.out) if args.out else None) or DEFAULT_FORMAT
    if args.journal and fmt not in JOURNAL_FORMATS:
        print(f"moderator export: the journal is written as {', '.join(JOURNAL_FORMATS)}, "
              f"not {fmt}", file=sys.stderr)
        return 1
    out = args.out or default_out(databases[0], agenda.event.id, fmt, args.session,
                                  journal=args.journal)
    agenda_path, speakers_path = meeting_paths(args)
    reads = [("the agenda", agenda_path), ("the roster", speakers_path)]
    for database in databases:
        reads += [("a database", database), ("a lock file", Path(f"{database}.lock"))]
    try:
        refuse_inputs(out, reads)  # before reading: a refused target is refused at once
        summary = summarise(databases, agenda, roster, SystemClock(), args.session)
        paper = PAPER_SIZES[args.paper]
        data = (render_journal(summary, fmt, paper) if args.journal
                else render(summary, fmt, paper))
        write_export(out, data, force=args.force, reads=reads)
    except ExportError as error:
        print(f"moderator export: {error}", file=sys.stderr)
        return 1
    stats = summary.statistics
    sessions, dbs = len(summary.sessions), len(databases)
    what = "journal, " if args.journal else ""
    print(f"Wrote {out} ({what}{fmt}: {sessions} session{'s' * (sessions != 1)}, "
          f"{stats.interventions} interventions from {dbs} database{'s' * (dbs != 1)})")
    return 0
