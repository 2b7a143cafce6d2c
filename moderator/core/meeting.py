"""The meeting: a thin front over its concepts, each in its own module with its events,
decisions and folds.

- agenda progress (`agenda_progress.py`): the current item and session, items opened,
  finished and skipped;
- the list of speakers (`speakers_list.py`): requests, their order, closing the list, limits;
- the floor and the timer (`floor.py`, arithmetic in `timer.py`);
- the rapporteur's notes (`notes.py`, the notebook in `notebook.py`);
- the record: documents (`documents.py`), suspensions of the sitting (`sitting.py`),
  decisions (`decisions.py`), and the chair's message to the podium (`podium.py`);
- the end of a day (`adjournment.py`), the break's timing (`breaks.py`), and the chair's
  way through the agenda with `]` and `[` (`moving_on.py`);
- the forecast (`forecast.py`) and the sentences (`describe.py`), which read the meeting's
  views;
- the delegations' requests from their own seats, the chair's approval, the lists opened ahead
  of time and who follows remotely (`delegation_requests.py`, `request_desk.py`), and what a
  delegation's phone is told (`delegation_view.py`).

Decisions (commands) never change the state: they answer with events or raise `Refused`.
`apply`, `apply_all` and `record` are the only mutators (`replay.py`: each event id once, an
undo refolds from the latest checkpoint before the action it takes back).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from types import EllipsisType

from moderator.core import breaks
from moderator.core.actions import AskAgain, Refused
from moderator.core.adjournment import Adjournment, Adjournments, DayEnd
from moderator.core.agenda_progress import AgendaProgress
from moderator.core.breaks import Breaks
from moderator.core.clock import Clock
from moderator.core.context import MeetingContext
from moderator.core.decisions import Decision, Decisions
from moderator.core.delegation_requests import DelegationRequests
from moderator.core.delegation_view import DelegationView, delegation_view
from moderator.core.describe import describe_action
from moderator.core.documents import Documents
from moderator.core.floor import Floor
from moderator.core.fold import is_floor_event
from moderator.core.forecast import forecast as build_forecast
from moderator.core.forecast import headline as build_headline
from moderator.core.forecast import plan as build_plan
from moderator.core.identity import ConsoleIdentity, new_console
from moderator.core.model import Agenda, InterventionKind, Item, Roster, Session
from moderator.core.moving_on import MovingOn
from moderator.core.notes import Note, Notes, NoteTarget
from moderator.core.podium import Podium, PodiumMessage
from moderator.core.replay import Replay
from moderator.core.request_desk import AskedRequest
from moderator.core.room_view import RoomView
from moderator.core.room_view import room_view as build_room_view
from moderator.core.sitting import Sitting, Suspension
from moderator.core.speaker_names import journal_name
from moderator.core.speakers_list import SpeakersList
from moderator.core.state import MeetingState
from moderator.core.steady import now as steady_now
from moderator.core.views import (
    BreakView,
    Forecast,
    Headline,
    Intervention,
    ItemStatus,
    Plan,
    Request,
    TimerView,
)

__all__ = ["AskAgain", "Meeting", "Refused"]


class Meeting:
    """One meeting's state, folded from its events, with the decisions that make new ones."""

    # How many events apart the state is checkpointed: an undo refolds at most this many
    # events before the action it takes back. A checkpoint costs 8 us on a 50,000-event
    # meeting; an undo there refolded 630 events on average at 1,024 apart (5.8 ms of the
    # key), 57 at 256 (1.9 ms), with as many checkpoints kept (the older ones thin out).
    checkpoint_every: int = 256
    # Checkpoints kept at full density; older ones are thinned (every other one dropped).
    dense_checkpoints: int = 16

    def __init__(
        self, agenda: Agenda, roster: Roster, clock: Clock, role: str = "moderator",
        *, checkpoint_every: int | None = None, console: ConsoleIdentity | None = None,
    ) -> None:
        self.agenda = agenda
        self.roster = roster
        self.clock = clock
        self.role = role
        # Who decides this meeting's events: recorded on each of them.
        self.console = console or new_console(role, clock.now())
        if checkpoint_every is not None:
            self.checkpoint_every = max(1, checkpoint_every)
        self.context = context = MeetingContext(agenda, roster, clock, role, self.console)
        self.replay = Replay(context, self.checkpoint_every, self.dense_checkpoints)
        # The concepts, each given what it reads: while the sitting is suspended nobody
        # takes the floor and no item opens; nor while the meeting is adjourned.
        self._sitting = Sitting(context, lambda: self._adjournments.refuse_while_adjourned())
        suspended = self._sitting.refuse_while_suspended

        def closed() -> None:
            suspended()
            self._adjournments.refuse_while_adjourned()

        self._progress = AgendaProgress(context, closed)
        self._adjournments = Adjournments(context, self._progress, suspended)
        self._speakers = SpeakersList(context)
        self._floor = Floor(context, self._speakers, suspended)
        self._moving_on = MovingOn(context, self._progress, self._speakers, self._adjournments,
                                   suspended)
        self._breaks = Breaks(context)
        self._notes = Notes(context, self._floor)
        self._documents = Documents(context, self._floor, self._notes)
        self._decisions = Decisions(context)
        self._podium = Podium(context)
        self._requests = DelegationRequests(context, self._speakers)
        # Views made once per state version (`replay.version`).
        self._queue_made: tuple[int, list[Request]] = (-1, [])
        self._forecast_made: tuple[tuple[int, datetime] | None, Forecast | None] = (None, None)
        self._plan_made: tuple[int | None, Plan | None] = (None, None)

    # -- the fold --------------------------------------------------------------------------

    @property
    def state(self) -> MeetingState:
        return self.context.state

    @state.setter
    def state(self, state: MeetingState) -> None:
        self.context.state = state
        self.replay.version += 1

    @property
    def version(self) -> int:
        """Moves on whenever the state changes: what is derived from the state alone can be
        kept while it stays the same."""
        return self.replay.version

    @property
    def events(self) -> list[dict]:
        """Every applied event, in order (resumed from a snapshot: those applied after it)."""
        return self.replay.events

    @property
    def older_events(self) -> list[dict]:
        """The events of a resumed snapshot's last actions (folded into it), in journal order."""
        return self.replay.older_events

    @property
    def folded_count(self) -> int:
        """How many distinct events this meeting has folded (those of a resumed state included)."""
        return self.replay.folded_count

    @property
    def last_floor_event(self) -> str | None:
        """The id of the last floor event folded: what a floor decision was made on."""
        return self.replay.last_floor_event

    def rests_on(self, events: list[dict]) -> tuple[str | None, Callable[[dict], bool]] | None:
        """What `events` were decided on, for the store's compare-and-append: (the id of the
        last event that mattered, which events matter). A floor decision rests on the last
        floor event folded; a note's edit on the revision it was written on; anything else
        on nothing (None)."""
        if any(is_floor_event(e) for e in events):
            return self.last_floor_event, is_floor_event
        return self._notes.rests_on(events)

    @property
    def refolded(self) -> int:
        """Events folded again by undos, ever (what an undo costs)."""
        return self.replay.refolded

    def apply(self, event: dict) -> None:
        """Fold one event (skipped if its id was already applied)."""
        self.replay.apply_all((event,))

    def apply_all(self, events: Iterable[dict]) -> None:
        """Fold events in order; each id once. An undo refolds once, at the end of the batch."""
        self.replay.apply_all(events)

    def record(self, events: list[dict]) -> list[dict]:
        """`apply_all` for callers with no store; returns the events."""
        self.replay.apply_all(events)
        return events

    def unfolded_events(self) -> dict[str, int]:
        """Events kept in the record but not folded, by kind ("poll.opened v1 (unknown type)",
        "floor.given v3 (newer version)", "... (malformed)"): how many of each. The store and
        the exports keep them; each kind is logged once, when first met."""
        return dict(self.replay.unfolded)

    def has_applied(self, event_id: str) -> bool:
        return event_id in self.replay.seen

    def action_events(self, action: str) -> list[dict]:
        """The events of one action (for describing what an undo takes back)."""
        return self.replay.action_events(action)

    def can_undo(self) -> bool:
        return bool(self.state.actions)

    def undo(self, *, confirmed: bool = False) -> list[dict]:
        """Take back the last floor action; another console's only when `confirmed`, else
        `AskAgain` says whose it was."""
        return self.replay.undo(confirmed, self.describe)

    @contextmanager
    def deciding_for(self, console: ConsoleIdentity) -> Iterator[None]:
        """Decisions made inside are stamped with `console`, not this meeting's own: another
        console deciding through this process (a browser through the room server)."""
        own, self.context.console = self.context.console, console
        try:
            yield
        finally:
            self.context.console = own

    def describe(self, events: list[dict]) -> str:
        """A sentence for the notification, e.g. "Gave the floor to Türkiye"."""
        return describe_action(self, events)

    def now(self) -> datetime:
        """The present on the meeting's timeline: the steady clock's time since the last event
        (same boot), so a wall-clock step moves no countdown; else the wall clock."""
        return steady_now(self.state, self.clock)

    # -- agenda progress -------------------------------------------------------------------

    def current_item(self) -> Item | None:
        return self.context.current_item()

    def current_session(self) -> Session | None:
        return self._progress.current_session()

    def item_status(self, item_id: str) -> ItemStatus:
        return self._progress.item_status(item_id)

    def next_item_id(self) -> str | None:
        return self._progress.next_item_id()

    def start_item(self, item_id: str | None = None) -> list[dict]:
        return self._progress.start_item(item_id)

    def finish_item(self) -> list[dict]:
        return self._progress.finish_item()

    def skip_item(self, item_id: str | None = None) -> list[dict]:
        return self._progress.skip_item(item_id)

    def next_item(self) -> list[dict]:
        return self._progress.next_item()

    def previous_item(self) -> list[dict]:
        return self._progress.previous_item()

    # -- the chair's `]` and `[`, and the end of a day ------------------------------------

    def leaving_losses(self) -> list[str]:
        """What leaving the current item now would lose, one phrase each."""
        return self._moving_on.losses()

    def move_on(self, confirmed: str | None = None) -> list[dict]:
        """`]`: the next item, asking before anything is lost; while adjourned, resume."""
        return self._moving_on.move_on(confirmed)

    def go_back(self, confirmed: str | None = None) -> list[dict]:
        """`[`: the previous item, asking before anything is lost."""
        return self._moving_on.go_back(confirmed)

    def adjournment(self) -> Adjournment | None:
        """The adjournment in progress ("adjourned until Friday 09:30"), or None."""
        return self._adjournments.adjournment()

    def adjournments(self) -> list[Adjournment]:
        return self._adjournments.adjournments()

    def end_of_day(self) -> DayEnd | None:
        """Whether `]` would leave the last item of a day: when the next day begins."""
        return self._adjournments.end_of_day()

    def adjourn(self, until: datetime | None = None) -> list[dict]:
        return self._adjournments.adjourn(until)

    def resume_meeting(self, confirmed: str | None = None) -> list[dict]:
        return self._adjournments.resume_meeting(confirmed)

    # -- the list of speakers --------------------------------------------------------------

    def list_closed(self) -> bool:
        return self._speakers.list_closed()

    def queue(self) -> list[Request]:
        """The waiting requests in order; made once per state (a console's frame looks at the
        list several times: the list, the hint under the floor, the forecast)."""
        version = self.replay.version
        if self._queue_made[0] != version:
            self._queue_made = (version, self._speakers.queue())
        return list(self._queue_made[1])

    def dropped(self) -> list[Request]:
        return self._speakers.dropped()

    def item_limit(self, kind: InterventionKind | None = None, item_id: str | None = None) -> int:
        return self._speakers.item_limit(kind, item_id)

    def request_floor(self, who: str | None, kind: InterventionKind = InterventionKind.STATEMENT,
                      *, guest: str | None = None, on_behalf: str | None = None,
                      alignment: tuple[str, ...] = (), force: bool = False) -> list[dict]:
        return self._speakers.request_floor(who, kind, guest=guest, on_behalf=on_behalf,
                                            alignment=alignment, force=force)

    def withdraw(self, request_id: str) -> list[dict]:
        return self._speakers.withdraw(request_id)

    def move_request(self, request_id: str, position: int) -> list[dict]:
        return self._speakers.move_request(request_id, position)

    def move_up(self, request_id: str) -> list[dict]:
        return self._speakers.move_up(request_id)

    def move_down(self, request_id: str) -> list[dict]:
        return self._speakers.move_down(request_id)

    def readd_last_speaker(self) -> list[dict]:
        return self._speakers.readd_last_speaker()

    def close_list(self) -> list[dict]:
        return self._speakers.close_list()

    def reopen_list(self) -> list[dict]:
        return self._speakers.reopen_list()

    def set_item_limit(self, seconds: int, kind: InterventionKind | None = None) -> list[dict]:
        return self._speakers.set_item_limit(seconds, kind)

    def correct_request(self, request_id: str, who: str | None,
                        kind: InterventionKind = InterventionKind.STATEMENT, *,
                        guest: str | None = None, on_behalf: str | None = None,
                        alignment: tuple[str, ...] = ()) -> list[dict]:
        return self._speakers.correct_request(request_id, who, kind, guest=guest,
                                              on_behalf=on_behalf, alignment=alignment)

    # -- the floor and the timer -----------------------------------------------------------

    def floor(self) -> Intervention | None:
        return self._floor.floor()

    def suspended(self) -> Intervention | None:
        return self._floor.suspended()

    def timer(self, now: datetime | None = None) -> TimerView:
        return self._floor.timer(now or self.now())

    def log(self, item_id: str | None = None) -> list[Intervention]:
        return self._floor.log(item_id)

    def intervention(self, intervention_id: str) -> Intervention | None:
        return self._floor.intervention(intervention_id)

    def give_floor(self, request_id: str | None = None) -> list[dict]:
        return self._floor.give_floor(request_id)

    def finish_intervention(self) -> list[dict]:
        return self._floor.finish_intervention()

    def toggle_timer(self) -> list[dict]:
        return self._floor.toggle_timer()

    def adjust_time(self, seconds: int) -> list[dict]:
        return self._floor.adjust_time(seconds)

    def set_speaker_limit(self, seconds: int) -> list[dict]:
        return self._floor.set_speaker_limit(seconds)

    # -- the forecast and the break --------------------------------------------------------

    def plan(self) -> Plan:
        """The day each session is held and each item's planned start and end on it: made
        once per state (the status bar reads it each second, the agenda at each change)."""
        if self._plan_made[0] != self.replay.version:
            self._plan_made = (self.replay.version, build_plan(self))
        return self._plan_made[1]  # type: ignore[return-value]

    def forecast(self, now: datetime | None = None) -> Forecast:
        """Made once per state and moment (the status bar and the list both show it)."""
        now = now or self.now()
        key = (self.replay.version, now)
        if self._forecast_made[0] != key:
            self._forecast_made = (key, build_forecast(self, now))
        return self._forecast_made[1]

    def headline(self, now: datetime | None = None) -> Headline:
        """The forecast's headline without each item's forecast (the status bar's, each
        second): the forecast's own when it is made for this state and moment."""
        now = now or self.now()
        if self._forecast_made[0] == (self.replay.version, now):
            made = self._forecast_made[1]
            return Headline(made.projected_session_end, made.late_minutes, made.status)
        return build_headline(self, now)

    def break_view(self, now: datetime | None = None) -> BreakView | None:
        """The break in progress, and when the meeting resumes (None: no break is open)."""
        return breaks.break_view(self, now or self.now())

    def adjust_break(self, seconds: int) -> list[dict]:
        return self._breaks.adjust_break(seconds)

    def set_break_end(self, resumes_at: datetime) -> list[dict]:
        return self._breaks.set_break_end(resumes_at)

    def room_view(self, now: datetime | None = None) -> RoomView:
        """What the room sees (`core/room_view.py`): every room surface renders it."""
        return build_room_view(self, now or self.now())

    # -- names -----------------------------------------------------------------------------

    def name_of(self, who: str | None, guest: str | None = None) -> str:
        """A delegation's or speaker's name; a guest's own; None with no guest is the chair."""
        return journal_name(self.roster, who, guest)

    def label_of(self, entry: Request | Intervention) -> str:
        """The journal's way of writing a speaker: "Denmark-European Union (with ... in alignment)"."""
        return journal_name(self.roster, entry.who, entry.guest, entry.on_behalf, entry.alignment)

    # -- the rapporteur's notes ------------------------------------------------------------

    def notes(self, item_id: str | None = None, *, include_deleted: bool = False) -> list[Note]:
        return self._notes.notes(item_id, include_deleted=include_deleted)

    def notes_for(self, intervention_id: str) -> list[Note]:
        return self._notes.notes_for(intervention_id)

    def search_notes(self, query: str) -> list[Note]:
        return self._notes.search_notes(query)

    def note(self, note_id: str) -> Note | None:
        return self._notes.note(note_id)

    def note_target(self) -> NoteTarget:
        return self._notes.note_target()

    def add_note(self, text: str, *, intervention_id: str | None | EllipsisType = ...,
                 item_id: str | None = None, note_id: str | None = None) -> list[dict]:
        return self._notes.add_note(text, intervention_id=intervention_id, item_id=item_id,
                                    note_id=note_id)

    def edit_note(self, note_id: str, text: str, *, base: str | None = None) -> list[dict]:
        return self._notes.edit_note(note_id, text, base=base)

    def move_note(self, note_id: str, intervention_id: str | None,
                  item_id: str | None = None) -> list[dict]:
        return self._notes.move_note(note_id, intervention_id, item_id)

    def delete_note(self, note_id: str) -> list[dict]:
        return self._notes.delete_note(note_id)

    def restore_note(self, note_id: str) -> list[dict]:
        return self._notes.restore_note(note_id)

    def restore_revision(self, note_id: str, version: int) -> list[dict]:
        return self._notes.restore_revision(note_id, version)

    # -- the record: the sitting, documents, decisions -------------------------------------

    def suspended_since(self) -> Suspension | None:
        return self._sitting.suspended_since()

    def suspensions(self) -> list[Suspension]:
        return self._sitting.suspensions()

    def suspend_sitting(self, resumes_at: datetime | None = None) -> list[dict]:
        return self._sitting.suspend_sitting(resumes_at)

    def set_resumption(self, resumes_at: datetime | None) -> list[dict]:
        """When the suspended sitting resumes (None: not said)."""
        return self._sitting.set_resumption(resumes_at)

    def adjust_resumption(self, seconds: int) -> list[dict]:
        return self._sitting.adjust_resumption(seconds)

    def resume_sitting(self) -> list[dict]:
        return self._sitting.resume_sitting()

    def toggle_sitting(self) -> list[dict]:
        return self._sitting.toggle_sitting()

    def documents(self, intervention_id: str) -> tuple[str, ...]:
        return self._documents.documents(intervention_id)

    def item_documents(self, item_id: str) -> tuple[str, ...]:
        return self._documents.item_documents(item_id)

    def attached_documents(self, intervention_id: str | None, item_id: str) -> tuple[str, ...]:
        return self._documents.attached_documents(intervention_id, item_id)

    def document_target(self) -> tuple[str, str | None] | None:
        return self._documents.document_target()

    def set_documents(self, symbols: list[str], *,
                      intervention_id: str | None | EllipsisType = ...,
                      item_id: str | None = None) -> list[dict]:
        return self._documents.set_documents(symbols, intervention_id=intervention_id,
                                             item_id=item_id)

    def attach_document(self, symbol: str, *, intervention_id: str | None | EllipsisType = ...,
                        item_id: str | None = None) -> list[dict]:
        return self._documents.attach_document(symbol, intervention_id=intervention_id,
                                               item_id=item_id)

    def decisions(self, item_id: str | None = None) -> list[Decision]:
        return self._decisions.decisions(item_id)

    def adopt_decision(self, text: str, *, number: str = "", symbol: str = "",
                       item_id: str | None = None,
                       statements: tuple[str | tuple[str, str | None], ...] = ()) -> list[dict]:
        return self._decisions.adopt_decision(text, number=number, symbol=symbol,
                                              item_id=item_id, statements=statements)

    def attach_statement(self, decision_id: str, who: str, on_behalf: str | None = None
                         ) -> list[dict]:
        return self._decisions.attach_statement(decision_id, who, on_behalf)

    def remove_statement(self, decision_id: str, statement_id: str) -> list[dict]:
        return self._decisions.remove_statement(decision_id, statement_id)

    def remove_decision(self, decision_id: str) -> list[dict]:
        return self._decisions.remove_decision(decision_id)

    # -- the chair's message to the podium -------------------------------------------------

    def podium_message(self) -> PodiumMessage | None:
        return self._podium.podium_message()

    def send_podium_message(self, text: str) -> list[dict]:
        return self._podium.send_podium_message(text)

    def clear_podium_message(self) -> list[dict]:
        return self._podium.clear_podium_message()

    # -- the delegations' requests: their links, the chair's approval, lists ahead of time ------

    def pending_requests(self) -> list[AskedRequest]:
        """The requests awaiting the chair's approval, in arrival order."""
        return self._requests.pending()

    def asked_request(self, request_id: str) -> AskedRequest | None:
        return self._requests.asked(request_id)

    def asked_by(self, delegation: str) -> list[AskedRequest]:
        return self._requests.asked_by(delegation)

    def waiting_ahead(self) -> dict[str, int]:
        """How many requests wait on each later item's list opened ahead of time."""
        return self._requests.waiting_ahead()

    def ahead_queue(self, item_id: str) -> list[Request]:
        return self._requests.ahead_queue(item_id)

    def remote_delegations(self) -> frozenset[str]:
        return self._requests.remote_delegations()

    def followed_remotely(self, intervention_id: str) -> bool:
        return self._requests.followed_remotely(intervention_id)

    def asking_item(self) -> tuple[Item, bool] | None:
        return self._requests.asking_item()

    def later_items(self) -> list[Item]:
        return self._requests.later_items()

    def kinds_for(self, item: Item, *, later: bool = False) -> tuple[InterventionKind, ...]:
        return self._requests.kinds_for(item, later=later)

    def ask_floor(self, delegation: str, request_id: str, kind: InterventionKind | str, *,
                  source: str, who: str | None = None, on_behalf: str | None = None,
                  alignment: Iterable[str] = (), item_id: str | None = None) -> list[dict]:
        """A request from a delegation's link (idempotent by the page's `request_id`)."""
        return self._requests.ask(delegation, request_id, kind, source=source, who=who,
                                  on_behalf=on_behalf, alignment=alignment, item_id=item_id)

    def withdraw_own(self, delegation: str, request_id: str) -> list[dict]:
        return self._requests.withdraw_own(delegation, request_id)

    def mark_remote(self, delegation: str, remote: bool = True, *,
                    source: str = "console") -> list[dict]:
        return self._requests.mark_remote(delegation, remote, source=source)

    def request_ahead(self, item_id: str, who: str | None,
                      kind: InterventionKind | str | None = None, *, guest: str | None = None,
                      on_behalf: str | None = None, alignment: Iterable[str] = (),
                      force: bool = False) -> list[dict]:
        return self._requests.request_ahead(item_id, who, kind, guest=guest,
                                            on_behalf=on_behalf, alignment=alignment,
                                            force=force)

    def accept_request(self) -> list[dict]:
        """Accept the request that has awaited approval longest."""
        return self._requests.accept_next()

    def decline_request(self, reason: str = "") -> list[dict]:
        """Decline the request that has awaited approval longest, saying why."""
        return self._requests.decline_next(reason)

    def delegation_view(self, delegation: str, room: RoomView | None = None) -> DelegationView:
        """What `delegation`'s phone is told (`core/delegation_view.py`), beside `room`."""
        return delegation_view(self, delegation, room or self.room_view())
