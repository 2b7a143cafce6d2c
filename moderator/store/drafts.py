"""Saving the text being typed off the UI thread: only the latest text of each draft is written."""

from __future__ import annotations

import threading

from moderator.store.meeting_store import EDIT as _EDIT
from moderator.store.meeting_store import Draft, MeetingStore

# A pending discard is kept as None beside pending texts.
_Pending = dict[str, str | None]


def edit_key(key: str, note_id: str) -> str:
    """The draft key of an edit of note `note_id` in the editor whose drafts are under `key`
    (the editor adds the revision the edit is written on: `<note id>@<base>`)."""
    return f"{key}{_EDIT}{note_id}"


class DraftKeeper:
    """`keep(key, text)` returns at once; a thread makes the latest text durable in the drafts table.

    Texts kept faster than the disk can take them are coalesced: an older text is never written
    after a newer one. `discard(key)` removes the draft (once the note itself is durable).
    """

    def __init__(self, store: MeetingStore, seat: str | None = None) -> None:
        self._store = store
        self._seat = seat  # where the console sits: written with each draft
        self._pending: _Pending = {}
        self._written: dict[str, str | None] = {}
        self._busy = False
        self._closed = False
        self._errors: list[BaseException] = []
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="draft-keeper", daemon=True)
        self._thread.start()

    def recovered(self, key: str) -> Draft | None:
        """A non-empty draft left by a previous run (e.g. a crash), if any."""
        draft = self._store.draft(key)
        return draft if draft is not None and draft.text.strip() else None

    def recovered_edit(self, key: str) -> tuple[str, Draft] | None:
        """The latest non-empty draft of an edit left under `key` by a previous run: (note id, draft)."""
        prefix = key + _EDIT
        edits = [d for k, d in self._store.drafts().items()
                 if k.startswith(prefix) and d.text.strip()]
        if not edits:
            return None
        latest = max(edits, key=lambda d: d.at)
        return latest.key[len(prefix):], latest

    def keep(self, key: str, text: str) -> None:
        value = text if text.strip() else None  # a blank editor has nothing to keep: no draft
        with self._changed:
            if self._pending.get(key, self._written.get(key)) == value:
                return  # nothing new since the last save
            self._pending[key] = value
            self._changed.notify()

    def discard(self, key: str) -> None:
        with self._changed:
            self._pending[key] = None
            self._changed.notify()

    def flush(self) -> None:
        """Wait until every kept text is durable; re-raise a failure of the thread."""
        with self._changed:
            self._changed.wait_for(lambda: not self._pending and not self._busy)
            if self._errors:
                error, self._errors = self._errors[0], []
                raise error

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._changed.notify()
        self._thread.join()

    def _run(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._pending or self._closed)
                if not self._pending and self._closed:
                    return
                batch, self._pending = self._pending, {}
                self._busy = True
            for key, text in batch.items():
                try:
                    if text is None:
                        self._store.discard_draft(key)
                    else:
                        if self._seat is None:
                            self._store.save_draft(key, text)
                        else:
                            self._store.save_draft(key, text, seat=self._seat)
                except Exception as exc:  # kept for flush(); typing must go on regardless
                    self._errors.append(exc)
            with self._changed:
                self._written.update(batch)
                self._busy = False
                self._changed.notify_all()
