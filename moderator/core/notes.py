"""The rapporteur's record: notes stamped to a session, an item and an intervention.

A note is a fold of `note.*` events: added, edited (the previous text kept as a revision),
moved, deleted (soft) and restored; the `Notes` concept decides them and reads the notebook.
Note actions are not floor actions: undo never takes a note back (delete and restore do).

Edits carry the revision they started from. Each text a note has had was written by one event
(`note.added`, then each `note.edited`); its id is the note's `revision`. An edit names its
`base`, the revision whose text the editor started from: one made on a text that has changed
since is refused (`EditConflict`, with both texts), never applied over what its author did not
see. Two processes deciding at once are ordered by the store: the session appends an edit only
if its base is still the note's last text event (`Notes.rests_on`, compare-and-append), else it
folds the other's edit and decides again, which then refuses. Each text names its author, the
deciding console's name (`ConsoleIdentity.author`), stamped once when decided.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from itertools import chain
from types import EllipsisType
from typing import ClassVar
from uuid import uuid4

from moderator.core.actions import Refused, refuse_invalid_text, single
from moderator.core.context import MeetingContext
from moderator.core.events import Event, renamed
from moderator.core.floor import Floor
from moderator.core.fold import FoldContext, folds
from moderator.core.model import Roster
from moderator.core.notebook import Note as Note
from moderator.core.notebook import NoteBook as NoteBook
from moderator.core.notebook import NoteRevision as NoteRevision
from moderator.core.notebook import NoteTag as NoteTag
from moderator.core.notebook import NoteVersion as NoteVersion
from moderator.core.notebook import notebook as notebook
from moderator.core.notebook import parse_tags as parse_tags
from moderator.core.notebook import read_notebook
from moderator.core.speaker_names import journal_name
from moderator.core.state import InterventionRecord, MeetingState


def _event_id() -> str:
    return uuid4().hex


# Version 2 of `note.added` and `note.edited` adds `author` (and, for an edit, `base`): an event
# of version 1 reads with no author and no base (`renamed()`: no key renamed, the fields added
# read their defaults).
@dataclass(frozen=True, slots=True)
class NoteAdded(Event):
    """A new note on an intervention, or (`intervention_id` None) on an item as a whole.
    `role`: who wrote it (the envelope's role, read with the payload); `author`: their name.
    `id`: the event's own id (the envelope's, read with the payload: the note's first
    revision), made when it is decided."""

    TYPE: ClassVar[str] = "note.added"
    VERSION: ClassVar[int] = 2
    UPCASTS = {1: renamed()}
    note: str
    text: str
    session_id: str | None = None
    item_id: str | None = None
    intervention_id: str | None = None
    role: str = ""
    author: str = ""
    id: str = field(default_factory=_event_id)


@dataclass(frozen=True, slots=True)
class NoteEdited(Event):
    """A note's new text. `base`: the revision it was written on (the id of the event that
    wrote the text the editor started from; None in records of version 1). `id`: the event's
    own id, the note's new revision."""

    TYPE: ClassVar[str] = "note.edited"
    VERSION: ClassVar[int] = 2
    UPCASTS = {1: renamed()}
    note: str
    text: str
    role: str = ""
    base: str | None = None
    author: str = ""
    id: str = field(default_factory=_event_id)


@dataclass(frozen=True, slots=True)
class NoteMoved(Event):
    TYPE: ClassVar[str] = "note.moved"
    note: str
    session_id: str | None = None
    item_id: str | None = None
    intervention_id: str | None = None


@dataclass(frozen=True, slots=True)
class NoteDeleted(Event):
    TYPE: ClassVar[str] = "note.deleted"
    note: str


@dataclass(frozen=True, slots=True)
class NoteRestored(Event):
    TYPE: ClassVar[str] = "note.restored"
    note: str


NOTE_ADDED = NoteAdded.TYPE
NOTE_EDITED = NoteEdited.TYPE
NOTE_MOVED = NoteMoved.TYPE
NOTE_DELETED = NoteDeleted.TYPE
NOTE_RESTORED = NoteRestored.TYPE


