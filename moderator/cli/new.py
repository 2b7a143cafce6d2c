"""`moderator new DIR`: a new meeting's agenda skeleton and roster, ready to validate and run."""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from moderator.cli.options import AGENDA, SPEAKERS, add_subcommand
from moderator.core import Clock, SystemClock
from moderator.importing.skeleton import (
    DEFAULT_TIMEZONE,
    ROSTERS,
    NewMeeting,
    roster_summary,
    skeleton_files,
)

if TYPE_CHECKING:
    from moderator.importing.problems import ImportProblem

MAX_DAYS = 31
DESCRIPTION = (
    "Create DIR with an agenda skeleton (an opening, one session per day, a closing) and a "
    "roster (by default the OSCE's participating States, Partners for Co-operation, "
    "institutions and structures and the EU), both commented and valid. Refuses a DIR that "
    "already has agenda.yaml or speakers.yaml."
)


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = add_subcommand(subparsers, "new", run, help="start a new meeting: agenda and roster",
                            description=DESCRIPTION)
    parser.add_argument("folder", metavar="DIR", type=Path, help="the meeting's folder")
    parser.add_argument("--title", help="the meeting's title (default: from DIR's name)")
    parser.add_argument(
        "--dates", metavar="D1,D2",
        help="the days, YYYY-MM-DD, comma-separated, or a range D1..D2 (default: today)",
    )
    parser.add_argument("--venue", default="", help="where it is held, e.g. 'Hofburg, Vienna'")
    parser.add_argument("--timezone", metavar="TZ", default=DEFAULT_TIMEZONE,
                        help=f"the IANA time zone of its times (default {DEFAULT_TIMEZONE})")
    parser.add_argument("--roster", choices=ROSTERS, default="osce",
                        help="osce: the OSCE's delegations (default); empty: none")


def run(args: argparse.Namespace, clock: Clock | None = None) -> int:
    # Imported here: writing files brings in the export's file handling, which `run` never needs.
    from moderator.importing.outputs import Output, validate_outputs, write_outputs
    from moderator.importing.problems import ImportFailed

    problems: list[str] = []
    zone = _zone(args.timezone, problems)
    today = (clock or SystemClock()).now().astimezone(zone or ZoneInfo("UTC")).date()
    dates = parse_dates(args.dates, problems) if args.dates else (today,)
    folder: Path = args.folder
    if folder.exists() and not folder.is_dir():
        problems.append(f"{folder}: is not a folder")
    for name in (AGENDA, SPEAKERS):
        if (folder / name).exists():
            problems.append(f"{folder / name}: already exists; `moderator new` starts a new "
                            "meeting only (`moderator validate` checks the one there)")
    if problems:
        for problem in problems:
            print(f"moderator new: {problem}", file=sys.stderr)
        return 1
    title = " ".join((args.title or "").split()) or _title_from(folder)
    meeting = NewMeeting(title, dates, " ".join(args.venue.split()), args.timezone, args.roster)
    files = skeleton_files(meeting, folder.resolve().name)
    agenda = Output(folder / AGENDA, files.agenda_text)
    roster = Output(folder / SPEAKERS, files.roster_text)
    try:
        _must_validate(validate_outputs(agenda, roster))
        folder.mkdir(parents=True, exist_ok=True)
        write_outputs([roster, agenda], force=False)
    except (ImportFailed, OSError) as error:
        print(f"moderator new: {error}", file=sys.stderr)
        return 1
    sessions = len(files.agenda.sessions)
    print(f"Created {agenda.path} ({sessions} sessions, {_days(dates)}) and {roster.path} "
          f"({roster_summary(files.roster)}).")
    print("Next:")
    print(f"  cd {folder}")
    print("  moderator import indico TIMETABLE.json --force          # the agenda from Indico")
    print("  moderator import participants REGISTRATIONS.xlsx --force  # people into the roster")
    print("  moderator validate")
    print("  moderator run")
    return 0


def parse_dates(text: str, problems: list[str]) -> tuple[date, ...]:
    """`D1,D2,...` and ranges `D1..D2`, sorted; bad parts reported in `problems`."""
    days: set[date] = set()
    for part in (p.strip() for p in text.split(",")):
        first, _, last = part.partition("..")
        try:
            start = date.fromisoformat(first.strip())
            end = date.fromisoformat(last.strip()) if last else start
        except ValueError:
            problems.append(f"--dates: '{part}' is not a date YYYY-MM-DD or a range D1..D2")
            continue
        if end < start:
            problems.append(f"--dates: the range '{part}' ends before it starts")
            continue
        days.update(start + timedelta(days=n) for n in range((end - start).days + 1))
    if len(days) > MAX_DAYS:
        problems.append(f"--dates: {len(days)} days; a meeting of at most {MAX_DAYS} days")
    return tuple(sorted(days))


def _zone(name: str, problems: list[str]) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError, OSError):
        problems.append(f"--timezone: unknown time zone '{name}' (an IANA name, e.g. "
                        "Europe/Vienna)")
        return None


def _title_from(folder: Path) -> str:
    words = folder.resolve().name.replace("-", " ").replace("_", " ").split()
    title = " ".join(words) or "New meeting"
    return title[0].upper() + title[1:]


def _days(dates: tuple[date, ...]) -> str:
    if len(dates) == 1:
        return dates[0].isoformat()
    return f"{len(dates)} days, {dates[0].isoformat()} to {dates[-1].isoformat()}"


def _must_validate(problems: list[ImportProblem]) -> None:
    from moderator.importing.problems import ImportFailed

    errors = [p for p in problems if not p.warning]
    if errors:
        raise ImportFailed(errors)
