"""The rapporteur's record: notes stamped to a session, an item and an intervention.

A note is a fold of `note.*` events: added, edited (the previous text kept as a revision),
moved, deleted (soft) and restored. Nothing here imports the UI.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from moderator.core.fold import FoldContext, folds
from moderator.core.search import fold
from moderator.core.state import MeetingState

NOTE_ADDED = "note.added"
NOTE_EDITED = "note.edited"
NOTE_MOVED = "note.moved"
NOTE_DELETED = "note.deleted"
NOTE_RESTORED = "note.restored"


class NoteTag(StrEnum):
    """The tags the report is made from; free tags are allowed beside them."""

    REC = "rec"
    ACTION = "action"
    DECISION = "decision"
    QUOTE = "quote"


# What a search for a tag's meaning finds: "recommendation" finds the notes tagged #rec.
TAG_WORDS = {NoteTag.REC: "recommendation", NoteTag.ACTION: "action",
             NoteTag.DECISION: "decision", NoteTag.QUOTE: "quote"}


# A tag starts a word: "#rec", not "issue#12"; it may hold letters, digits, "-" and "_".
_TAG = re.compile(r"(?<![\w#])#(\w[\w-]*)")


def parse_tags(text: str) -> tuple[str, ...]:
    """The tags of a text, lower-case, in order of first appearance, without repeats."""
    seen: dict[str, None] = {}
    for match in _TAG.finditer(text):
        seen.setdefault(match.group(1).rstrip("-").casefold(), None)
    return tuple(seen)


@dataclass(frozen=True, slots=True)
class NoteRevision:
    """A previous text of a note, who replaced it and when."""

    text: str
    at: datetime
    role: str


@dataclass(frozen=True, slots=True)
class Note:
    id: str
    text: str
    tags: tuple[str, ...]
    session_id: str | None
    item_id: str | None
    # None: the note is on the item as a whole.
    intervention_id: str | None
    created_at: datetime
    updated_at: datetime
    role: str
    history: tuple[NoteRevision, ...] = ()  # oldest first
    deleted: bool = False

    @property
    def title(self) -> str:
        """The first line of the text, for one-line lists."""
        return self.text.strip().splitlines()[0] if self.text.strip() else ""


class NoteBook:
    """Every note of the meeting, in order of creation; folded from `note.*` events."""

    def __init__(self) -> None:
        self.by_id: dict[str, Note] = {}

    def checkpoint(self) -> NoteBook:
        """A copy for the state's checkpoints: notes are frozen, only the index is copied."""
        copied = NoteBook()
        copied.by_id = dict(self.by_id)
        return copied

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NoteBook) and self.by_id == other.by_id

    def all(self, *, include_deleted: bool = False) -> list[Note]:
        return [n for n in self.by_id.values() if include_deleted or not n.deleted]

    def search(self, query: str, context: Callable[[Note], str] | None = None) -> list[Note]:
        """Notes holding every word (accent- and case-insensitive) and every #tag of the query.

        A word is looked for in the note's text, its tags (and their meaning: "recommendation"
        for #rec) and in what `context` says of the note (its speaker and item, say).
        """
        tags = set(parse_tags(query))
        words = [fold(w) for w in _TAG.sub(" ", query).split()]
        found = []
        for note in self.all():
            if not tags.issubset(note.tags):
                continue
            haystack = fold(" ".join([note.text, *note.tags, *(TAG_WORDS.get(t, "") for t in
                                                                 note.tags)]))
            if words and context is not None and not all(w in haystack for w in words):
                haystack += " " + fold(context(note))
            if all(w in haystack for w in words):
                found.append(note)
        return found


def notebook(state: MeetingState) -> NoteBook:
    """The notes kept in the meeting's state (created on first use)."""
    book = state.extensions.get("notes")
    if book is None:
        book = state.extensions["notes"] = NoteBook()
    return book


# Notes are not floor actions: `Meeting.undo` never takes one back.
@folds(NOTE_ADDED, undoable=False)
def _added(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    book = notebook(state)
    if event["note"] in book.by_id:  # the same note folded twice changes nothing
        return
    book.by_id[event["note"]] = Note(
        id=event["note"],
        text=event["text"],
        tags=parse_tags(event["text"]),
        session_id=event.get("session_id"),
        item_id=event.get("item_id"),
        intervention_id=event.get("intervention_id"),
        created_at=at,
        updated_at=at,
        role=event.get("role", ""),
    )


@folds(NOTE_EDITED, undoable=False)
def _edited(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    book = notebook(state)
    note = book.by_id.get(event["note"])
    if note is None or note.text == event["text"]:
        return
    revision = NoteRevision(text=note.text, at=at, role=event.get("role", ""))
    book.by_id[note.id] = replace(
        note,
        text=event["text"],
        tags=parse_tags(event["text"]),
        updated_at=at,
        history=(*note.history, revision),
    )


@folds(NOTE_MOVED, undoable=False)
def _moved(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    book = notebook(state)
    note = book.by_id.get(event["note"])
    if note is None:
        return
    book.by_id[note.id] = replace(
        note,
        intervention_id=event.get("intervention_id"),
        item_id=event.get("item_id", note.item_id),
        session_id=event.get("session_id", note.session_id),
        updated_at=at,
    )


def _set_deleted(state: MeetingState, event: dict, at: datetime, deleted: bool) -> None:
    book = notebook(state)
    note = book.by_id.get(event["note"])
    if note is not None:
        book.by_id[note.id] = replace(note, deleted=deleted, updated_at=at)


@folds(NOTE_DELETED, undoable=False)
def _deleted(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    _set_deleted(state, event, at, True)


@folds(NOTE_RESTORED, undoable=False)
def _restored(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    _set_deleted(state, event, at, False)
