"""`moderator recover`: check and repair the meeting's database after a crash (not available yet)."""

from __future__ import annotations

import argparse
import sys

from moderator.commands.options import add_meeting_options


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "recover",
        help="check and repair the meeting's database after a crash",
        description="Check and repair the meeting's database after a crash.",
    )
    add_meeting_options(parser)
    parser.set_defaults(command=run)


def run(args: argparse.Namespace) -> int:
    print("moderator recover: not available yet", file=sys.stderr)
    return 2
