"""`moderator export`: the secretariat's summary of the meeting (docx, md, html, json, csv) (not available yet)."""

from __future__ import annotations

import argparse
import sys

from moderator.commands.options import add_meeting_options


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="the secretariat's summary of the meeting (docx, md, html, json, csv)",
        description="The secretariat's summary of the meeting (docx, md, html, json, csv).",
    )
    add_meeting_options(parser)
    parser.set_defaults(command=run)


def run(args: argparse.Namespace) -> int:
    print("moderator export: not available yet", file=sys.stderr)
    return 2
