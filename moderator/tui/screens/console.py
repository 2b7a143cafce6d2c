"""The moderator's console: agenda, floor, list of speakers and log on one keyboard-driven screen."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import ActiveBinding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static

from moderator.core import AskAgain, Refused
from moderator.core.clock import local
from moderator.core.model import InterventionKind
from moderator.core.moments import read_moment
from moderator.core.speakers_list import main_kind
from moderator.core.views import Request
from moderator.session.loop import Command
from moderator.tui.consoles import OtherConsoles
from moderator.tui.frame import FollowsFrame, Frame, Pace, PublishesFrame, ShownText
from moderator.tui.keys import bindings
from moderator.tui.live import MeetingChanged, SessionLink
from moderator.tui.record import edit_documents, record_decision
from moderator.tui.rows import DrawsRows
from moderator.tui.screens.add_request import AddRequest, RequestDraft
from moderator.tui.screens.adjourn import AdjournDialog, DayChoice
from moderator.tui.screens.podium_message import PodiumChoice, PodiumMessageDialog
from moderator.tui.screens.requests_keys import DelegationRequestKeys
from moderator.tui.screens.set_limit import SetLimit
from moderator.tui.screens.set_time import SetTime, TimeChosen
from moderator.tui.text import clock_face, sanitise
from moderator.tui.ticking import tick_on_changes
from moderator.tui.widgets.agenda import AgendaPanel
from moderator.tui.widgets.break_face import MeetingBreakFace
from moderator.tui.widgets.floor import FloorPanel
from moderator.tui.widgets.footer import KeysFooter
from moderator.tui.widgets.log import SpeakingLog
from moderator.tui.widgets.notes_panel import NotesPanel
from moderator.tui.widgets.pending import PendingStrip
from moderator.tui.widgets.speakers import OnRequest, SpeakersPanel
from moderator.tui.widgets.status import StatusBar, when

# A key pressed again within this many seconds answers the question it asked (`AskAgain`).
ARM_SECONDS = 5
# During a break or a suspension, `+` and `-` move the time the meeting resumes this much.
BREAK_STEP = 300


class ListTitle(FollowsFrame, ShownText):
    """During a break the list is the next item's: its title says so."""

    PACE = Pace.SLOW

    def draw(self, frame: Frame) -> None:
        on_break = frame.on_break
        title = "List of speakers"
        if on_break is not None and on_break.next_title:
            title = f"List of speakers of “{sanitise(on_break.next_title)}”, after the break"
        self.say(Text(title, no_wrap=True, overflow="ellipsis"))


