"""The rapporteur's console: follows the floor live, lists the item's notes, a large editor.

The rapporteur never changes the floor: this screen decides note events only.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input

from moderator.core import Meeting, TimerState
from moderator.core.clock import local
from moderator.tui.frame import FollowsFrame, Frame, Pace, PublishesFrame, ShownText
from moderator.tui.keys import bindings
from moderator.tui.live import MeetingChanged, SessionLink
from moderator.tui.record import edit_documents, record_decision
from moderator.tui.rows import DrawsRows
from moderator.tui.text import ALARM, CAUTION, clock_face, plain, stack
from moderator.tui.ticking import tick_on_changes
from moderator.tui.widgets.footer import KeysFooter
from moderator.tui.widgets.note_actions import NoteActions
from moderator.tui.widgets.note_editor import NoteEditor
from moderator.tui.widgets.notes_panel import ItemNotes, NotesListed
from moderator.tui.widgets.status import adjourned_words, suspended_words

STATE_STYLES = {TimerState.WARNING: CAUTION, TimerState.OVERTIME: ALARM}


def floor_line(meeting: Meeting, now: datetime) -> Text:
    """The item, the speaker on the floor and their time, as the moderator sees them.

    Two lines, each cut rather than wrapped: a long item title never pushes the speaker off.
    """
    item = meeting.current_item()
    top = Text(f"{local(now, meeting.agenda.event.timezone):%H:%M:%S}  ", style="bold")
    top.append_text(plain(item.title if item else "No item in progress", "italic"))
    timer = meeting.timer(now)
    speaking = timer.intervention
    if speaking is None:
        return stack([top, _no_speaker(meeting, now)])
    # The time first: on a narrow screen a long name is what gets cut, never the countdown.
    who = Text(f"{clock_face(timer.remaining)} left  {timer.state.value}  ",
               style=STATE_STYLES.get(timer.state, ""))
    who.append_text(plain(meeting.label_of(speaking), "bold"))
    who.append(f"  {speaking.kind.label}")
    return stack([top, who])


def _no_speaker(meeting: Meeting, now: datetime) -> Text:
    """Nobody speaks: the meeting adjourned, the sitting suspended or a break say until when."""
    adjourned, sitting = adjourned_words(meeting, now), suspended_words(meeting, now)
    on_break = meeting.break_view(now)
    if adjourned is not None:
        return Text(adjourned, style="bold")
    if sitting is not None:
        return Text(sitting, style="bold")
    if on_break is not None:
        resumes = local(on_break.resumes_at, meeting.agenda.event.timezone)
        return plain(f"{on_break.title}: the meeting resumes at {resumes:%H:%M}", "bold")
    return Text("Nobody has the floor", style="dim")


class FloorLine(FollowsFrame, ShownText):
    """The time on the floor, drawn each second; its height is fixed (two lines), so nothing
    else is laid out again, the notes list least of all."""

    PACE = Pace.SECOND

    def draw(self, frame: Frame) -> None:
        self.say(floor_line(frame.meeting, frame.now))


class RapporteurScreen(DrawsRows, PublishesFrame, Screen[None]):
    CSS_PATH = Path(__file__).with_name("rapporteur.tcss")
    BINDINGS = bindings("rapporteur")
    # The notes change only when events arrive; the floor line follows each second.
    PACE = Pace.RECORD

    def __init__(self, link: SessionLink) -> None:
        super().__init__(id="rapporteur")
        self.link = link
        self.meeting = link.meeting
        self.actions = NoteActions(link, link.app, lambda: self.query_one(NoteEditor),
                                   lambda: self.query_one(ItemNotes))

    def compose(self) -> ComposeResult:
        yield self.bound(FloorLine(id="floor-line"))
        with Horizontal(id="body"):
            with Vertical(id="notes-side"):
                yield Input(placeholder="Search notes: words and #tags", id="search")
                yield ItemNotes(id="notes")
            editor = NoteEditor(self.link, "rapporteur", id="editor")
            editor.border_title = "New note"
            yield editor
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#search").display = False
        self.tick()
        self.query_one(NoteEditor).focus()
        tick_on_changes(self, lambda: self.meeting, self.tick)

    def tick(self) -> None:
        """The meeting as it reads now, on the screen's frame: at each event
        (`MeetingChanged`) and each second of the clock or the timer (`ticking`)."""
        self.frame = Frame.of(self.meeting)

    def draw(self, frame: Frame) -> None:
        # Where a note begun now would go follows the floor at once, not at the next draft.
        self.query_one(NoteEditor).show_target()
        search = self.query_one("#search", Input)
        notes = self.query_one(ItemNotes)
        if search.display and search.value.strip():
            notes.show_found(frame.meeting, frame.meeting.search_notes(search.value),
                             search.value)
        else:
            item = frame.meeting.current_item()
            notes.listed = NotesListed.of(frame, item.id if item else None)

    @on(MeetingChanged)
    def _recorded(self) -> None:
        self.tick()

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

    def action_close_search(self) -> None:
        search = self.query_one("#search", Input)
        search.value, search.display = "", False
        self.redraw()
        self.query_one(NoteEditor).focus()

    def action_new_note(self) -> None:
        self.query_one(NoteEditor).focus()

    def action_documents(self) -> None:
        edit_documents(self, self.link)

    def action_decision(self) -> None:
        record_decision(self, self.link)

    @on(Input.Changed, "#search")
    def _search_changed(self) -> None:
        self.redraw()

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.query_one(ItemNotes).focus()

    @on(NoteEditor.Left)
    def _left_editor(self) -> None:
        self.query_one(ItemNotes).focus()

    @on(ItemNotes.Chosen)
    def _chosen(self, chosen: ItemNotes.Chosen) -> None:
        self.actions.chosen(chosen)

    @on(ItemNotes.Typed)
    def _typed(self, typed: ItemNotes.Typed) -> None:
        self.actions.typed(typed.text)

    @on(NoteEditor.Saved)
    def _saved(self, saved: NoteEditor.Saved) -> None:
        self.query_one(ItemNotes).reveal(saved.note_id)
