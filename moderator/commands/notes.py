"""`moderator notes`: the rapporteur's console: notes while people speak (not available yet)."""

from __future__ import annotations

import argparse
import sys

from moderator.commands.options import add_meeting_options


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "notes",
        help="the rapporteur's console: notes while people speak",
        description="The rapporteur's console: notes while people speak.",
    )
    add_meeting_options(parser)
    parser.set_defaults(command=run)


def run(args: argparse.Namespace) -> int:
    print("moderator notes: not available yet", file=sys.stderr)
    return 2
