"""The consoles' subcommands: `run` (the moderator's, the default), `notes` (the rapporteur's)
and `clock` (the audience clock). Each loads the meeting and runs its Textual app."""

from __future__ import annotations

import argparse
import importlib
from dataclasses import dataclass

from moderator.cli.options import add_meeting_options, add_subcommand, launch
from moderator.store import collector


@dataclass(frozen=True)
class Console:
    name: str
    help: str
    description: str
    app: str  # "module:function" building the app; Textual loads only when the command runs
    seat: bool  # --console NAME: a seat whose drafts come back after a crash

    def add_parser(self, subparsers: argparse._SubParsersAction) -> None:
        parser = add_subcommand(subparsers, self.name, self.run, help=self.help,
                                description=self.description)
        add_meeting_options(parser, console=self.seat)

    def run(self, args: argparse.Namespace) -> int:
        # No pass of the collector from here to the console's first frame (or its end).
        collector.launching()
        try:
            module, function = self.app.split(":")
            return launch(args, getattr(importlib.import_module(module), function))
        finally:
            collector.launched()


MODERATOR = Console(
    "run", "open the moderator's console (the default)",
    "Open the moderator's console on the agenda and the roster.",
    "moderator.tui.app:build_app", seat=True)
RAPPORTEUR = Console(
    "notes", "the rapporteur's console: notes while people speak",
    "The rapporteur's console: notes while people speak, stamped to the speaker on the floor, "
    "on the moderator's database.",
    "moderator.tui.rapporteur_app:build_rapporteur_app", seat=True)
AUDIENCE_CLOCK = Console(
    "clock", "the audience clock: the current speaker and time left, for a projector",
    "The audience clock: the current speaker and time left, for a projector. Read-only: it "
    "follows the moderator's database.",
    "moderator.tui.clock_app:build_clock_app", seat=False)
