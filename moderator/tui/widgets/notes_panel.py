"""An item's notes listed under the intervention they belong to, and the console's notes panel."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from moderator.core import Meeting
from moderator.core.notes import Note
from moderator.core.views import Intervention
from moderator.tui.keys import bindings
from moderator.tui.live import SessionLink
from moderator.tui.text import plain, sanitise
from moderator.tui.widgets.note_actions import NoteActions
from moderator.tui.widgets.note_editor import NoteEditor
from moderator.tui.widgets.status import local


def speaker_line(meeting: Meeting, intervention: Intervention, now: datetime) -> Text:
    """`09:41  Türkiye  Statement`, with "speaking" (or "suspended") while it is in progress."""
    line = Text(f"{local(meeting, intervention.started_at):%H:%M}  ", style="dim")
    line.append_text(plain(meeting.label_of(intervention), "bold"))
    line.append(f"  {intervention.kind.label}", "dim")
    if intervention.ended_at is None:
        suspended = meeting.suspended()
        if suspended is not None and suspended.id == intervention.id:
            line.append("  suspended", "bold yellow")
        else:
            line.append("  speaking", "bold green")
    return line


# A list shows the beginning of a long note: a pasted speech of 5,000 words measured and drawn
# in full took seconds on every save; the editor and the revisions show all of it.
PREVIEW_LINES = 6
PREVIEW_CHARACTERS = 480


def preview(text: str) -> tuple[list[str], int]:
    """The first lines of `text` (each sanitised) and the number of words left out."""
    lines = text.strip().splitlines() or [""]
    shown, room = [], PREVIEW_CHARACTERS
    for line in lines[:PREVIEW_LINES]:
        if room <= 0:
            break
        shown.append(line[:room])
        room -= len(line)
    left = len(text.split()) - len(" ".join(shown).split())
    return [sanitise(line) for line in shown], max(0, left)


def note_line(note: Note, *, undone: bool = False) -> Text:
    """A note on one line or more: its text as typed (never markup), then its tags."""
    lines, left = preview(note.text)
    text = Text("  • " + "\n    ".join(lines))
    if left:
        text.append(f" … ({left:,} more words)", "dim")
    if note.history:
        text.append("  (edited)", "dim")
    if undone:
        text.append("  (its intervention was undone)", "dim")
    return text


def _undone(meeting: Meeting, note: Note) -> bool:
    """The note was stamped to an intervention the meeting no longer holds (an undo took it)."""
    return note.intervention_id is not None and meeting.intervention(note.intervention_id) is None


# What `ItemNotes._truncate` uses of OptionList: checked, or the list is rebuilt whole.
_OPTION_LIST_PARTS = ("_options", "_option_to_index", "_id_to_option", "_option_render_cache")


def _shown_of(talk: Intervention) -> tuple:
    """What a speaker's line shows (its running times do not)."""
    return (talk.id, talk.who, talk.guest, talk.on_behalf, talk.alignment, talk.kind,
            talk.started_at, talk.ended_at is None)


