"""`moderator import indico|participants`: the agenda from Indico, people from a registration list."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from moderator.cli.options import AGENDA, SPEAKERS, add_subcommand
from moderator.importing.problems import ImportFailed, ImportProblem

if TYPE_CHECKING:
    from moderator.importing.outputs import Report


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="the agenda from Indico's timetable, people from a registration list",
        description="Build the meeting's files from what the secretariat already has. Every "
        "problem of the file is listed as file:line (or file:sheet:row); nothing is written "
        "over an existing file without --force.",
    )
    kinds = parser.add_subparsers(title="what to import", metavar="SOURCE", required=True)
    _indico_parser(kinds)
    _participants_parser(kinds)


def _indico_parser(kinds: argparse._SubParsersAction) -> None:
    parser = add_subcommand(
        kinds, "indico", run_indico,
        help="the agenda from a timetable saved from Indico (/export/timetable/<event>.json)",
        description="Write the agenda from a timetable saved from Indico's export API "
        "(/export/timetable/<event>.json): sessions with their conveners as moderators, "
        "contributions as items with their presenters as scheduled speakers (added to the "
        "roster, placed in its delegations by affiliation), breaks as breaks, times in the "
        "event's time zone. The event's title, venue and defaults are kept from the agenda "
        "being replaced.",
    )
    parser.add_argument("timetable", metavar="TIMETABLE.json", type=Path)
    parser.add_argument("--event", metavar="ID", help="the event, when the file holds several")
    parser.add_argument("--out", metavar="FILE", type=Path, default=Path(AGENDA),
                        help=f"the agenda to write (default ./{AGENDA})")
    parser.add_argument("--speakers", metavar="FILE", type=Path, default=Path(SPEAKERS),
                        help=f"the roster the presenters join (default ./{SPEAKERS}; "
                        "the OSCE roster when it does not exist yet)")
    parser.add_argument("--title", help="the meeting's title (default: the replaced agenda's)")
    parser.add_argument("--timezone", metavar="TZ", help="the event's time zone (default: the "
                        "replaced agenda's, else the one the timetable was exported in)")
    parser.add_argument("--force", action="store_true", help="replace files that exist")


def _participants_parser(kinds: argparse._SubParsersAction) -> None:
    parser = add_subcommand(
        kinds, "participants", run_participants,
        help="merge a registration list (CSV or XLSX) into the roster",
        description="Merge a registration list (CSV or Excel .xlsx, e.g. Indico's "
        "registrants export) into the roster: each person a speaker with their delegation "
        "(matched by name, id or alias, accents and case ignored), role and gender. Columns "
        "are found from their headers unless --columns names them. Unmatched delegations are "
        "listed; their people are kept, with the text as their affiliation.",
    )
    parser.add_argument("registrations", metavar="FILE", type=Path, help="a .csv or .xlsx file")
    parser.add_argument(
        "--columns", metavar="FIELD=HEADER,...",
        help="which header holds what: name (or first-name and last-name), delegation, "
        "affiliation, role, gender; e.g. 'name=Full name,delegation=Participating State'",
    )
    parser.add_argument("--sheet", metavar="NAME", help="the sheet of a workbook (default: the "
                        "first)")
    parser.add_argument("--speakers", metavar="FILE", type=Path, default=Path(SPEAKERS),
                        help=f"the roster to merge into (default ./{SPEAKERS}; the OSCE roster "
                        "when it does not exist yet)")
    parser.add_argument("--out", metavar="FILE", type=Path,
                        help="where to write the merged roster (default: --speakers)")
    parser.add_argument("--force", action="store_true", help="replace a file that exists")


def run_indico(args: argparse.Namespace) -> int:
    from moderator.importing.indico_import import import_indico

    if args.timezone and not _known_zone(args.timezone):
        return _usage(f"--timezone: unknown time zone '{args.timezone}' (an IANA name, e.g. "
                      "Europe/Vienna)")
    return _report(lambda: import_indico(args.timetable, args.out, args.speakers,
                                         event=args.event, title=args.title,
                                         timezone=args.timezone, force=args.force))


def run_participants(args: argparse.Namespace) -> int:
    from moderator.importing.participants_import import import_participants

    return _report(lambda: import_participants(args.registrations, args.speakers,
                                               args.out or args.speakers, columns=args.columns,
                                               sheet=args.sheet, force=args.force))


def _report(work: Callable[[], Report]) -> int:
    try:
        report = work()
    except ImportFailed as failed:
        _print(failed.problems)
        errors = sum(1 for p in failed.problems if not p.warning)
        print(f"moderator import: nothing written ({errors} error{'s' * (errors != 1)})",
              file=sys.stderr)
        return 1
    _print(report.warnings)
    for line in report.lines:
        print(line)
    return 0


def _print(problems: list[ImportProblem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def _known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (KeyError, ValueError, OSError):
        return False
    return True


def _usage(message: str) -> int:
    print(f"moderator import: {message}", file=sys.stderr)
    return 2
