"""`moderator validate`: check the agenda and the roster, print every problem."""

from __future__ import annotations

import argparse

from moderator.cli.options import add_meeting_options, add_subcommand, meeting_paths
from moderator.core import validate_files

DESCRIPTION = (
    "Check the agenda and the roster and print every problem as file:line:column: message. "
    "Exit status: 0 when there are no errors (warnings are printed), 1 when there are errors, "
    "2 for a usage error."
)


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = add_subcommand(subparsers, "validate", run,
                            help="check agenda.yaml and speakers.yaml", description=DESCRIPTION)
    add_meeting_options(parser, database=False)


def run(args: argparse.Namespace) -> int:
    agenda, speakers = meeting_paths(args)
    problems = validate_files(agenda, speakers)
    for problem in problems:
        print(problem)
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    if not problems:
        print(f"{agenda}, {speakers}: no problems")
    else:
        print(f"{agenda}, {speakers}: {_count(errors, 'error')}, {_count(warnings, 'warning')}")
    return 1 if errors else 0


def _count(number: int, word: str) -> str:
    return f"{number} {word}" + ("" if number == 1 else "s")
