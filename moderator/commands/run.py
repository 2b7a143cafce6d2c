"""`moderator run` (the default): open the console on the agenda and the roster."""

from __future__ import annotations

import argparse
import sys

from moderator.commands.options import add_meeting_options, database_path, meeting_paths
from moderator.core import InvalidFiles, load_meeting


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "run",
        help="open the moderator's console (the default)",
        description="Open the moderator's console on the agenda and the roster.",
    )
    add_meeting_options(parser)
    parser.set_defaults(command=run)


def run(args: argparse.Namespace) -> int:
    agenda_path, speakers_path = meeting_paths(args)
    try:
        agenda, roster = load_meeting(agenda_path, speakers_path)
    except InvalidFiles as invalid:
        for problem in invalid.problems:
            print(problem, file=sys.stderr)
        print(
            "moderator: fix the files above, or check them with `moderator validate`",
            file=sys.stderr,
        )
        return 1
    database = database_path(args, agenda_path, agenda.event.id)
    # Textual loads only here, so `moderator validate` starts fast and without it.
    from moderator.store import StoreError
    from moderator.tui.app import build_app

    try:
        app = build_app(agenda, roster, database)
    except StoreError as error:
        print(f"moderator: {error}", file=sys.stderr)
        return 1
    app.run()
    return 0
