"""What the three consoles share: a meeting folded from the store, followed live, closed cleanly."""

from __future__ import annotations

import gc
import logging
from pathlib import Path
from typing import Any

from textual import on
from textual.app import App

from moderator.core import Clock, Meeting, SystemClock
from moderator.core.belonging import record_problem
from moderator.core.model import Agenda, Roster
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
        # Wait for the last writes; they were on their way to disk already.
        for closing in (getattr(self.writer, "close", None), getattr(self.store, "close", None)):
            try:
                if closing is not None:
                    closing()
            except Exception as error:
                logging.getLogger(__name__).error("closing the store: %s", error)


def open_meeting(agenda: Agenda, roster: Roster, database: Path, clock: Clock | None,
                 role: str, *, create: bool = False) -> tuple[Meeting, Any]:
    """The store at `database` (created 0600 if new and `create`) and the meeting folded from it.

    Raises StoreError for a database of another meeting, or one holding items this agenda
    lacks: folding it under this agenda would show the meeting as lost.
    """
    from moderator.store import MeetingStore, StoreError

    store = MeetingStore.open(database, clock, create=create, meeting=agenda.event.id)
    events = store.read_new()
    problem = record_problem(agenda, events)
    if problem is not None:
        store.close()
        raise StoreError(f"{store.path}: {problem}")
    meeting = Meeting(agenda, roster, clock or SystemClock(), role=role)
    meeting.apply_all(events)
    # The folded meeting (50,000 events in a week) lives as long as the console: out of the
    # collector's full passes, which otherwise took 50-180 ms at random keys.
    gc.freeze()
    return meeting, store
