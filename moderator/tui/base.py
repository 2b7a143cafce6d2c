"""What the three consoles share: a meeting folded from the store, followed live, closed cleanly."""

from __future__ import annotations

import gc
import logging
from pathlib import Path
from typing import Any

from textual import on
from textual.app import App

from moderator.core import Clock, Meeting, SystemClock
from moderator.core.identity import new_console
from moderator.core.model import Agenda, Roster
from moderator.snapshots import keep_after_compactions, open_folded, save_at_quit
from moderator.store import MeetingStore
from moderator.tui.consoles import join
from moderator.tui.live import (
    Arrived,
    Durable,
    EventStore,
    EventWriter,
    Follower,
    ReadFailed,
    SessionLink,
)

# About 4 reads a second keeps every change made elsewhere within a second of its making.
FOLLOW_SECONDS = 0.25


class MeetingFollowingApp(App[None]):
    """An app over one meeting's database: commands go through `link`, others' events arrive
    from a follower thread, and the writer and the store are closed on the way out."""

    def __init__(self, meeting: Meeting, store: EventStore, writer: EventWriter | None) -> None:
        super().__init__()
        self.meeting, self.store, self.writer = meeting, store, writer
        self.link = SessionLink(meeting, store, writer, self)
        self.follower = Follower(store, self, FOLLOW_SECONDS)
        self._upkeep_told: str | None = None
        # This console among the others open on the meeting (released with the process).
        self.presence = join(store, meeting.console) if writer is not None else None

    def on_mount(self) -> None:
        self.follower.start()

    @on(Durable)
    def _durable(self, durable: Durable) -> None:
        self.link.recorded(durable)
        self._tell_upkeep()

    def _tell_upkeep(self) -> None:
        """A failed compaction (the disk is full) is told apart from the saves, which succeeded."""
        problem = getattr(self.store, "upkeep_problem", None)
        if problem and problem != self._upkeep_told:
            self.notify(problem, title="Saved, but the database needs space", severity="warning",
                        markup=False, timeout=10)
        self._upkeep_told = problem

    @on(Arrived)
    def _arrived(self, arrived: Arrived) -> None:
        self.link.arrived(arrived.events)

    @on(ReadFailed)
    def _read_failed(self, failed: ReadFailed) -> None:
        self.link.failed(failed.error)

    def on_unmount(self) -> None:
        self.follower.stop()
        # Wait for the last writes; they were on their way to disk already; then the folded
        # state is saved beside the journal, so that the next start folds only what follows.
        closings = (getattr(self.writer, "close", None), self._save_snapshot,
                    getattr(self.store, "close", None), getattr(self.presence, "close", None))
        for closing in closings:
            try:
                if closing is not None:
                    closing()
            except Exception as error:
                logging.getLogger(__name__).error("closing the store: %s", error)


    def _save_snapshot(self) -> None:
        if self.writer is not None and isinstance(self.store, MeetingStore):
            save_at_quit(self.store, self.meeting.agenda, self.meeting.roster, self.meeting)


def open_meeting(agenda: Agenda, roster: Roster, database: Path, clock: Clock | None,
                 role: str, *, create: bool = False,
                 console: str | None = None) -> tuple[Meeting, Any]:
    """The store at `database` (created 0600 if new and `create`) and the meeting folded from it.

    Raises StoreError for a database of another meeting, or one holding items this agenda
    lacks: folding it under this agenda would show the meeting as lost. `console`: the name of
    this console's seat (`--console`), else its terminal.
    """
    clock = clock or SystemClock()
    identity = new_console(role, clock.now(), name=console)
    meeting = Meeting(agenda, roster, clock, role=role, console=identity)
    # Through the snapshot saved at the last quit or compaction: only what followed is folded.
    store = open_folded(database, agenda, roster, meeting, create=create)
    keep_after_compactions(store, agenda, roster)
    # The folded meeting (50,000 events in a week) lives as long as the console: out of the
    # collector's full passes, which otherwise took 50-180 ms at random keys.
    gc.freeze()
    return meeting, store
