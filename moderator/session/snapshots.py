"""A meeting opened through its folded-state snapshot, and the snapshot saved again.

The store (`store/snapshot.py`) ties a snapshot to the journal's bytes; the core
(`core/resume.py`) ties the fold inside it to the agenda, the roster, the event version and its
own code. Opening folds only what came after a snapshot that matches both; anything else is
ignored (and logged) and the journal is folded from its first event, as without a snapshot.

A snapshot is saved at a clean quit (`save`, from the console's closing) and after every
compaction (`keep_after_compactions`, on a thread of its own). Its fold is always the fold of
the journal's events in journal order: a console's meeting is used only when it folded exactly
those, in that order; otherwise the fold is made again from the previous snapshot or the start.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from moderator.core.belonging import record_problem
from moderator.core.clock import SystemClock
from moderator.core.events import EVENT_VERSION
from moderator.core.meeting import Meeting
from moderator.core.model import Agenda, Roster
from moderator.core.resume import NotResumable, fold_key, resume, saved_state
from moderator.store import MeetingStore, StoreError
from moderator.store import snapshot as files
from moderator.store.collector import paused
from moderator.store.upgrades import CURRENT_SCHEMA

log = logging.getLogger(__name__)


def fold_into(meeting: Meeting, store: MeetingStore) -> str | None:
    """Fold the store's events into `meeting` (which has folded nothing), through the store's
    snapshot when it matches. Returns why the record does not fit the agenda (None: it does);
    the meeting is then left unfolded."""
    agenda = meeting.agenda
    with paused():
        saved = store.resumed
        if saved is not None:
            why = _mismatch(saved.header, meeting, store)
            if why is None:
                try:
                    entries = resume(meeting, saved.fold, saved.header["events"],
                                     set(store.earlier_ids), store.events)
                except NotResumable as refused:
                    why = str(refused)
                else:
                    store.let_go_of_fold()
                    tail = store.read_new()
                    problem = record_problem(agenda, tail, entries)
                    if problem is None:
                        meeting.apply_all(tail)
                    return problem
            log.info("%s: snapshot ignored: %s", files.path_of(store.path), why)
        events = store.events()
        problem = record_problem(agenda, events)
        if problem is None:
            meeting.apply_all(events)
        return problem


def _mismatch(header: dict, meeting: Meeting, store: MeetingStore) -> str | None:
    if header.get("meeting") != store.meeting:
        return f"made for the meeting {header.get('meeting')!r}, not {store.meeting!r}"
    if header.get("event_version") != EVENT_VERSION:
        return f"events of version {header.get('event_version')!r}, not {EVENT_VERSION}"
    if header.get("fold_key") != fold_key(meeting.agenda, meeting.roster):
        return "folded with another agenda, roster or program"
    return None


def open_folded(database: Path, agenda: Agenda, roster: Roster, meeting: Meeting, *,
                create: bool = False) -> MeetingStore:
    """The store at `database` and `meeting` folded from it (through its snapshot).

    Raises StoreError for a database of another meeting, or one whose record names agenda
    entries this agenda lacks (the store is then closed).
    """
    store = MeetingStore.open(database, meeting.clock, create=create, meeting=agenda.event.id,
                              snapshot=True)
    try:
        problem = fold_into(meeting, store)
    except BaseException:
        store.close()
        raise
    if problem is not None:
        store.close()
        raise StoreError(f"{store.path}: {problem}")
    return store


def save(store: MeetingStore, agenda: Agenda, roster: Roster, meeting: Meeting | None = None
         ) -> bool:
    """Save the fold of every event now in the journal beside it; False when there is nothing
    to save. `meeting` (a console's, no longer changing) is used if it folded exactly those."""
    if store.read_only:
        return False
    key = store.snapshot_key()
    position, part, tail, earlier = store.snapshot_parts()
    count = earlier + len(tail)
    if count == 0:
        return False
    with paused():
        folded = _caught_up(meeting, store, tail, earlier) if meeting is not None else None
        if folded is None:
            folded = _fold_again(store, agenda, roster, meeting, tail, earlier)
        fold = saved_state(folded)
    header = {"events": count, "schema": CURRENT_SCHEMA, "meeting": store.meeting,
              "event_version": EVENT_VERSION, "fold_key": fold_key(agenda, roster)}
    files.write(store.path, key, position, part, fold, header)
    return True


def _caught_up(meeting: Meeting, store: MeetingStore, tail: list[dict], earlier: int
               ) -> Meeting | None:
    """The console's meeting once it holds the journal's events in journal order, else None."""
    if meeting.replay.resumed_count == earlier and (meeting.replay.history is not None or not earlier):
        journal = [e.get("id") for e in tail]
    elif meeting.replay.resumed_count == 0:  # it read every event (an undo past its snapshot)
        journal = [*store.earlier_ids, *(e.get("id") for e in tail)]
    else:
        return None
    mine = [e.get("id") for e in meeting.events]
    if journal[:len(mine)] != mine:
        return None  # folded in another order (its own events before others')
    missing = len(journal) - len(mine)
    if missing > len(tail):
        return None
    meeting.apply_all(tail[len(tail) - missing:] if missing else [])
    return meeting


def _fold_again(store: MeetingStore, agenda: Agenda, roster: Roster, like: Meeting | None,
                tail: list[dict], earlier: int) -> Meeting:
    """The fold of the journal in journal order: from the snapshot it was opened with, else
    from the first event."""
    clock = like.clock if like is not None else SystemClock()
    fold = store.fold_of_resumed() if earlier else b""
    if fold:
        fresh = Meeting(agenda, roster, clock)
        try:
            resume(fresh, fold, earlier, set(store.earlier_ids), store.events)
        except NotResumable:
            pass
        else:
            fresh.apply_all(tail)
            return fresh
    fresh = Meeting(agenda, roster, clock)
    fresh.apply_all(store.events()[:earlier + len(tail)] if earlier else tail)
    return fresh


def save_quietly(store: MeetingStore, agenda: Agenda, roster: Roster,
                 meeting: Meeting | None = None) -> None:
    """`save`, its failure logged: a snapshot is an optimisation, the journal is the record."""
    try:
        save(store, agenda, roster, meeting)
    except (StoreError, OSError, NotResumable) as error:
        log.warning("%s: snapshot not saved: %s", store.path, error)


def save_at_quit(store: MeetingStore, agenda: Agenda, roster: Roster, meeting: Meeting,
                 timeout: float = 30.0) -> None:
    """At a clean quit: saved on a thread of its own (the store's lock is never the UI
    thread's), waited for up to `timeout` seconds."""
    thread = threading.Thread(target=save_quietly, args=(store, agenda, roster, meeting),
                              name="store-snapshot", daemon=True)
    thread.start()
    thread.join(timeout)


def keep_after_compactions(store: MeetingStore, agenda: Agenda, roster: Roster) -> None:
    """After each compaction of `store`, save a snapshot on a thread of its own."""
    running = threading.Lock()

    def compacted() -> None:
        if not running.acquire(blocking=False):
            return  # one is being saved; it reads the journal as it is then

        def work() -> None:
            try:
                save_quietly(store, agenda, roster)
            finally:
                running.release()

        threading.Thread(target=work, name="store-snapshot", daemon=True).start()

    store.on_compacted(compacted)
