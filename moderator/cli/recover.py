"""`moderator recover SRC DEST`: salvage every intact record of a damaged database into a new file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from moderator.cli.options import add_subcommand
from moderator.store import StoreError, recover

DESCRIPTION = (
    "Copy every record of the database SRC that passes its checksum into a new database DEST, "
    "and list the damaged records that were skipped. SRC is only read, never changed. "
    "Exit status: 0 when DEST was written, 1 when it could not be."
)


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = add_subcommand(subparsers, "recover", run,
                            help="salvage a damaged meeting database into a new file",
                            description=DESCRIPTION)
    parser.add_argument("source", metavar="SRC", type=Path, help="the damaged database")
    parser.add_argument("destination", metavar="DEST", type=Path, help="the new database")


def run(args: argparse.Namespace) -> int:
    try:
        report = recover(args.source, args.destination)
    except StoreError as exc:
        print(f"moderator recover: {exc}", file=sys.stderr)
        return 1
    print(report)
    return 0