class ItemNotes(OptionList):
    """The notes of one item grouped by intervention; a note is an option whose id is its own."""

    # No key that types text: typing here goes to the note editor (see `on_key`).
    BINDINGS = bindings("notes")

    class Chosen(Message):
        def __init__(self, what: str, note_id: str | None) -> None:
            super().__init__()
            self.what, self.note_id = what, note_id

    class Typed(Message):
        """A character typed while the list had the focus: it belongs in the editor."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: tuple = ()
        self._listed: tuple[str | None, int] | None = None  # the item and events last listed
        self._signature: tuple | None = None  # what the listed notes and speakers showed
        self._reveal: str | None = None  # the note to highlight once it is listed

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
        try:
            index = self.get_option_index(self._reveal)
        except OptionDoesNotExist:
            return
        self._reveal = None
        self.highlighted = index
        self.scroll_to_highlight()

    def show(self, meeting: Meeting, now: datetime, item_id: str | None) -> None:
        # Notes and speakers change only with events: with 10,000 notes, listing them again on
        # every tick was the console's largest cost while nothing happened.
        listed = (item_id, len(meeting.events))
        if listed == self._listed:
            return
        self._listed = listed
        notes = [n for n in meeting.notes() if n.item_id == item_id]
        talks = meeting.log(item_id) if item_id else []
        suspended = meeting.suspended()
        # Most events (the timer, other items, the list) leave this list as it was: compare
        # what it shows before building 300 options and letting the list measure them again.
        signature = (item_id, tuple(notes), tuple(_shown_of(talk) for talk in talks),
                     suspended.id if suspended is not None else None)
        if signature == self._signature:
            return
        self._signature = signature
        self._replace(self._grouped(meeting, now, notes, talks))

    def show_found(self, meeting: Meeting, notes: list[Note]) -> None:
        """Search results across items: each note under its item and speaker."""
        self._listed = self._signature = None
        options: list[Option] = []
        for note in notes:
            where = meeting.agenda.find_item(note.item_id) if note.item_id else None
            head = plain(where[1].title if where else "No item", "italic")
            talk = meeting.intervention(note.intervention_id) if note.intervention_id else None
            if talk is not None:
                head.append(" · ")
                head.append_text(plain(meeting.label_of(talk)))
            options += [Option(head, disabled=True), Option(note_line(note), id=note.id)]
        if not notes:
            options.append(Option(Text("No note matches", style="dim"), disabled=True))
        self._replace(options)

    def _grouped(self, meeting: Meeting, now: datetime, notes: list[Note],
                 talks: list[Intervention]) -> list[Option]:
        options: list[Option] = []
        spoken: dict[str | None, list[Note]] = {talk.id: [] for talk in talks}
        whole: list[Note] = []
        for note in notes:  # one pass: grouping per speaker was notes x speakers
            spoken.get(note.intervention_id, whole).append(note)
        # A note whose intervention is not in the log (undone, say) is never hidden: it shows
        # on the item as a whole, marked.
        if whole:
            options.append(Option(Text("On the item as a whole", style="italic"), disabled=True))
            options += [Option(note_line(n, undone=_undone(meeting, n)), id=n.id) for n in whole]
        for talk in talks:
            options.append(Option(speaker_line(meeting, talk, now), disabled=True))
            options += [Option(note_line(n), id=n.id) for n in spoken[talk.id]]
        if not options:
            options.append(Option(Text("No notes on this item yet", style="dim"), disabled=True))
        return options

    def _replace(self, options: Iterable[Option]) -> None:
        options = list(options)
        shown = tuple((o.id, str(o.prompt)) for o in options)
        if shown == self._shown:  # unchanged: keep the highlight and the scroll still
            self._apply_reveal()
            return
        # Giving the floor changes the last speakers only: the options before them stay, and
        # so do their measured heights (measuring 300 notes again took 40 ms a key).
        keep = 0
        for old, new in zip(self._shown, shown, strict=False):
            if old != new:
                break
            keep += 1
        self._shown = shown
        current = self.highlighted_option.id if self.highlighted_option is not None else None
        was_at = self.highlighted
        if keep and self._can_truncate():
            self.highlighted = None  # as clear_options does: no highlight, back to the top
            self.scroll_y = 0
            self._truncate(keep)
            self.add_options(options[keep:])
        else:
            self.clear_options()
            self.add_options(options)
        ids = [o.id for o in options]
        if current in ids:
            self.highlighted = ids.index(current)
        elif current is not None and was_at is not None:
            # The highlighted note left (deleted, moved): the next one takes its place.
            after = [i for i, o in enumerate(options) if o.id and i >= was_at]
            before = [i for i, o in enumerate(options) if o.id and i < was_at]
            if after or before:
                self.highlighted = (after or before[-1:])[0]
        self._apply_reveal()

    def _can_truncate(self) -> bool:
        """OptionList (textual 8.2) keeps its options and measured lines as `_truncate` expects."""
        cache = getattr(self, "_line_cache", None)
        return all(hasattr(self, name) for name in _OPTION_LIST_PARTS) and all(
            hasattr(cache, name) for name in ("lines", "heights", "index_to_line"))

    def _truncate(self, keep: int) -> None:
        """Drop the options from `keep` on, keeping the measured lines of those before it."""
        removed = self._options[keep:]
        del self._options[keep:]
        for option in removed:
            self._option_to_index.pop(option, None)
            if option.id is not None:
                self._id_to_option.pop(option.id, None)
        cache = self._line_cache
        if cache.lines and cache.lines[-1][0] >= keep:
            del cache.lines[cache.index_to_line[keep]:]
            for index in range(keep, keep + len(removed)):
                cache.heights.pop(index, None)
                cache.index_to_line.pop(index, None)
        self._option_render_cache.clear()
        self.refresh()

    def action_choose(self, what: str) -> None:
        option = self.highlighted_option
        self.post_message(self.Chosen(what, option.id if option is not None else None))

    def action_select(self) -> None:  # Enter (OptionList's own binding too)
        self.action_choose("edit")

    def action_edit_note(self) -> None:
        self.action_choose("edit")

    def action_move_note(self) -> None:
        self.action_choose("move")

    def action_delete_note(self) -> None:
        self.action_choose("delete")

    def action_restore_note(self) -> None:
        self.action_choose("restore")

    def action_note_history(self) -> None:
        self.action_choose("history")


class NotesPanel(Vertical):
    """The console's notes on the current item, and an editor to add one (ctrl+n reaches it)."""

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
        self._unlisted: tuple[Meeting, datetime] | None = None  # shown while hidden: list later

    def compose(self) -> ComposeResult:
        yield ItemNotes(id="item-notes")
        editor = NoteEditor(self.link, f"{self.link.meeting.role}-notes", id="note-input")
        editor.border_title = "New note"
        yield editor

    def show(self, meeting: Meeting, now: datetime, *, hidden_too: bool = False) -> None:
        """List the current item's notes; while the panel is hidden, only once it shows."""
        # Where a note begun now would go follows the floor at once, not at the next draft.
        self.query_one(NoteEditor).show_target()
        if not self.display and not hidden_too:
            # Below 150 columns the panel is hidden unless the moderator writes: listing a
            # long item's notes there cost more than everything else giving the floor did.
            self._unlisted = (meeting, now)
            return
        self._unlisted = None
        item = meeting.current_item()
        self.query_one(ItemNotes).show(meeting, now, item.id if item else None)

    def on_show(self) -> None:
        if self._unlisted is not None:
            self.show(*self._unlisted)

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
