"""`moderator clock`: the audience clock: the current speaker and time left, for a projector."""

from __future__ import annotations

import argparse

from moderator.cli.options import add_meeting_options, launch


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
    # Textual loads only here, so `moderator validate` starts fast and without it.
    from moderator.tui.clock_app import build_clock_app

    return launch(args, build_clock_app)
