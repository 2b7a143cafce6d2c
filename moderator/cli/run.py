"""`moderator run` (the default): open the console on the agenda and the roster."""

from __future__ import annotations

import argparse

from moderator.cli.options import add_meeting_options, launch


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "run",
        help="open the moderator's console (the default)",
        description="Open the moderator's console on the agenda and the roster.",
    )
    add_meeting_options(parser, console=True)
    parser.set_defaults(command=run)


def run(args: argparse.Namespace) -> int:
    # Textual loads only here, so `moderator validate` starts fast and without it.
    from moderator.tui.app import build_app

    return launch(args, build_app)
