"""The rapporteur's notes as the meeting keeps them: `Note`, its revisions and tags, and the
`NoteBook` that indexes them (folded from `note.*` events by `notes.py`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from moderator.core.search import search_key
from moderator.core.state import MeetingState


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
# (The "#" first, then what stands before it: the engine then looks for "#" alone, quickly.)
TAG = re.compile(r"#(?<![\w#]#)(\w[\w-]*)")


def parse_tags(text: str) -> tuple[str, ...]:
    """The tags of a text, lower-case, in order of first appearance, without repeats."""
    if "#" not in text:
        return ()
    seen: dict[str, None] = {}
    for match in TAG.finditer(text):
        seen.setdefault(match.group(1).rstrip("-").casefold(), None)
    return tuple(seen)


@dataclass(frozen=True, slots=True)
class NoteRevision:
    """A previous text of a note, who replaced it and when.

    `author`: the name of who replaced it (their console's, or their rapporteur link's; "" in
    records made before revisions were named). `revision`: the id of the event that wrote this
    text (what an edit made on it names as its base).
    """

    text: str
    at: datetime
    role: str
    author: str = ""
    revision: str = ""


@dataclass(frozen=True, slots=True)
class NoteVersion:
    """One text a note has had: its number (1 the first), when and by whom it was written."""

    number: int
    text: str
    at: datetime
    role: str
    author: str
    revision: str  # the id of the event that wrote it
    current: bool

    @property
    def by(self) -> str:
        """Who wrote it, in words: the author's name, else the role ("the rapporteur")."""
        return self.author or f"the {self.role or 'unknown'}"


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
    author: str = ""  # the name of who wrote the first text ("" before revisions were named)
    # The id of the event that wrote the current text: the base an edit of it names.
    revision: str = ""

    @property
    def title(self) -> str:
        """The first line of the text, for one-line lists."""
        return self.text.strip().splitlines()[0] if self.text.strip() else ""

    @property
    def version(self) -> int:
        """The number of the current text (1: never edited)."""
        return len(self.history) + 1

    def versions(self) -> list[NoteVersion]:
        """Every text the note has had, oldest first, each with when and by whom it was
        written (history[i] was replaced by history[i].author: who wrote text i + 1)."""
        texts = [(r.text, r.revision) for r in self.history] + [(self.text, self.revision)]
        written = [(self.created_at, self.role, self.author)] + [
            (r.at, r.role, r.author) for r in self.history]
        last = len(texts)
        return [NoteVersion(number, text, at, role, author, revision, number == last)
                for number, ((text, revision), (at, role, author))
                in enumerate(zip(texts, written, strict=True), start=1)]

    @property
    def last_author(self) -> str:
        """Who wrote the current text, in words."""
        return self.versions()[-1].by


