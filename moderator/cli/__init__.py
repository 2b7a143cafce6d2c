"""Command line: `moderator [run|validate|notes|clock|serve|export|recover|new|import]`; `run` is the default.

One module per subcommand (the three consoles share `consoles.py`), each with
`add_parser(subparsers)` and `run(args) -> int`.
"""

from __future__ import annotations

import argparse
import sys

from moderator import __version__
from moderator.cli import export, imports, new, recover, serve, validate
from moderator.cli.consoles import AUDIENCE_CLOCK, MODERATOR, RAPPORTEUR

# Each registers its own subparser and sets `command` to its `run(args) -> int`.
COMMANDS = (MODERATOR, validate, RAPPORTEUR, AUDIENCE_CLOCK, serve, export, recover, new, imports)
TOP_LEVEL_FLAGS = {"-h", "--help", "--version"}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="moderator",
        description="A terminal console that runs the sessions of international expert meetings.",
        epilog="With no subcommand, `moderator` runs the console (`moderator run`).",
    )
    parser.add_argument("--version", action="version", version=f"moderator {__version__}")
    subparsers = parser.add_subparsers(title="subcommands", metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse `argv` (default: the process's arguments), run the subcommand, return its status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or (arguments[0].startswith("-") and arguments[0] not in TOP_LEVEL_FLAGS):
        arguments = ["run", *arguments]
    try:
        args = build_parser().parse_args(arguments)
    except SystemExit as leaving:  # argparse: 0 after --help, 2 on a usage error
        return leaving.code if isinstance(leaving.code, int) else 2
    try:
        return args.command(args)
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a defect: said in one line, never exit 0 after it
        print(f"moderator: unexpected error ({type(error).__name__}: {error}); nothing more "
              "was written", file=sys.stderr)
        return 1
