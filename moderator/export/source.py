"""Read the meeting's databases for the summary: each as one consistent reading, or a clear
error."""

from __future__ import annotations

from pathlib import Path

from moderator.core.belonging import record_problem
from moderator.core.clock import Clock
from moderator.core.meeting import Meeting
from moderator.core.model import Agenda, Roster
from moderator.session import open_meeting
from moderator.store import MeetingStore, StoreError


class ExportError(Exception):
    """The summary cannot be made; the message names the file and says why. Nothing was written."""


def read_events(path: Path, agenda: Agenda) -> list[dict]:
    """Every event of the database at `path`, read under the store's lock; it is never created."""
    try:
        # The store reads every event under its lock: a writer in another process is never
        # seen half-way through a commit.
        with MeetingStore.open(path, create=False, meeting=agenda.event.id) as store:
            events = store.events()
    except StoreError as error:
        raise ExportError(str(error)) from error
    problem = record_problem(agenda, events)
    if problem is not None:
        raise ExportError(f"{path}: {problem}")
    return events


def read_meetings(paths: list[Path], agenda: Agenda, roster: Roster, clock: Clock) -> list[Meeting]:
    """The meetings the databases record, each event counted once (see `distinct_records`).

    Each database is read through its folded-state snapshot when one matches: only the events
    after it are decoded and folded. Databases that share events (the same file twice, a backup
    beside the live one) are read in full and merged, as their events must be.
    """
    meetings: list[Meeting] = []
    ids: list[set[str]] = []
    for path in paths:
        try:  # opened as every console opens it, read-only, then closed
            with open_meeting(agenda, roster, path, role="secretariat", clock=clock,
                              records=False) as opened:
                meeting = opened.meeting
                if len(paths) > 1:
                    ids.append({*opened.store.earlier_ids, *(e.get("id") for e in meeting.events)})
        except StoreError as error:
            raise ExportError(str(error)) from error
        meetings.append(meeting)
    if len(paths) > 1 and sum(map(len, ids)) != len(set().union(*ids)):
        records = distinct_records([read_events(path, agenda) for path in paths])
        return [replay(events, agenda, roster, clock) for events in records]
    return meetings


def replay(events: list[dict], agenda: Agenda, roster: Roster, clock: Clock) -> Meeting:
    """The meeting these events record, replayed from the first one."""
    meeting = Meeting(agenda, roster, clock)
    meeting.apply_all(events)
    return meeting


def distinct_records(records: list[list[dict]]) -> list[list[dict]]:
    """The databases' events with each event id counted once.

    Databases that share an event (the same file given twice, a backup copy beside the live
    file) are one record: their events together, the fullest copy's order first. Databases
    with nothing in common (one per room or per day) stay apart.
    """
    groups: list[list[list[dict]]] = []
    owner: dict[str, int] = {}  # event id -> its group
    for events in records:
        ids = {e.get("id") for e in events}
        touching = sorted({owner[i] for i in ids if i in owner})
        if not touching:
            groups.append([events])
            target = len(groups) - 1
        else:
            target = touching[0]
            for other in touching[1:]:
                groups[target].extend(groups[other])
                groups[other] = []
            groups[target].append(events)
        for member in groups[target]:
            owner.update((e.get("id"), target) for e in member)
    distinct = []
    for group in groups:
        if not group:
            continue
        seen: set[object] = set()
        merged = []
        for events in sorted(group, key=len, reverse=True):
            for event in events:
                if event.get("id") not in seen:
                    seen.add(event.get("id"))
                    merged.append(event)
        distinct.append(merged)
    return distinct
