"""Read the meeting's databases for the summary: a consistent snapshot, or a clear error."""

from __future__ import annotations

import os
from pathlib import Path

from moderator.core.clock import Clock
from moderator.core.meeting import Meeting
from moderator.core.model import Agenda, Roster
from moderator.store import MeetingStore, StoreError


class ExportError(Exception):
    """The summary cannot be made; the message names the file and says why. Nothing was written."""


def read_meeting(path: Path, agenda: Agenda, roster: Roster, clock: Clock) -> Meeting:
    """The meeting folded from the database at `path`, read under the store's lock."""
    if not path.exists():
        raise ExportError(f"{path}: no such database")
    if not path.is_file():
        raise ExportError(f"{path}: not a database file")
    lock = Path(f"{path}.lock")
    lock_existed = lock.exists()
    try:
        # The store reads every event under its lock: a writer in another process is never
        # seen half-way through a commit.
        with MeetingStore.open(path) as store:
            events = store.events()
    except StoreError as error:
        if not lock_existed:
            _remove_quietly(lock)  # opening a foreign file must leave nothing behind
        raise ExportError(str(error)) from error
    known = {item.id for _, item in agenda.items()}  # one set, not a search per event
    foreign = sorted({e["item_id"] for e in events
                      if isinstance(e.get("item_id"), str) and e["item_id"] not in known})
    if foreign:
        raise ExportError(
            f"{path}: records agenda items this agenda does not have ({', '.join(foreign[:3])}): "
            "a database of another meeting, or the wrong --agenda"
        )
    meeting = Meeting(agenda, roster, clock)
    meeting.apply_all(events)
    return meeting


def _remove_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass  # a stray lock file is harmless