class NoteBook:
    """Every note of the meeting, in order of creation; folded from `note.*` events.

    Indexed by item and by intervention (the export and the consoles list one item's notes;
    filtering every note for each was quadratic over a week). A checkpoint copies nothing: it
    marks how far the book's log of changes went, and a restore takes those changes back.
    """

    def __init__(self) -> None:
        self.by_id: dict[str, Note] = {}
        self._order: dict[str, int] = {}  # note id -> its place in order of creation
        self._by_item: dict[str | None, dict[str, None]] = {}
        self._by_intervention: dict[str | None, dict[str, None]] = {}
        # (note id, the note before the change or None): what a checkpoint's restore takes back.
        self._changes: list[tuple[str, Note | None]] = []

    def put(self, note: Note) -> None:
        """Add or replace a note (the fold's one way to change the book)."""
        before = self.by_id.get(note.id)
        self._changes.append((note.id, before))
        self._place(note, before)

    def _place(self, note: Note, before: Note | None) -> None:
        if before is None:
            self._order.setdefault(note.id, len(self._order))
        else:
            self._unindex(before)
        self.by_id[note.id] = note
        self._by_item.setdefault(note.item_id, {})[note.id] = None
        self._by_intervention.setdefault(note.intervention_id, {})[note.id] = None

    def _unindex(self, note: Note) -> None:
        self._by_item.get(note.item_id, {}).pop(note.id, None)
        self._by_intervention.get(note.intervention_id, {}).pop(note.id, None)

    def checkpoint(self) -> NoteBookMark:
        """The book as it is now, kept as a mark in its log of changes (no copy)."""
        return NoteBookMark(self, len(self._changes))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NoteBook) and self.by_id == other.by_id

    @classmethod
    def of(cls, notes: Iterable[Note]) -> NoteBook:
        """A book holding `notes` (in their order of creation), with no change to take back:
        a book read back from a snapshot, older than any checkpoint."""
        book = cls()
        listed = list(notes)
        book.by_id = {note.id: note for note in listed}
        if len(book.by_id) != len(listed):
            raise ValueError("a note twice")
        book._order = {note_id: place for place, note_id in enumerate(book.by_id)}
        by_item, by_intervention = book._by_item, book._by_intervention
        for note in listed:  # (not setdefault: it made an empty dict for every note)
            key = note.item_id
            if key in by_item:
                by_item[key][note.id] = None
            else:
                by_item[key] = {note.id: None}
            key = note.intervention_id
            if key in by_intervention:
                by_intervention[key][note.id] = None
            else:
                by_intervention[key] = {note.id: None}
        return book

    def of_item(self, item_id: str | None, *, include_deleted: bool = False) -> list[Note]:
        """The notes of one item (None: of no item), in order of creation."""
        return self._listed(self._by_item.get(item_id, {}), include_deleted)

    def of_intervention(self, intervention_id: str | None) -> list[Note]:
        """The notes of one intervention (None: on an item as a whole), in order of creation."""
        return self._listed(self._by_intervention.get(intervention_id, {}), False)

    def _listed(self, ids: dict[str, None], include_deleted: bool) -> list[Note]:
        order = self._order
        notes = [self.by_id[i] for i in sorted(ids, key=order.__getitem__)]
        return notes if include_deleted else [n for n in notes if not n.deleted]

    def all(self, *, include_deleted: bool = False) -> list[Note]:
        return [n for n in self.by_id.values() if include_deleted or not n.deleted]

    def search(self, query: str, context: Callable[[Note], str] | None = None) -> list[Note]:
        """Notes holding every word (accent- and case-insensitive) and every #tag of the query.

        A word is looked for in the note's text, its tags (and their meaning: "recommendation"
        for #rec) and in what `context` says of the note (its speaker and item, say).
        """
        tags = set(parse_tags(query))
        words = [search_key(w) for w in TAG.sub(" ", query).split()]
        found = []
        for note in self.all():
            if not tags.issubset(note.tags):
                continue
            haystack = search_key(" ".join([note.text, *note.tags, *(TAG_WORDS.get(t, "") for t in
                                                                 note.tags)]))
            if words and context is not None and not all(w in haystack for w in words):
                haystack += " " + search_key(context(note))
            if all(w in haystack for w in words):
                found.append(note)
        return found


class NoteBookMark:
    """A checkpoint of a `NoteBook`: the book and how many changes it had then."""

    __slots__ = ("book", "changes")

    def __init__(self, book: NoteBook, changes: int) -> None:
        self.book, self.changes = book, changes

    def checkpoint(self) -> NoteBook:
        """A live book equal to the one marked (the changes since are taken back, newest first).

        The book's dicts are copied whole and only the changes since the mark are taken back
        in the copies: an undo with 10,000 notes rebuilt every index note by note (10 ms of
        the key), where copying them takes a tenth of that."""
        book = self.book
        restored = NoteBook()
        by_id = restored.by_id = dict(book.by_id)
        order = restored._order = dict(book._order)
        restored._by_item = {key: dict(ids) for key, ids in book._by_item.items()}
        restored._by_intervention = {key: dict(ids) for key, ids in book._by_intervention.items()}
        for note_id, before in reversed(book._changes[self.changes:]):
            restored._unindex(by_id[note_id])
            if before is None:  # made after the mark
                del by_id[note_id]
                del order[note_id]
            else:
                restored._place(before, before)
        return restored


def read_notebook(state: MeetingState) -> NoteBook:
    """The notes kept in the meeting's state, for reading: an empty book when there are none
    yet, never stored (a view must not change the state it reads)."""
    book = state.extensions.get("notes")
    return book if book is not None else NoteBook()


def notebook(state: MeetingState) -> NoteBook:
    """The notes kept in the meeting's state, for a fold to change (created on first use)."""
    book = state.extensions.get("notes")
    if book is None:
        book = state.extensions["notes"] = NoteBook()
    return book