class EditConflict(Refused):
    """An edit made on a text of the note that has changed since: nothing was recorded.

    `theirs` is the note's text now (written by `by`, at revision `revision`), `mine` the
    text the edit would have saved: the editor shows both, and its author keeps theirs, takes
    the other or merges by hand, then saves on `revision`.
    """

    def __init__(self, note: Note, mine: str) -> None:
        super().__init__(f"Meanwhile {note.last_author} changed this note: both texts are "
                         "shown; keep yours, take theirs, or merge them")
        self.note_id, self.mine, self.theirs = note.id, mine, note.text
        self.revision, self.by = note.revision, note.last_author


@dataclass(frozen=True, slots=True)
class NoteTarget:
    """What a note is about: an intervention (and its item), or an item as a whole."""

    item_id: str | None
    intervention_id: str | None


class NoteContext:
    """What a search reads about a note besides its text: its speaker, item and session."""

    def __init__(self, context: MeetingContext) -> None:
        self.context = context
        self._records: dict[str, InterventionRecord] | None = None
        self._titles: dict[str | None, str] | None = None
        self._speakers: dict[str, str] = {}

    def __call__(self, note: Note) -> str:
        if self._records is None:  # built once per search, only when a word needs it
            state = self.context.state
            live = [r for r in (state.floor, state.suspended) if r is not None]
            self._records = {r.id: r for r in chain(state.log, live)}
            self._titles = {}
            for session, item in self.context.agenda.items():
                self._titles[item.id] = f"{item.title} {session.title}"
        words = [self._titles.get(note.item_id, "") if self._titles else ""]
        if note.intervention_id is not None:
            words.append(self._speaker(note.intervention_id))
        return " ".join(words)

    def _speaker(self, intervention_id: str) -> str:
        if intervention_id not in self._speakers:
            record = self._records.get(intervention_id) if self._records else None
            self._speakers[intervention_id] = "" if record is None else speaker_words(
                self.context.roster, record.who, record.guest, record.on_behalf,
                tuple(record.alignment))
        return self._speakers[intervention_id]


