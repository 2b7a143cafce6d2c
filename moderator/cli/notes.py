"""`moderator notes`: the rapporteur's console, beside the moderator's, on the same database."""

from __future__ import annotations

import argparse

from moderator.cli.options import add_meeting_options, launch


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "notes",
        help="the rapporteur's console: notes while people speak",
        description="The rapporteur's console: notes while people speak, stamped to the "
        "speaker on the floor, on the moderator's database.",
    )
    add_meeting_options(parser, console=True)
    parser.set_defaults(command=run)


def run(args: argparse.Namespace) -> int:
    # Textual loads only here, so `moderator validate` starts fast and without it.
    from moderator.tui.rapporteur_app import build_rapporteur_app

    return launch(args, build_rapporteur_app)
