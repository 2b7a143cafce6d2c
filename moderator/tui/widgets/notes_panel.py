"""An item's notes listed under the intervention they belong to, and the console's notes panel."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import Reactive

from moderator.core import Meeting
from moderator.core.notes import Note
from moderator.core.views import Intervention
from moderator.tui.frame import FollowsFrame, Frame, Pace, value
from moderator.tui.keys import bindings
from moderator.tui.live import SessionLink
from moderator.tui.text import plain, sanitise
from moderator.tui.widgets.listing import Entry, Listing
from moderator.tui.widgets.note_actions import NoteActions, NoteChoice
from moderator.tui.widgets.note_editor import NoteEditor
from moderator.tui.widgets.note_lines import note_line, speaker_line


def _undone(meeting: Meeting, note: Note) -> bool:
    """The note was stamped to an intervention the meeting no longer holds (an undo took it)."""
    return note.intervention_id is not None and meeting.intervention(note.intervention_id) is None


def _shown_of(talk: Intervention) -> tuple:
    """What a speaker's line shows (its running times do not)."""
    return (talk.id, talk.who, talk.guest, talk.on_behalf, talk.alignment, talk.kind,
            talk.started_at, talk.ended_at is None)


@dataclass(frozen=True)
class NotesListed:
    """An item's notes as the list shows them, compared by what it shows: most events (the
    timer, other items, the list of speakers) leave it equal, and nothing is built again."""

    meeting: Meeting = field(compare=False)
    now: datetime = field(compare=False)
    item_id: str | None
    notes: tuple[Note, ...]
    talks: tuple[Intervention, ...] = field(compare=False)
    shows: tuple = field(repr=False)  # what the speakers' lines show (running times do not)
    suspended: str | None

    @classmethod
    def of(cls, frame: Frame, item_id: str | None) -> NotesListed:
        meeting = frame.meeting
        notes = meeting.notes(item_id) if item_id is not None else \
            [n for n in meeting.notes() if n.item_id is None]
        talks = tuple(meeting.log(item_id)) if item_id else ()
        suspended = meeting.suspended()
        return cls(meeting, frame.now, item_id, tuple(notes), talks,
                   tuple(_shown_of(talk) for talk in talks),
                   suspended.id if suspended is not None else None)


