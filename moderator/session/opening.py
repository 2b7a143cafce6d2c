"""The one way to open a meeting: the database, its checks, the folded-state snapshot, the
store, its writer and the console's identity.

The three consoles, the room server (`serve`), the export and the tools all open through
`open_meeting`; the agenda and the roster are loaded (and their problems printed) before, by
the command line (`cli/options.py: load_files`).
"""

from __future__ import annotations

import gc
from pathlib import Path

from moderator.core import Clock, Meeting, SystemClock
from moderator.core.identity import ConsoleIdentity, new_console
from moderator.core.model import Agenda, Roster
from moderator.session.loop import OpenMeeting
from moderator.session.snapshots import keep_after_compactions, open_folded
from moderator.store import Writer


def open_meeting(agenda: Agenda, roster: Roster, database: Path, *, role: str,
                 clock: Clock | None = None, create: bool = False, records: bool = True,
                 seat: str | None = None, identity: ConsoleIdentity | None = None,
                 lasting: bool = False) -> OpenMeeting:
    """The meeting recorded at `database`, folded (through its snapshot when one matches) and
    open for commands.

    `role`: who decides ("moderator", "rapporteur", "audience"...). `create`: make the database
    (0600) if there is none (only the chair's console does). `records`: start the store's writer
    thread (a display and the export record nothing). `seat`: the console's name
    (`--console`), else its terminal, for the identity made now (or give `identity`).
    `lasting`: the process keeps the meeting for hours (a console, the room server): the folded
    objects are frozen out of the garbage collector's full passes.

    Raises `StoreError` for a database that cannot be read, one of another meeting, or one
    whose record names agenda entries this agenda lacks (folding it would lose them).
    """
    clock = clock or SystemClock()
    identity = identity or new_console(role, clock.now(), name=seat)
    meeting = Meeting(agenda, roster, clock, role=role, console=identity)
    store = open_folded(Path(database), agenda, roster, meeting, create=create)
    writer = None
    if records:
        keep_after_compactions(store, agenda, roster)
        writer = Writer(store)
    if lasting:
        # The folded meeting (50,000 events in a week) lives as long as the process: out of
        # the collector's full passes, which otherwise took 50-180 ms at random moments.
        gc.freeze()
    return OpenMeeting(meeting, store, writer)
