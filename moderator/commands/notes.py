"""`moderator notes`: the rapporteur's console, beside the moderator's, on the same database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from moderator.commands.options import add_meeting_options, database_path, meeting_paths
from moderator.core import InvalidFiles, load_meeting
from moderator.core.model import Agenda, Roster


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "notes",
        help="the rapporteur's console: notes while people speak",
        description="The rapporteur's console: notes while people speak, stamped to the "
        "speaker on the floor, on the moderator's database.",
    )
    add_meeting_options(parser)
    parser.set_defaults(command=run)


def load(args: argparse.Namespace) -> tuple[Agenda, Roster, Path] | None:
    """The meeting and its database, or None once the problems are printed."""
    agenda_path, speakers_path = meeting_paths(args)
    try:
        agenda, roster = load_meeting(agenda_path, speakers_path)
    except InvalidFiles as invalid:
        for problem in invalid.problems:
            print(problem, file=sys.stderr)
        print("moderator: fix the files above, or check them with `moderator validate`",
              file=sys.stderr)
        return None
    return agenda, roster, database_path(args, agenda_path, agenda.event.id)


def run(args: argparse.Namespace) -> int:
    loaded = load(args)
    if loaded is None:
        return 1
    from moderator.store import StoreError
    from moderator.tui.rapporteur_app import build_rapporteur_app

    try:
        app = build_rapporteur_app(*loaded)
    except StoreError as error:
        print(f"moderator: {error}", file=sys.stderr)
        return 1
    app.run()
    return 0