class ConsoleScreen(DrawsRows, PublishesFrame, DelegationRequestKeys, Screen[None]):
    CSS_PATH = Path(__file__).with_name("console.tcss")
    BINDINGS = bindings("console")
    # Narrow: no agenda. Wide: agenda, floor and list. Full: the notes panel always in view.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide"), (150, "-full")]

    _ADD_NAME = "add-request-{}"  # the add dialog, installed (kept when it closes)

    def __init__(self, link: SessionLink) -> None:
        super().__init__(id="console")
        self.link = link
        self.meeting = link.meeting
        self._armed: tuple[str, datetime] | None = None  # Enter pressed once, and when
        # The question each key asked (its `AskAgain`), and when: pressed again, it answers.
        self._asked: dict[str, tuple[str, datetime]] = {}
        self._undo_asked: str | None = None  # another console's action ctrl+z asked about
        self._adding: AddRequest | None = None  # the add dialog, once made (`_add_dialog`)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The footer lists the list of speakers' keys (x, c, Enter) after the console's: the
        list has the focus most of the time, and at 80 columns the floor's keys stay in view
        while a wider screen shows the list's too. Other widgets' keys (the note editor's)
        come first, as they matter while it has the focus."""
        found = super().active_bindings
        listed = {key: active for key, active in found.items()
                  if isinstance(active.node, SpeakersPanel)}
        return {**{key: active for key, active in found.items() if key not in listed},
                **listed}

    def compose(self) -> ComposeResult:
        # Shown only while another chair console is open on the meeting.
        yield OtherConsoles(self.meeting, getattr(self.link.app, "presence", None),
                            id="other-consoles")
        bound = self.bound  # each follows the screen's frame
        yield bound(StatusBar(id="status"))
        with Horizontal(id="body"):
            yield bound(AgendaPanel(id="agenda"))
            with Vertical(id="main"):
                yield bound(MeetingBreakFace(id="break"))
                yield bound(PendingStrip(id="pending"))
                yield bound(FloorPanel(id="floor"))
                yield bound(ListTitle("List of speakers", classes="title", id="list-title"))
                yield bound(SpeakersPanel(id="speakers"))
                yield Static("Spoken on this item", classes="title")
                yield bound(SpeakingLog(id="log"))
            yield bound(NotesPanel(self.link, id="notes-panel"))
        # The row notifications appear on, one line each: never over the floor or the list.
        yield Static(id="messages")
        # The keys that matter fit in 80 columns; ctrl+p is in the help (it fits no more).
        yield KeysFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        # The width's class at once, as Textual sets it at the first resize, after the first
        # frame was drawn: that frame listed and measured a long item's notes in the panel the
        # width hides (60 ms of the launch on the large meeting).
        width = self.app.size.width
        shown = max((at, name) for at, name in self.HORIZONTAL_BREAKPOINTS if at <= width)[1]
        self.update_classes({name: name == shown for _, name in self.HORIZONTAL_BREAKPOINTS},
                            animate=False)
        self.frame = Frame.of(self.meeting)
        self.query_one(SpeakersPanel).focus()
        tick_on_changes(self, lambda: self.meeting, self.tick)
        self.call_after_refresh(self._ready_to_add)

    async def _ready_to_add(self) -> None:
        """The add dialog made, styled, composed and laid out after the first frame, before the
        chair's first key: Textual does all of it when a screen is first shown, and the first `a`
        took twice what every later one does (its stylesheet read and the app restyled, its
        widgets mounted, seven layouts: 30-50 ms more). A dialog an `a` made meanwhile stays."""
        if self._adding is not None:
            return
        app, dialog = self.app, AddRequest(self.meeting.roster, check=self._refusal)
        await dialog.made_ready(app)
        if self._adding is None:
            self._adding = dialog
            app.install_screen(dialog, self._ADD_NAME.format(id(self)))
        else:
            await dialog.remove()

    def tick(self) -> None:
        """The meeting as it reads now, to every widget bound to the screen's frame: at each
        event (`MeetingChanged`) and each second of the clock or the timer (`ticking`). A frame
        equal to the last one reaches nobody; each widget draws only when the part it shows moved
        (`Pace`): the clock, the status and the countdown each second, the agenda and the list's
        waited times every few seconds, the log and the notes with events alone."""
        self.frame = Frame.of(self.meeting)

    def draw(self, frame: Frame) -> None:
        """The screen's own part: during a break, the break's face instead of the floor."""
        self.set_class(frame.on_break is not None, "-break")

    @on(MeetingChanged)
    def _recorded(self) -> None:
        self.tick()

    def run_command(self, command: Command, *, announce: bool = False, again: str | None = None,
                    retry: bool = False, on_recorded=None) -> None:
        """`again`: the key named when another console's decision came first."""
        self.link.run(command, announce=announce, again=again, retry=retry,
                      on_recorded=on_recorded)

    # The actions declared in tui/keys.py; each is one call to the core.
    def action_toggle_timer(self) -> None:
        self.run_command(self.meeting.toggle_timer, again="space")

    def action_next_speaker(self) -> None:
        self.run_command(self.meeting.give_floor, announce=True, again="n")

    def action_finish(self) -> None:
        self.run_command(self.meeting.finish_intervention, again="f")

    def action_add_request(self, kind: str | None = None) -> None:
        item = self.meeting.current_item()
        if item is None and self.link.idle:
            # Said before anything is typed: a request needs an item to wait on. (With a `]`
            # still on its way to the disk, the dialog opens: the item will be open.)
            self.notify(self._no_item("a request for the floor"), severity="warning",
                        markup=False)
            return
        default = main_kind(item) if item is not None else InterventionKind.STATEMENT
        chosen = InterventionKind(kind) if kind else default
        dialog = self._add_dialog(chosen, self._refusal, closed=self.meeting.list_closed())
        self.app.push_screen(dialog, self._add_request)

    def _add_dialog(self, kind: InterventionKind,
                    check: Callable[[RequestDraft], str | None], *,
                    closed: bool = False) -> AddRequest:
        """The add dialog (`a`, `o`, and `A` on a later item), made once and shown again at
        each (`AddRequest.reopen`): installed, so that Textual keeps it when it closes."""
        roster, dialog = self.meeting.roster, self._adding
        if dialog is None:
            dialog = self._adding = AddRequest(roster, kind, closed=closed, check=check)
            self.app.install_screen(dialog, self._ADD_NAME.format(id(self)))
        else:
            dialog.reopen(roster, kind, closed=closed, check=check)
        return dialog

    def _refusal(self, draft: RequestDraft) -> str | None:
        """Why the core would refuse this request now (commands decide, never change)."""
        try:
            self._request(draft)
        except Refused as refused:
            return str(refused)
        return None

    def _correct(self, request: Request | None) -> None:
        """The add dialog, on what the request holds: Enter records the correction."""
        if request is None:
            return
        if request.kind is InterventionKind.SCHEDULED:
            self.notify("A scheduled speaker comes from the agenda: x withdraws them",
                        severity="warning", markup=False)
            return
        meeting, request_id = self.meeting, request.id

        def correction(draft: RequestDraft) -> list[dict]:
            return meeting.correct_request(request_id, draft.who, draft.kind, guest=draft.guest,
                                           on_behalf=draft.on_behalf, alignment=draft.alignment)

        def refusal(draft: RequestDraft) -> str | None:
            try:
                correction(draft)
            except Refused as refused:
                return str(refused)
            return None

        def corrected(draft: RequestDraft | None) -> None:
            if draft is not None:
                self.run_command(lambda: correction(draft), announce=True, again="c")

        dialog = AddRequest(meeting.roster, check=refusal, correcting=request,
                            label=meeting.label_of(request))
        self.app.push_screen(dialog, corrected)

    def _request(self, draft: RequestDraft) -> list[dict]:
        return self.meeting.request_floor(
            draft.who, draft.kind, guest=draft.guest, on_behalf=draft.on_behalf,
            alignment=draft.alignment, force=draft.force)

    def _no_item(self, what: str) -> str:
        upcoming = self.meeting.agenda.find_item(self.meeting.next_item_id() or "")
        if upcoming is None:
            return f"No agenda item is open for {what}, and none is left"
        return f"No agenda item is open for {what}: ] opens “{upcoming[1].title}”"

    def action_point_of_order(self) -> None:
        self.action_add_request(InterventionKind.POINT_OF_ORDER.value)

    def _add_request(self, draft: RequestDraft | None) -> None:
        if draft is None:
            return
        self.run_command(lambda: self._request(draft), retry=True)

    def action_more_time(self) -> None:
        self._more_time(1, "+")

    def action_less_time(self) -> None:
        self._more_time(-1, "-")

    def _more_time(self, sign: int, key: str) -> None:
        """The speaker's time; during a break or a suspension, the time the meeting resumes
        (decided on the state the command runs on, not the one the key was pressed on)."""
        meeting = self.meeting

        def command() -> list[dict]:
            if meeting.break_view() is not None:
                return meeting.adjust_break(sign * BREAK_STEP)
            if meeting.suspended_since() is not None:
                return meeting.adjust_resumption(sign * BREAK_STEP)
            return meeting.adjust_time(sign * 30)

        self.run_command(command, announce=True, again=key)

    def _reader(self, *, minutes: bool = True):
        """Reads a typed moment ("15:00", "Friday 09:30", "20" minutes) on the meeting's clock."""
        meeting = self.meeting
        return lambda text: read_moment(text, meeting.now(), meeting.agenda.event.timezone,
                                        minutes=minutes)

    def action_set_speaker_limit(self) -> None:
        meeting, now = self.meeting, self.meeting.now()
        on_break, sitting = meeting.break_view(now), meeting.suspended_since()
        if on_break is not None:
            resumes = f"{local(on_break.resumes_at, meeting.agenda.event.timezone):%H:%M}"
            what = f"“{on_break.title}”: the meeting resumes at {resumes}. Type when it resumes:"
            self.app.push_screen(SetTime(what, self._reader(), value=resumes),
                                 self._set_break_end)
            return
        if sitting is not None:
            said = when(meeting, sitting.resumes_at, now) if sitting.resumes_at else "not said"
            what = f"The sitting is suspended (resumes at: {said}). Type when it resumes:"
            self.app.push_screen(SetTime(what, self._reader(), value="" if sitting.resumes_at
                                         is None else said, optional=True,
                                         hint="Enter sets it · empty: no time · Escape cancels"),
                                 self._set_resumption)
            return
        holder = meeting.floor()
        if holder is None:
            self.notify("Nobody holds the floor: = sets the limit of the speaker on it",
                        severity="warning", markup=False)
            return
        what = f"Time limit for {self.meeting.label_of(holder)} (now {clock_face(holder.allotted)})"
        self.app.push_screen(SetLimit(what, holder.allotted), self._set_speaker_limit)

    def _set_break_end(self, chosen: TimeChosen | None) -> None:
        if chosen is not None and chosen.moment is not None:
            moment = chosen.moment
            self.run_command(lambda: self.meeting.set_break_end(moment), announce=True)

    def _set_resumption(self, chosen: TimeChosen | None) -> None:
        if chosen is not None:
            moment = chosen.moment
            self.run_command(lambda: self.meeting.set_resumption(moment), announce=True)

    def _set_speaker_limit(self, seconds: int | None) -> None:
        if seconds is not None:
            self.run_command(lambda: self.meeting.set_speaker_limit(seconds), announce=True)

    def action_set_item_limit(self) -> None:
        item = self.meeting.current_item()
        if item is None:
            self.notify(self._no_item("a limit"), severity="warning", markup=False)
            return
        kind = main_kind(item)
        current = self.meeting.item_limit(kind)
        what = (f"Limit for each {kind.label.lower()} on “{item.title}” (now "
                f"{clock_face(current)}; the speaker on the floor keeps theirs)")
        self.app.push_screen(SetLimit(what, current), self._set_item_limit)

    def _set_item_limit(self, seconds: int | None) -> None:
        if seconds is not None:
            self.run_command(lambda: self.meeting.set_item_limit(seconds), announce=True)

    def action_skip_item(self) -> None:
        target = self.meeting.next_item_id()
        if target is None:
            self.notify("No item is left to skip", severity="warning", markup=False)
            return
        self.run_command(lambda: self.meeting.skip_item(target), announce=True)

    def action_next_item(self) -> None:
        """The next item; at the last item of a day, the dialog that adjourns the meeting."""
        meeting = self.meeting
        ending = None
        if meeting.adjournment() is None and meeting.suspended_since() is None:
            ending = meeting.end_of_day()
        if ending is None:
            self._pressed_twice("]", meeting.move_on)
            return
        item = meeting.current_item()
        dialog = AdjournDialog(ending, item.title if item else None, meeting.leaving_losses(),
                               when(meeting, ending.until, meeting.now()),
                               self._reader(minutes=False))
        self.app.push_screen(dialog, self._end_of_day)

    def _end_of_day(self, choice: DayChoice | None) -> None:
        if choice is None:
            return
        meeting, until = self.meeting, choice.until
        if until is None:  # the dialog was the second press: the next day's item opens now
            self.run_command(lambda: answered(meeting.move_on), announce=True, again="]")
        else:
            self.run_command(lambda: meeting.adjourn(until), announce=True, again="]")

    def action_previous_item(self) -> None:
        self._pressed_twice("[", self.meeting.go_back)

    def _pressed_twice(self, key: str, command) -> None:
        """Run a command that may ask first (`AskAgain`, naming what would be lost): the same
        key pressed again within ARM_SECONDS answers that very question."""
        now = self.meeting.now()  # the steady timeline: a wall-clock step arms nothing
        asked = self._asked.pop(key, None)
        answer = asked[0] if asked and (now - asked[1]).total_seconds() <= ARM_SECONDS else None

        def told(events: list[dict], error: BaseException | None) -> None:
            if isinstance(error, AskAgain):
                self._asked[key] = (error.action, self.meeting.now())

        self.run_command(lambda: command(answer), announce=True, again=key, on_recorded=told)

    def _armed_again(self, key: str) -> bool:
        """True if `key` was pressed a moment ago (the second press); else arm it."""
        now = self.meeting.now()  # the steady timeline: a wall-clock step arms nothing
        armed = self._armed is not None and self._armed[0] == key and (
            now - self._armed[1]).total_seconds() <= ARM_SECONDS
        self._armed = None if armed else (key, now)
        return armed

    def action_toggle_list(self) -> None:
        meeting = self.meeting
        self.run_command(lambda: meeting.reopen_list() if meeting.list_closed()
                         else meeting.close_list(), announce=True, again="l")

    def action_readd_last(self) -> None:
        self.run_command(self.meeting.readd_last_speaker, announce=True, again="r")

    def action_message_podium(self) -> None:
        shown = self.meeting.podium_message()
        self.app.push_screen(PodiumMessageDialog(shown.text if shown else None), self._message)

    def _message(self, choice: PodiumChoice | None) -> None:
        if choice is None:
            return
        meeting = self.meeting
        text = choice.text
        self.run_command(meeting.clear_podium_message if text is None
                         else lambda: meeting.send_podium_message(text), announce=True)

    def action_undo(self) -> None:
        """Undo this console's last action; another console's asks for a second press."""
        meeting, confirmed = self.meeting, self._undo_asked
        self._undo_asked = None

        def undo() -> list[dict]:
            last = meeting.state.actions[-1] if meeting.state.actions else None
            return meeting.undo(confirmed=confirmed is not None and confirmed == last)

        def told(events: list[dict], error: BaseException | None) -> None:
            if isinstance(error, AskAgain):
                self._undo_asked = error.action

        self.run_command(undo, announce=True, again="ctrl+z", on_recorded=told)

    def action_write_note(self) -> None:
        # Below full width the panel is hidden until now: list its notes (skipped while it was
        # hidden), show it, then focus its editor.
        self.query_one(NotesPanel).list_notes()
        self.add_class("-writing")
        self.call_after_refresh(self.query_one(NotesPanel).focus_input)

    def on_descendant_focus(self) -> None:
        self.set_class(self.query_one(NotesPanel).has_focus_within, "-writing")

    def action_export(self) -> None:
        self.notify("Exporting the summary…", markup=False, timeout=3)
        self.run_worker(self._export, thread=True, group="export", exclusive=True)

    def _export(self) -> None:
        """On a worker thread: reading the database and writing Word take a moment."""
        from moderator.export.formats import ExportError, export_default

        meeting = self.meeting
        try:
            path = export_default(Path(self.link.store.path), meeting.agenda, meeting.roster,
                                  meeting.clock)
        except (ExportError, OSError) as error:
            self.app.call_from_thread(self.notify, f"Export failed: {error}", severity="error",
                                      markup=False, timeout=10)
        except Exception as error:  # a fault of the export's own: the meeting goes on
            logging.getLogger(__name__).exception("export failed")
            self.app.call_from_thread(
                self.notify, f"Export failed ({type(error).__name__}: {error}); the record is "
                "untouched and the meeting goes on", severity="error", markup=False, timeout=10)
        else:
            self.app.call_from_thread(self.notify, f"Summary written to {path.resolve()}",
                                      markup=False,
                                      timeout=10)

    def action_toggle_sitting(self) -> None:
        """Resume the sitting; else suspend it, asking when it resumes (Enter alone: not said)."""
        meeting = self.meeting
        if meeting.suspended_since() is not None:
            self.run_command(meeting.resume_sitting, announce=True, again="p")
            return
        try:
            meeting.suspend_sitting()  # decided, not recorded: a refusal is said at once
        except Refused as refused:
            self.notify(str(refused), severity="warning", markup=False)
            return
        dialog = SetTime("Suspend the sitting (lunch, consultations). When does it resume? "
                         "(optional)", self._reader(), optional=True,
                         hint="Enter suspends · empty: the time is not said · Escape cancels")
        self.app.push_screen(dialog, self._suspend)

    def _suspend(self, chosen: TimeChosen | None) -> None:
        if chosen is not None:
            moment = chosen.moment
            self.run_command(lambda: self.meeting.suspend_sitting(moment), announce=True,
                             again="p")

    def action_documents(self) -> None:
        edit_documents(self, self.link)

    def action_decision(self) -> None:
        record_decision(self, self.link)

    def action_focus_speakers(self) -> None:
        self.query_one(SpeakersPanel).focus()

    def action_focus_log(self) -> None:
        self.query_one(SpeakingLog).focus()

    @on(SpeakersPanel.Chosen)
    def _chosen(self, chosen: SpeakersPanel.Chosen) -> None:
        meeting, request_id, action = self.meeting, chosen.request_id, chosen.action
        suspended = meeting.suspended()
        picked = next((r for r in meeting.queue() if r.id == request_id), None)
        if action is OnRequest.CORRECT:
            self._correct(picked)
            return
        if action is OnRequest.GIVE_FLOOR and suspended is not None and picked is not None \
                and picked.kind is not InterventionKind.POINT_OF_ORDER \
                and not self._armed_again(f"enter:{request_id}"):
            # Giving the floor to someone else ends the suspended speaker's statement for good.
            self.notify(f"{meeting.label_of(suspended)} is suspended by the point of order: "
                        f"Enter again ends their statement and gives the floor to "
                        f"{meeting.label_of(picked)}; n resumes them", severity="warning",
                        markup=False)
            return
        commands: dict[OnRequest, Command] = {
            OnRequest.MOVE_UP: lambda: meeting.move_up(request_id),
            OnRequest.MOVE_DOWN: lambda: meeting.move_down(request_id),
            OnRequest.WITHDRAW: lambda: meeting.withdraw(request_id),
            OnRequest.GIVE_FLOOR: lambda: meeting.give_floor(request_id),
        }
        self.run_command(commands[action], announce=True, again=action.value)


def answered(command) -> list[dict]:
    """A command that may ask (`AskAgain`), run with the question already answered (a dialog
    that named what would be lost was the second press)."""
    try:
        return command(None)
    except AskAgain as asked:
        return command(asked.action)
