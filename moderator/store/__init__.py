"""The durable store: an fsynced append-only journal under TinyDB, safe for several processes.

See docs/ARCHITECTURE.md ("The store's contract").
"""

from moderator.store.errors import StoreError
from moderator.store.expect import Conflict, Expectation
from moderator.store.journal import JournalStorage
from moderator.store.meeting_store import Draft, MeetingStore
from moderator.store.records import is_database
from moderator.store.recover import RecoveryReport, recover
from moderator.store.writer import Writer

__all__ = ["Conflict", "Draft", "Expectation", "JournalStorage", "MeetingStore", "RecoveryReport",
           "StoreError", "Writer", "is_database", "recover"]
