"""The one error the store raises: it always names the file and what went wrong."""

from __future__ import annotations


class StoreError(Exception):
    """The database could not be read or written; the message says which file and why."""