class ItemNotes(Listing):
    """The notes of one item grouped by intervention; a note is an entry keyed by its id.
    Set `listed` to list an item's notes, or call `show_found`."""

    listed: Reactive[NotesListed | None] = value(None)

    # No key that types text: typing here goes to the note editor (see `on_key`).
    BINDINGS = bindings("notes")

    class Chosen(Message):
        """A key of the list was pressed on a note (`note_id` None: no note highlighted)."""

        def __init__(self, what: NoteChoice, note_id: str | None) -> None:
            super().__init__()
            self.what, self.note_id = what, note_id

    class Typed(Message):
        """A character typed while the list had the focus: it belongs in the editor."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._listing: tuple[str, str | None] | None = None  # ("item", id) or ("found", None)
        self._reveal: str | None = None  # the note to highlight once it is listed
        # The entries last listed, by what they show: a refresh builds only the new ones.
        self._made: dict[tuple, Entry] = {}

    @property
    def highlighted_note(self) -> str | None:
        """The id of the note under the cursor, or None."""
        return self.highlighted_key

    def shown(self) -> list[str]:
        """The list's lines as they read, one entry each (headings included)."""
        return [entry.text.plain for entry in self.entries]

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        # Like an input: the screen's single-letter keys do not fire from here either.
        return character is not None and character.isprintable()

    def on_key(self, event: events.Key) -> None:
        """A rapporteur who keeps typing after Escape types into the editor, never on a note."""
        if event.is_printable:
            event.stop()
            event.prevent_default()
            self.post_message(self.Typed(event.character or ""))

    def reveal(self, note_id: str) -> None:
        """Highlight a note and scroll to it: now, or as soon as the list shows it."""
        self._reveal = note_id
        self._apply_reveal()

    def _apply_reveal(self) -> None:
        if self._reveal is None:
            return
        index = self.index_of(self._reveal)
        if index is None:
            return
        self._reveal = None
        self.highlighted = index
        self.scroll_to_highlight()

    def watch_listed(self, listed: NotesListed | None) -> None:
        if listed is None:
            return
        made, self._made = self._made, {}
        self._replace(self._grouped(listed.meeting, listed.now, list(listed.notes),
                                    listed.talks, made), ("item", listed.item_id))

    def show_found(self, meeting: Meeting, notes: list[Note], query: str = "") -> None:
        """Search results across items, how many first: each note under its item and speaker."""
        self.listed = None  # back on an item, its notes are listed again
        count = f"{len(notes):,} note{'s' * (len(notes) != 1)} found"
        if query.strip():
            count += f" for “{sanitise(query.strip())}”"
        entries: list[Entry] = [Entry(Text(count, style="bold"))] if notes else []
        for note in notes:
            where = meeting.agenda.find_item(note.item_id) if note.item_id else None
            head = plain(where[1].title if where else "No item", "italic")
            talk = meeting.intervention(note.intervention_id) if note.intervention_id else None
            if talk is not None:
                head.append(" · ")
                head.append_text(plain(meeting.label_of(talk)))
            entries += [Entry(head), Entry(note_line(note), note.id)]
        if not notes:
            entries.append(Entry(Text("No note matches", style="dim")))  # 0 found, in words
        self._replace(entries, ("found", None))

    def _entry(self, made: dict[tuple, Entry], shows: tuple, build: Callable[[], Entry]) -> Entry:
        """The entry that shows `shows`: the one listed last time, or a new one."""
        entry = made.get(shows) or build()
        self._made[shows] = entry
        return entry

    def _grouped(self, meeting: Meeting, now: datetime, notes: list[Note],
                 talks: list[Intervention], made: dict[tuple, Entry]) -> list[Entry]:
        def note_entry(n: Note, undone: bool = False) -> Entry:
            return self._entry(made, (n, undone), lambda: Entry(note_line(n, undone=undone), n.id))

        def speaker_entry(talk: Intervention) -> Entry:
            # Its line shows who, the kind, the start, and whether it is in progress.
            return self._entry(made, (_shown_of(talk), talk.id == suspended),
                               lambda: Entry(speaker_line(meeting, talk, now)))

        held = meeting.suspended()
        suspended = held.id if held is not None else None
        entries: list[Entry] = []
        spoken: dict[str | None, list[Note]] = {talk.id: [] for talk in talks}
        whole: list[Note] = []
        for note in notes:  # one pass: grouping per speaker was notes x speakers
            spoken.get(note.intervention_id, whole).append(note)
        # A note whose intervention is not in the log (undone, say) is never hidden: it shows
        # on the item as a whole, marked.
        if whole:
            entries.append(Entry(Text("On the item as a whole", style="italic")))
            entries += [note_entry(n, _undone(meeting, n)) for n in whole]
        for talk in talks:
            entries.append(speaker_entry(talk))
            entries += [note_entry(n) for n in spoken[talk.id]]
        if not entries:
            entries.append(Entry(Text("No notes on this item yet", style="dim")))
        return entries

    def _replace(self, entries: list[Entry], listing: tuple[str, str | None]) -> None:
        """Show `entries`; on the same list (the same item, or search results) the highlighted
        note stays highlighted, and the scroll stays where it was."""
        if listing != self._listing:
            # Another item, or the search opened or closed: from the top, the highlighted
            # note highlighted still if this list holds it (a note found, the search closed).
            self._listing = listing
            current = self.highlighted_note
            self.scroll_to(y=0, animate=False, immediate=True)
            self.set_entries(entries, highlight=self._index_in(entries, current))
            self._apply_reveal()
            return
        if [entry.shows for entry in entries] == [entry.shows for entry in self.entries]:
            self._apply_reveal()  # unchanged: keep the highlight and the scroll still
            return
        current, was_at = self.highlighted_note, self.highlighted
        keys = [entry.key for entry in entries]
        highlight = self._index_in(entries, current)
        if highlight is None and current is not None and was_at is not None:
            # The highlighted note left (deleted, moved): the next one takes its place.
            after = [i for i, key in enumerate(keys) if key and i >= was_at]
            before = [i for i, key in enumerate(keys) if key and i < was_at]
            if after or before:
                highlight = (after or before[-1:])[0]
        self.set_entries(entries, highlight=highlight)
        self._apply_reveal()

    @staticmethod
    def _index_in(entries: list[Entry], note_id: str | None) -> int | None:
        if note_id is None:
            return None
        return next((i for i, entry in enumerate(entries) if entry.key == note_id), None)

    def _choose(self, what: NoteChoice) -> None:
        self.post_message(self.Chosen(what, self.highlighted_note))

    def action_select(self) -> None:  # a click on a note
        self._choose(NoteChoice.EDIT)

    def action_edit_note(self) -> None:
        self._choose(NoteChoice.EDIT)

    def action_move_note(self) -> None:
        self._choose(NoteChoice.MOVE)

    def action_delete_note(self) -> None:
        self._choose(NoteChoice.DELETE)

    def action_restore_note(self) -> None:
        self._choose(NoteChoice.RESTORE)

    def action_note_history(self) -> None:
        self._choose(NoteChoice.REVISIONS)


