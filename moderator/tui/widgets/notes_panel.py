"""An item's notes listed under the intervention they belong to, and the console's notes panel."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from moderator.core import Meeting
from moderator.core.notes import Note
from moderator.core.views import Intervention
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


def note_line(note: Note, *, undone: bool = False) -> Text:
    """A note on one line or more: its text as typed (never markup), then its tags."""
    lines = [sanitise(part) for part in note.text.strip().splitlines()] or [""]
    text = Text("  • " + "\n    ".join(lines))
    if note.history:
        text.append("  (edited)", "dim")
    if undone:
        text.append("  (its intervention was undone)", "dim")
    return text


def _undone(meeting: Meeting, note: Note) -> bool:
    """The note was stamped to an intervention the meeting no longer holds (an undo took it)."""
    return note.intervention_id is not None and meeting.intervention(note.intervention_id) is None


class ItemNotes(OptionList):
    """The notes of one item grouped by intervention; a note is an option whose id is its own."""

    BINDINGS = [
        Binding("e", "choose('edit')", "Edit"),
        Binding("m", "choose('move')", "Move"),
        Binding("d,delete", "choose('delete')", "Delete"),
        Binding("u", "choose('restore')", "Restore deleted"),
    ]

    class Chosen(Message):
        def __init__(self, what: str, note_id: str | None) -> None:
            super().__init__()
            self.what, self.note_id = what, note_id

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: tuple = ()
        self._listed: tuple[str | None, int] | None = None  # the item and events last listed

    def show(self, meeting: Meeting, now: datetime, item_id: str | None) -> None:
        # Notes and speakers change only with events: with 10,000 notes, listing them again on
        # every tick was the console's largest cost while nothing happened.
        listed = (item_id, len(meeting.events))
        if listed == self._listed:
            return
        self._listed = listed
        notes = [n for n in meeting.notes() if n.item_id == item_id]
        talks = meeting.log(item_id) if item_id else []
        self._replace(self._grouped(meeting, now, notes, talks))

    def show_found(self, meeting: Meeting, notes: list[Note]) -> None:
        """Search results across items: each note under its item and speaker."""
        self._listed = None
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
        spoken = {talk.id for talk in talks}
        # A note whose intervention is not in the log (undone, say) is never hidden: it shows
        # on the item as a whole, marked.
        whole = [n for n in notes if n.intervention_id not in spoken]
        if whole:
            options.append(Option(Text("On the item as a whole", style="italic"), disabled=True))
            options += [Option(note_line(n, undone=_undone(meeting, n)), id=n.id) for n in whole]
        for talk in talks:
            options.append(Option(speaker_line(meeting, talk, now), disabled=True))
            options += [Option(note_line(n), id=n.id) for n in notes if n.intervention_id == talk.id]
        if not options:
            options.append(Option(Text("No notes on this item yet", style="dim"), disabled=True))
        return options

    def _replace(self, options: Iterable[Option]) -> None:
        options = list(options)
        shown = tuple((o.id, str(o.prompt)) for o in options)
        if shown == self._shown:  # unchanged: keep the highlight and the scroll still
            return
        self._shown = shown
        current = self.highlighted_option.id if self.highlighted_option is not None else None
        self.clear_options()
        self.add_options(options)
        ids = [o.id for o in options]
        if current in ids:
            self.highlighted = ids.index(current)

    def action_choose(self, what: str) -> None:
        option = self.highlighted_option
        self.post_message(self.Chosen(what, option.id if option is not None else None))


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
        self.actions = NoteActions(link, link.app, lambda: self.query_one(NoteEditor))

    def compose(self) -> ComposeResult:
        yield ItemNotes(id="item-notes")
        editor = NoteEditor(self.link, f"{self.link.meeting.role}-notes", id="note-input")
        editor.border_title = "New note"
        yield editor

    def show(self, meeting: Meeting, now: datetime) -> None:
        item = meeting.current_item()
        self.query_one(ItemNotes).show(meeting, now, item.id if item else None)

    def focus_input(self) -> None:
        self.query_one(NoteEditor).focus()

    @on(ItemNotes.Chosen)
    def _chosen(self, chosen: ItemNotes.Chosen) -> None:
        chosen.stop()  # handled here, for the console; nothing else needs it
        self.actions.chosen(chosen)

    @on(NoteEditor.Left)
    async def _left(self) -> None:
        # Escape returns to the floor: the console's list of speakers.
        await self.screen.run_action("focus_speakers")