class Notes:
    """The rapporteur's notes: the views of the notebook and the decisions that change it."""

    def __init__(self, context: MeetingContext, floor: Floor) -> None:
        self.context = context
        self.floor = floor

    # -- views --

    def notes(self, item_id: str | None = None, *, include_deleted: bool = False) -> list[Note]:
        """The notes of an item (every note when `item_id` is None), in order of creation."""
        book = read_notebook(self.context.state)
        if item_id is None:
            return book.all(include_deleted=include_deleted)
        return book.of_item(item_id, include_deleted=include_deleted)

    def notes_for(self, intervention_id: str) -> list[Note]:
        """The notes attached to one intervention, in order of creation."""
        return read_notebook(self.context.state).of_intervention(intervention_id)

    def search_notes(self, query: str) -> list[Note]:
        """Notes matching every word and #tag of `query`, accent- and case-insensitive.

        A word matches the note's text or tags, the speaker of its intervention (name or alias)
        or the title of its item or session: "norway" finds what was noted while Norway spoke.
        """
        return read_notebook(self.context.state).search(query, NoteContext(self.context))

    def note(self, note_id: str) -> Note | None:
        return read_notebook(self.context.state).by_id.get(note_id)

    def note_target(self) -> NoteTarget:
        """Where a note begun now belongs: the intervention in progress, else the current item
        as a whole (else the meeting in general). Fixed when typing begins, not at the save."""
        state = self.context.state
        if state.floor is not None:
            return NoteTarget(state.floor.item_id, state.floor.id)
        return NoteTarget(state.current_item, None)

    def default_intervention(self, item_id: str | None) -> str | None:
        """The intervention in progress on the item; with nobody on the floor, none (the note
        is on the item as a whole: never silently the last speaker's)."""
        floor = self.context.state.floor
        if floor is not None and (item_id is None or item_id == floor.item_id):
            return floor.id
        return None

    # -- decisions --

    def add_note(
        self,
        text: str,
        *,
        intervention_id: str | None | EllipsisType = ...,
        item_id: str | None = None,
        note_id: str | None = None,
    ) -> list[dict]:
        """A new note, stamped with the session, item and intervention it belongs to.

        By default the intervention in progress (with nobody on the floor, the item as a
        whole); `intervention_id=None`: the item as a whole. `note_id`: an id made where the
        note was begun (a browser page), so that saving it again is recognised.
        """
        if not text.strip():
            raise Refused("A note needs some text.")
        refuse_invalid_text(text, "note")
        if intervention_id is ...:
            intervention_id = self.default_intervention(item_id)
        stamp = self._stamp(intervention_id, item_id)
        return [self._event(NoteAdded(note_id or uuid4().hex, text, *stamp, role=self.context.role,
                                      author=self.context.console.author))]

    def edit_note(self, note_id: str, text: str, *, base: str | None = None) -> list[dict]:
        """Replace the text of a note; the previous text stays in its history.

        `base`: the revision the new text was written on (`Note.revision` when the editor
        opened the note). Refused with `EditConflict` when the note has another text since;
        nothing when it already says `text`. None: the note's current revision as this meeting
        has folded it (a command that shows no text to edit, like restoring a revision); the
        event names it all the same, so the store still refuses it over another process's
        edit recorded meanwhile.
        """
        note = self._existing(note_id)
        if note.deleted:
            # Nobody would see the edit: the note is in no list and no export.
            raise Refused("That note has been deleted; restore it before editing it.")
        if not text.strip():
            raise Refused("A note needs some text; delete it instead.")
        refuse_invalid_text(text, "note")
        if text == note.text:
            return []  # whatever it was written on, the note says it already
        if base is not None and base != note.revision:
            raise EditConflict(note, text)
        return [self._event(NoteEdited(note_id, text, role=self.context.role, base=note.revision,
                                       author=self.context.console.author))]

    @staticmethod
    def rests_on(events: list[dict]) -> tuple[str | None, Callable[[dict], bool]] | None:
        """What a note edit among `events` was decided on, for compare-and-append: its base,
        and which stored events would have changed the text since (the note's own text
        events). None when no event rests on a note's text."""
        for event in events:
            if event.get("type") == NOTE_EDITED and event.get("base"):
                return event["base"], partial(_writes_text_of, str(event.get("note")))
        return None

    def move_note(
        self, note_id: str, intervention_id: str | None, item_id: str | None = None
    ) -> list[dict]:
        """Attach a note to another intervention, or (None) to an item as a whole."""
        note = self._existing(note_id)
        stamp = self._stamp(intervention_id, item_id or (None if intervention_id else note.item_id))
        return [self._event(NoteMoved(note_id, *stamp))]

    def delete_note(self, note_id: str) -> list[dict]:
        """Soft delete: the note leaves every view and export, and can be restored."""
        note = self._existing(note_id)
        if note.deleted:
            raise Refused("That note is already deleted.")
        return [self._event(NoteDeleted(note_id))]

    def restore_note(self, note_id: str) -> list[dict]:
        """Undo of a delete."""
        note = self._existing(note_id)
        if not note.deleted:
            raise Refused("That note is not deleted.")
        return [self._event(NoteRestored(note_id))]

    def restore_revision(self, note_id: str, version: int) -> list[dict]:
        """Make version `version` of the note (1: its first text) its text again: a new
        revision, so the text it replaces stays in the history too."""
        note = self._existing(note_id)
        texts = [revision.text for revision in note.history] + [note.text]
        if not 1 <= version <= len(texts):
            raise Refused(f"The note has no version {version}.")
        if texts[version - 1] == note.text:
            raise Refused(f"Version {version} is the note's text already.")
        return self.edit_note(note_id, texts[version - 1])

    # -- helpers --

    def _event(self, event: Event) -> dict:
        return single(self.context, event)

    def _existing(self, note_id: str) -> Note:
        note = read_notebook(self.context.state).by_id.get(note_id)
        if note is None:
            raise Refused("There is no such note.")
        return note

    def _stamp(self, intervention_id: str | None, item_id: str | None
               ) -> tuple[str | None, str | None, str | None]:
        """(session, item, intervention) of a note on `intervention_id`, else on the item."""
        if intervention_id is not None:
            record = self.floor.intervention(intervention_id)
            if record is None:
                raise Refused("There is no such intervention.")
            return record.session_id, record.item_id, intervention_id
        item_id = item_id or self.context.state.current_item
        found = self.context.agenda.find_item(item_id) if item_id else None
        if item_id and found is None:
            raise Refused(f"There is no item {item_id} on the agenda.")
        session_id = found[0].id if found else None
        return session_id, item_id, None


