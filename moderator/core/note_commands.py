"""The note commands and views of the meeting: `Meeting` inherits them from `NotesMixin`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from types import EllipsisType
from uuid import uuid4

from moderator.core.clock import Clock
from moderator.core.commands import Refused, refuse_invalid_text
from moderator.core.events import new_event, origin
from moderator.core.identity import ConsoleIdentity
from moderator.core.journal import journal_name
from moderator.core.model import Agenda, Roster
from moderator.core.notes import (
    NOTE_ADDED,
    NOTE_DELETED,
    NOTE_EDITED,
    NOTE_MOVED,
    NOTE_RESTORED,
    Note,
    notebook,
)
from moderator.core.state import InterventionRecord, MeetingState
from moderator.core.timer import view_of
from moderator.core.views import Intervention


@dataclass(frozen=True, slots=True)
class NoteTarget:
    """What a note is about: an intervention (and its item), or an item as a whole."""

    item_id: str | None
    intervention_id: str | None


class NoteContext:
    """What a search reads about a note besides its text: its speaker, item and session."""

    def __init__(self, meeting: NotesMixin) -> None:
        self.meeting = meeting
        self._records: dict[str, InterventionRecord] | None = None
        self._titles: dict[str | None, str] | None = None
        self._speakers: dict[str, str] = {}

    def __call__(self, note: Note) -> str:
        if self._records is None:  # built once per search, only when a word needs it
            m = self.meeting
            live = [r for r in (m.state.floor, m.state.suspended) if r is not None]
            self._records = {r.id: r for r in chain(m.state.log, live)}
            self._titles = {}
            for session, item in m.agenda.items():
                self._titles[item.id] = f"{item.title} {session.title}"
        words = [self._titles.get(note.item_id, "") if self._titles else ""]
        if note.intervention_id is not None:
            words.append(self._speaker(note.intervention_id))
        return " ".join(words)

    def _speaker(self, intervention_id: str) -> str:
        if intervention_id not in self._speakers:
            record = self._records.get(intervention_id) if self._records else None
            self._speakers[intervention_id] = "" if record is None else speaker_words(
                self.meeting.roster, record.who, record.guest, record.on_behalf,
                tuple(record.alignment))
        return self._speakers[intervention_id]


class NotesMixin:
    """The note commands and views of `Meeting` (which provides the state, clock and role)."""

    agenda: Agenda
    roster: Roster
    clock: Clock
    role: str
    console: ConsoleIdentity
    state: MeetingState

    # -- views --

    def notes(self, item_id: str | None = None, *, include_deleted: bool = False) -> list[Note]:
        """The notes of an item (every note when `item_id` is None), in order of creation."""
        book = notebook(self.state)
        if item_id is None:
            return book.all(include_deleted=include_deleted)
        return book.of_item(item_id, include_deleted=include_deleted)

    def notes_for(self, intervention_id: str) -> list[Note]:
        """The notes attached to one intervention, in order of creation."""
        return notebook(self.state).of_intervention(intervention_id)

    def search_notes(self, query: str) -> list[Note]:
        """Notes matching every word and #tag of `query`, accent- and case-insensitive.

        A word matches the note's text or tags, the speaker of its intervention (name or alias)
        or the title of its item or session: "norway" finds what was noted while Norway spoke.
        """
        return notebook(self.state).search(query, NoteContext(self))

    def note(self, note_id: str) -> Note | None:
        return notebook(self.state).by_id.get(note_id)

    def intervention(self, intervention_id: str) -> Intervention | None:
        """Any intervention of the meeting by id, finished or in progress."""
        for record in self._newest_records():
            if record.id == intervention_id:
                return view_of(record)
        return None

    def _newest_records(self) -> Iterator[InterventionRecord]:
        """Interventions newest first, each once. A note is almost always stamped to a recent
        one: searching from the end keeps a note's cost flat over a week (it grew with the log)."""
        seen: set[str] = set()
        live = (r for r in (self.state.floor, self.state.suspended) if r is not None)
        for record in chain(live, reversed(self.state.log)):
            if record.id not in seen:
                seen.add(record.id)
                yield record

    # -- commands --

    def add_note(
        self,
        text: str,
        *,
        intervention_id: str | None | EllipsisType = ...,
        item_id: str | None = None,
        note_id: str | None = None,
    ) -> list[dict]:
        """A new note, stamped with the session, item and intervention it belongs to.

        By default the intervention in progress, or the item's last one when nobody holds the
        floor; `intervention_id=None` puts the note on the item as a whole. `note_id`: an id
        made where the note was begun (a browser page), so that saving it again is recognised.
        """
        if not text.strip():
            raise Refused("A note needs some text.")
        refuse_invalid_text(text, "note")
        if intervention_id is ...:
            intervention_id = self._default_intervention(item_id)
        stamp = self._stamp(intervention_id, item_id)
        return [self._note_event(NOTE_ADDED, note=note_id or uuid4().hex, text=text, **stamp)]

    def edit_note(self, note_id: str, text: str) -> list[dict]:
        """Replace the text of a note; the previous text stays in its history."""
        note = self._existing(note_id)
        if note.deleted:
            # Nobody would see the edit: the note is in no list and no export.
            raise Refused("That note has been deleted; restore it before editing it.")
        if not text.strip():
            raise Refused("A note needs some text; delete it instead.")
        refuse_invalid_text(text, "note")
        if text == note.text:
            return []
        return [self._note_event(NOTE_EDITED, note=note_id, text=text)]

    def move_note(
        self, note_id: str, intervention_id: str | None, item_id: str | None = None
    ) -> list[dict]:
        """Attach a note to another intervention, or (None) to an item as a whole."""
        note = self._existing(note_id)
        stamp = self._stamp(intervention_id, item_id or (None if intervention_id else note.item_id))
        return [self._note_event(NOTE_MOVED, note=note_id, **stamp)]

    def delete_note(self, note_id: str) -> list[dict]:
        """Soft delete: the note leaves every view and export, and can be restored."""
        note = self._existing(note_id)
        if note.deleted:
            raise Refused("That note is already deleted.")
        return [self._note_event(NOTE_DELETED, note=note_id)]

    def restore_note(self, note_id: str) -> list[dict]:
        """Undo of a delete."""
        note = self._existing(note_id)
        if not note.deleted:
            raise Refused("That note is not deleted.")
        return [self._note_event(NOTE_RESTORED, note=note_id)]

    # -- helpers --

    def _note_event(self, type: str, **payload: object) -> dict:
        return new_event(type, self.clock.now(), self.role,
                         **origin(self.clock, self.console), **payload)

    def _existing(self, note_id: str) -> Note:
        note = notebook(self.state).by_id.get(note_id)
        if note is None:
            raise Refused("There is no such note.")
        return note

    def note_target(self) -> NoteTarget:
        """Where a note begun now belongs: the intervention in progress, else the current item
        as a whole (else the meeting in general). Fixed when typing begins, not at the save."""
        floor = self.state.floor
        if floor is not None:
            return NoteTarget(floor.item_id, floor.id)
        return NoteTarget(self.state.current_item, None)

    def _default_intervention(self, item_id: str | None) -> str | None:
        """The intervention in progress on the item; with nobody on the floor, none (the note
        is on the item as a whole: never silently the last speaker's)."""
        floor = self.state.floor
        if floor is not None and (item_id is None or item_id == floor.item_id):
            return floor.id
        return None

    def _stamp(self, intervention_id: str | None, item_id: str | None) -> dict:
        if intervention_id is not None:
            record = self.intervention(intervention_id)
            if record is None:
                raise Refused("There is no such intervention.")
            return {
                "session_id": record.session_id,
                "item_id": record.item_id,
                "intervention_id": intervention_id,
            }
        item_id = item_id or self.state.current_item
        found = self.agenda.find_item(item_id) if item_id else None
        if item_id and found is None:
            raise Refused(f"There is no item {item_id} on the agenda.")
        session_id = found[0].id if found else None
        return {"session_id": session_id, "item_id": item_id, "intervention_id": None}


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
