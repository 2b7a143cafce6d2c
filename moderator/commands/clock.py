"""`moderator clock`: the audience clock: the current speaker and time left, for a projector (not available yet)."""

from __future__ import annotations

import argparse
import sys

from moderator.commands.options import add_meeting_options


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "clock",
        help="the audience clock: the current speaker and time left, for a projector",
        description="The audience clock: the current speaker and time left, for a projector.",
    )
    add_meeting_options(parser)
    parser.set_defaults(command=run)


def run(args: argparse.Namespace) -> int:
    print("moderator clock: not available yet", file=sys.stderr)
    return 2
