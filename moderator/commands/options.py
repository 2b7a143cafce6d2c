"""Options every subcommand shares: which agenda, which roster, which database."""

from __future__ import annotations

import argparse
from pathlib import Path

BUNDLED = Path(__file__).resolve().parent.parent / "data"
AGENDA = "agenda.yaml"
SPEAKERS = "speakers.yaml"


def add_meeting_options(parser: argparse.ArgumentParser, database: bool = True) -> None:
    parser.add_argument(
        "--agenda",
        metavar="FILE",
        type=Path,
        help=f"the agenda (default: ./{AGENDA} when present, else the bundled seminar)",
    )
    parser.add_argument(
        "--speakers",
        metavar="FILE",
        type=Path,
        help=f"the roster (default: ./{SPEAKERS} when present, else the bundled roster)",
    )
    if database:
        parser.add_argument(
            "--db",
            metavar="FILE",
            type=Path,
            help="the meeting's database (default: <agenda dir>/<event id>.db.json)",
        )


def default_file(name: str) -> Path:
    """`name` in the current directory when present, else the copy bundled with the package."""
    here = Path(name)
    return here if here.is_file() else BUNDLED / name


def meeting_paths(args: argparse.Namespace) -> tuple[Path, Path]:
    """The agenda and roster files the options name, or their defaults."""
    agenda = args.agenda if args.agenda is not None else default_file(AGENDA)
    speakers = args.speakers if args.speakers is not None else default_file(SPEAKERS)
    return agenda, speakers


def database_path(args: argparse.Namespace, agenda_path: Path, event_id: str) -> Path:
    """`--db`, or a database beside the agenda named after the event, for the secretariat."""
    if getattr(args, "db", None) is not None:
        return args.db
    return agenda_path.parent / f"{event_id}.db.json"
