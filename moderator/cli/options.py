"""Options every subcommand shares: which agenda, which roster, which database."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from moderator.core import InvalidFiles, load_meeting
from moderator.core.model import Agenda, Roster

BUNDLED = Path(__file__).resolve().parent.parent / "data"
AGENDA = "agenda.yaml"
SPEAKERS = "speakers.yaml"


def add_subcommand(subparsers: argparse._SubParsersAction, name: str,
                   run: Callable[[argparse.Namespace], int], *, help: str,
                   description: str) -> argparse.ArgumentParser:
    """The parser of subcommand `name`, which runs `run(args) -> exit status`."""
    parser = subparsers.add_parser(name, help=help, description=description)
    parser.set_defaults(command=run)
    return parser


def add_meeting_options(parser: argparse.ArgumentParser, database: bool = True,
                        console: bool = False) -> None:
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
    if console:
        parser.add_argument(
            "--console",
            metavar="NAME",
            help="a name for this console's seat, e.g. rapporteur-2 (default: the terminal); "
            "started again under the same name after a crash, it gets back its unsaved drafts",
        )
    if database:
        parser.add_argument(
            "--db",
            metavar="FILE",
            type=Path,
            help="the meeting's database (default: <agenda dir>/<event id>.db.json; for the "
            "bundled seminar, ./<event id>.db.json)",
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


def database_for(args: argparse.Namespace, agenda_path: Path, event_id: str) -> Path:
    """`--db`, or a database beside the agenda named after the event, for the secretariat."""
    if getattr(args, "db", None) is not None:
        return args.db
    # The bundled agenda lives inside the installed package: its meeting is kept here instead.
    folder = Path() if agenda_path.resolve().parent == BUNDLED else agenda_path.parent
    return folder / f"{event_id}.db.json"


def load_files(args: argparse.Namespace) -> tuple[Agenda, Roster, Path] | None:
    """The meeting and its database, or None once every problem is printed."""
    agenda_path, speakers_path = meeting_paths(args)
    try:
        agenda, roster = load_meeting(agenda_path, speakers_path)
    except InvalidFiles as invalid:
        for problem in invalid.problems:
            print(problem, file=sys.stderr)
        print("moderator: fix the files above, or check them with `moderator validate`",
              file=sys.stderr)
        return None
    return agenda, roster, database_for(args, agenda_path, agenda.event.id)


def launch(args: argparse.Namespace, build: Callable[[Agenda, Roster, Path], Any]) -> int:
    """Load the files, open the database and run the console `build` makes from them."""
    loaded = load_files(args)
    if loaded is None:
        return 1
    from moderator.store import StoreError

    named = {"console": args.console} if getattr(args, "console", None) else {}
    try:
        app = build(*loaded, **named)
    except StoreError as error:
        print(f"moderator: {error}", file=sys.stderr)
        return 1
    app.run()
    # Textual ends the app on an unhandled error (having shown it) with a non-zero code.
    return app.return_code or 0
