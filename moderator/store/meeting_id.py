"""A database knows its meeting: the agenda's event id, recorded in the meta table at creation."""

from __future__ import annotations

from moderator.store.errors import StoreError
from moderator.store.journal import JournalStorage

META, KEY = "meta", "1"


def meeting_of(journal: JournalStorage) -> str | None:
    """The event id the database was created for, or None (a database older than the record)."""
    event = journal.live_table(META).get(KEY, {}).get("event")
    return event if isinstance(event, str) else None


def check_meeting(journal: JournalStorage, meeting: str | None, *, claim: bool) -> None:
    """Refuse a database of another meeting, naming both; `claim` records `meeting` in an older one.

    The record's contents (items this agenda lacks) are the caller's to check: the store does
    not know the agenda.
    """
    if meeting is None:
        return
    recorded = meeting_of(journal)
    if recorded is None:
        if claim and not journal.read_only:
            with journal.transaction():
                doc = journal.live_table(META).get(KEY, {})
                journal.commit([["put", META, int(KEY), {**doc, "event": meeting}]])
        return
    if recorded != meeting:
        raise StoreError(f"{journal.path}: the database of the meeting {recorded!r}, not of "
                         f"{meeting!r} (the agenda given); open it with its own agenda, or give "
                         "another --db; the file was left untouched")