def speaker_words(roster: Roster, who: str | None, guest: str | None, on_behalf: str | None,
                  alignment: tuple[str, ...]) -> str:
    """A speaker as a search reads them: the journal's name and every alias of the delegation."""
    words = [journal_name(roster, who, guest, on_behalf, alignment)]
    for ref in (who, on_behalf):
        delegation = roster.delegations.get(ref) if ref else None
        if delegation is not None:
            words += delegation.aliases
        speaker = roster.speakers.get(ref) if ref else None
        if speaker is not None:
            words += [speaker.name, speaker.affiliation]
            if speaker.delegation:
                words.append(roster.name_of(speaker.delegation))
    return " ".join(words)


def _writes_text_of(note_id: str, event: dict) -> bool:
    """`event` wrote a text of the note `note_id` (its added or an edit)."""
    return event.get("note") == note_id and event.get("type") in (NOTE_ADDED, NOTE_EDITED)


# Notes are not floor actions: `Meeting.undo` never takes one back.
@folds(NoteAdded, undoable=False)
def _added(context: FoldContext, state: MeetingState, event: NoteAdded, at: datetime) -> None:
    book = notebook(state)
    if event.note in book.by_id:
        # The same note added again: a browser's retry changes nothing, and a second tab's
        # other text under the same id is kept as a revision rather than dropped.
        _rewritten(book, book.by_id[event.note], event.text, at, event.role, event.author,
                   event.id)
        return
    book.put(Note(
        id=event.note,
        text=event.text,
        tags=parse_tags(event.text),
        session_id=event.session_id,
        item_id=event.item_id,
        intervention_id=event.intervention_id,
        created_at=at,
        updated_at=at,
        role=event.role,
        author=event.author,
        revision=event.id,
    ))


@folds(NoteEdited, undoable=False)
def _edited(context: FoldContext, state: MeetingState, event: NoteEdited, at: datetime) -> None:
    book = notebook(state)
    note = book.by_id.get(event.note)
    if note is not None:
        _rewritten(book, note, event.text, at, event.role, event.author, event.id)


def _rewritten(book: NoteBook, note: Note, text: str, at: datetime, role: str, author: str,
               revision: str) -> None:
    """`note` with `text`, written by the event `revision`: the text it replaces goes to its
    history. The same text again keeps the history as it is, and only takes the newer event as
    its revision (what the store reads as its last text event, an edit's base, too)."""
    if note.revision == revision:
        return  # the same event folded twice
    if note.text == text:
        book.put(replace(note, revision=revision))
        return
    replaced = NoteRevision(text=note.text, at=at, role=role, author=author,
                            revision=note.revision)
    book.put(replace(
        note,
        text=text,
        tags=parse_tags(text),
        updated_at=at,
        history=(*note.history, replaced),
        revision=revision,
    ))


@folds(NoteMoved, undoable=False)
def _moved(context: FoldContext, state: MeetingState, event: NoteMoved, at: datetime) -> None:
    book = notebook(state)
    note = book.by_id.get(event.note)
    if note is None:
        return
    book.put(replace(
        note,
        intervention_id=event.intervention_id,
        item_id=event.item_id,
        session_id=event.session_id,
        updated_at=at,
    ))


def _set_deleted(state: MeetingState, note_id: str, at: datetime, deleted: bool) -> None:
    book = notebook(state)
    note = book.by_id.get(note_id)
    if note is not None:
        book.put(replace(note, deleted=deleted, updated_at=at))


@folds(NoteDeleted, undoable=False)
def _deleted(context: FoldContext, state: MeetingState, event: NoteDeleted, at: datetime) -> None:
    _set_deleted(state, event.note, at, True)


@folds(NoteRestored, undoable=False)
def _restored(context: FoldContext, state: MeetingState, event: NoteRestored, at: datetime) -> None:
    _set_deleted(state, event.note, at, False)