class NotesPanel(FollowsFrame, Vertical):
    """The console's notes on the current item, and an editor to add one (ctrl+n reaches it)."""

    # Notes and speakers change only with events: with 10,000 notes, listing them again on
    # every tick was the console's largest cost while nothing happened.
    PACE = Pace.RECORD
    DEFAULT_CSS = """
    NotesPanel { width: 44; height: 1fr; padding: 0 1; }
    NotesPanel #item-notes { height: 1fr; border: round $primary; }
    NotesPanel #note-input { height: 8; border: round $accent; }
    NotesPanel #note-input:focus { border: heavy $accent; height: 12; }
    """

    def __init__(self, link: SessionLink, **kwargs) -> None:
        super().__init__(**kwargs)
        self.link = link
        self.actions = NoteActions(link, link.app, lambda: self.query_one(NoteEditor),
                                   lambda: self.query_one(ItemNotes))
        self._unlisted = False  # a frame came while hidden: list its notes once shown

    def compose(self) -> ComposeResult:
        yield ItemNotes(id="item-notes")
        editor = NoteEditor(self.link, f"{self.link.meeting.role}-notes", id="note-input")
        editor.border_title = "New note"
        yield editor

    def draw(self, frame: Frame, *, hidden_too: bool = False) -> None:
        """List the current item's notes; while the panel is hidden, only once it shows."""
        # Where a note begun now would go follows the floor at once, not at the next draft.
        self.query_one(NoteEditor).show_target()
        if not self.display and not hidden_too:
            # Below 150 columns the panel is hidden unless the moderator writes: listing a
            # long item's notes there cost more than everything else giving the floor did.
            self._unlisted = True
            return
        self._unlisted = False
        item = frame.meeting.current_item()
        self.query_one(ItemNotes).listed = NotesListed.of(frame, item.id if item else None)

    def list_notes(self) -> None:
        """List the notes now, shown or not (the panel is about to show)."""
        if self.frame is not None:
            self.draw(self.frame, hidden_too=True)

    def on_show(self) -> None:
        if self._unlisted and self.frame is not None:
            self.draw(self.frame)

    def focus_input(self) -> None:
        self.query_one(NoteEditor).focus()

    @on(ItemNotes.Chosen)
    def _chosen(self, chosen: ItemNotes.Chosen) -> None:
        chosen.stop()  # handled here, for the console; nothing else needs it
        self.actions.chosen(chosen)

    @on(ItemNotes.Typed)
    def _typed(self, typed: ItemNotes.Typed) -> None:
        typed.stop()
        self.actions.typed(typed.text)

    @on(NoteEditor.Saved)
    def _saved(self, saved: NoteEditor.Saved) -> None:
        saved.stop()
        self.query_one(ItemNotes).reveal(saved.note_id)

    @on(NoteEditor.Left)
    async def _left(self) -> None:
        # Escape returns to the floor: the console's list of speakers.
        await self.screen.run_action("focus_speakers")
