"""`moderator clock`: the audience clock: the current speaker and time left, for a projector."""

from __future__ import annotations

import argparse
import sys

from moderator.commands.notes import load
from moderator.commands.options import add_meeting_options


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "clock",
        help="the audience clock: the current speaker and time left, for a projector",
        description="The audience clock: the current speaker and time left, for a projector. "
        "Read-only: it follows the moderator's database.",
    )
    add_meeting_options(parser)
    parser.set_defaults(command=run)


def run(args: argparse.Namespace) -> int:
    loaded = load(args)
    if loaded is None:
        return 1
    from moderator.store import StoreError
    from moderator.tui.clock_app import build_clock_app

    try:
        app = build_clock_app(*loaded)
    except StoreError as error:
        print(f"moderator: {error}", file=sys.stderr)
        return 1
    app.run()
    return 0
