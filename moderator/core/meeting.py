"""The meeting: commands decide events (`commands.py`), `apply` folds them into the state.

Commands never change the state; `apply`, `apply_all` and `record` are the only mutators and
skip events already applied (a process reads its own events back from the store). Undo is an
`undo` event naming the action it takes back; the state is then refolded without that action,
from the latest checkpoint before it (one every `checkpoint_every` events), not from the start.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from moderator.collector import paused
from moderator.core import agenda_progress, breaks, podium, speaking  # noqa: F401 (their folds)
from moderator.core import events as ev
from moderator.core import floor as floor_rules
from moderator.core.clock import Clock
from moderator.core.commands import Commands, Refused
from moderator.core.describe import describe_action
from moderator.core.fold import fold_event, is_floor_event
from moderator.core.forecast import forecast as build_forecast
from moderator.core.identity import ConsoleIdentity, new_console
from moderator.core.journal import journal_name
from moderator.core.model import Agenda, InterventionKind, Item, ItemKind, Roster, Session
from moderator.core.note_commands import NotesMixin  # the rapporteur's notes
from moderator.core.record import RecordMixin  # documents, suspensions, decisions
from moderator.core.state import MeetingState, StateCheckpoint
from moderator.core.steady import elapsed, place
from moderator.core.steady import now as steady_now
from moderator.core.timer import timer_view, view_of
from moderator.core.views import BreakView, Forecast, Intervention, ItemStatus, Request, TimerView

__all__ = ["Meeting", "Refused"]

BULK = 1000  # events folded at once above which the garbage collector waits


class Meeting(NotesMixin, RecordMixin, Commands):
    """One meeting's state, folded from its events, with the commands that decide new ones."""

    # How many events apart the state is checkpointed: an undo refolds at most this many
    # events before the action it takes back.
    checkpoint_every: int = 1024
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
        # The last floor event folded (journal order): what a floor decision was made on.
        self.last_floor_event: str | None = None
        if checkpoint_every is not None:
            self.checkpoint_every = max(1, checkpoint_every)
        self.events: list[dict] = []
        self.state = MeetingState()
        self._seen: set[str] = set()
        self._undone: set[str] = set()
        self._by_action: dict[str, list[dict]] = {}
        # Views of waiting requests, by the identity of the (never changed) request they show.
        self._request_views: dict[int, tuple[object, Item, Request]] = {}
        # The state after the first `at` events, in order of `at`.
        self._checkpoints: list[tuple[int, StateCheckpoint]] = []
        # Events to fold before the next checkpoint.
        self._until_checkpoint = self.checkpoint_every
        # Events folded again by undos, ever: what an undo costs, for tests.
        self.refolded = 0
        # Resumed from a saved state (`core/resume.py`): how many journal events it held, and
        # how to read them should an undo reach back past it (None: every event is in `events`).
        self._resumed_count = 0
        self._history: Callable[[], list[dict]] | None = None
        self._resumed_entries: set[tuple[str, str]] = set()  # the agenda entries they name
        # Actions whose events a resumed state knows (for describing an undo) but holds folded.
        self._older_actions: set[str] = set()
        self.older_events: list[dict] = []  # their events, in journal order

    @property
    def folded_count(self) -> int:
        """How many distinct events this meeting has folded (those of a resumed state included)."""
        return self._resumed_count + len(self.events)

    def _resume(self, state: MeetingState, undone: set[str], last_floor_event: str | None,
                until_checkpoint: int, count: int, seen: set[str],
                history: Callable[[], list[dict]], entries: set[tuple[str, str]],
                recent: dict[str, list[dict]]) -> None:
        """Start from a saved fold of `count` events (see `core/resume.py`); `recent`: the
        events of its last actions (known, but folded into the saved state)."""
        self.state = state
        self._undone = undone
        self.last_floor_event = last_floor_event
        self._until_checkpoint = min(until_checkpoint, self.checkpoint_every)
        self._resumed_count = count
        self._seen = set(seen)
        self._history = history
        self._resumed_entries = entries
        self._by_action = dict(recent)
        self._older_actions = set(recent)
        self.older_events = [e for events in recent.values() for e in events]
        # An undo of what came after refolds from here, never from an empty state.
        self._checkpoints = [(0, state.checkpoint())]

    def _recent_actions(self, count: int) -> dict[str, list[dict]]:
        """The events of the last `count` actions still to be undone, by action."""
        return {a: self._by_action[a] for a in self.state.actions[-count:] if a in self._by_action}

    def _read_history(self) -> int:
        """An undo reaches back past the saved state: read the events it was folded from and
        keep them, as if folded here; returns how many were put before `events`."""
        history, self._history = self._history, None
        assert history is not None
        older = history()[: self._resumed_count]
        self._resumed_count, self._resumed_entries = 0, set()
        self._older_actions, self.older_events = set(), []
        self.events[:0] = older
        by_action: dict[str, list[dict]] = {}
        for event in self.events:
            action = event.get("action")
            if action:
                by_action.setdefault(action, []).append(event)
        self._by_action = by_action
        self._checkpoints = []  # the next refold starts from the first event
        return len(older)

    # -- folding ---------------------------------------------------------------------------

    def apply(self, event: dict) -> None:
        """Fold one event (skipped if its id was already applied)."""
        self.apply_all((event,))

    def apply_all(self, events: Iterable[dict]) -> None:
        """Fold events in order; each id once. An undo refolds once, at the end of the batch."""
        if isinstance(events, list) and len(events) >= BULK:
            with paused():  # a day's fold keeps everything it makes: the collector frees nothing
                self._apply_all(events)
        else:
            self._apply_all(events)

    def _apply_all(self, events: Iterable[dict]) -> None:
        # Locals: this loop folds a whole day's events when a console opens.
        seen, applied, by_action = self._seen, self.events, self._by_action
        until, unfolded, undone_ever = self._until_checkpoint, None, self._undone
        undone: set[str] = set()
        for event in events:
            event_id = event.get("id")
            if event_id in seen:
                continue
            seen.add(event_id)
            applied.append(event)
            if is_floor_event(event):
                self.last_floor_event = event_id
            action = event.get("action")
            if action:
                by_action.setdefault(action, []).append(event)
            if event.get("type") == ev.UNDO and event.get("v", ev.EVENT_VERSION) <= ev.EVENT_VERSION:
                if unfolded is None:
                    unfolded = len(applied) - 1  # the rest of the batch waits for the refold
                undone_ever.add(event.get("undoes", ""))
                undone.add(event.get("undoes", ""))
            elif unfolded is None:
                if action not in undone_ever:
                    self._fold(event)
                until -= 1
                if not until:
                    self._checkpoint(len(applied))
                    until = self.checkpoint_every
        self._until_checkpoint = until
        if unfolded is not None:
            self._refold(undone, unfolded)

    def record(self, events: list[dict]) -> list[dict]:
        """`apply_all` for callers with no store; returns the events."""
        self.apply_all(events)
        return events

    def _fold(self, event: dict) -> None:
        try:
            fold_event(self, self.state, event)
        except (KeyError, ValueError, TypeError):
            # A malformed event (hand-edited database) is ignored, like an unknown one.
            pass

    def _checkpoint(self, at: int) -> None:
        self._checkpoints.append((at, self.state.checkpoint()))
        if len(self._checkpoints) > 2 * self.dense_checkpoints:
            # Older checkpoints thin out (every other one), so their spacing grows with age.
            old = self._checkpoints[: -self.dense_checkpoints]
            self._checkpoints[: -self.dense_checkpoints] = old[::2]

    def _refold(self, undone: set[str], unfolded: int) -> None:
        """Fold again without the undone actions, from the last checkpoint before the first.

        `unfolded`: the first event not folded yet (the batch's first undo).
        """
        if self._history is not None and any(a not in self._by_action or a in self._older_actions
                                             for a in undone):
            unfolded += self._read_history()
        start = self._first_of(undone, unfolded)
        while self._checkpoints and self._checkpoints[-1][0] > start:
            self._checkpoints.pop()
        at, self.state = 0, MeetingState()
        if self._checkpoints:
            at, checkpoint = self._checkpoints[-1]
            self.state = checkpoint.restore()
        until = self.checkpoint_every
        for event in self.events[at:]:
            at += 1
            if event.get("type") == ev.UNDO:
                self._resume_after(event)
            elif event.get("action") not in self._undone:
                self._fold(event)
                self.refolded += 1
            until -= 1
            if not until:
                self._checkpoint(at)
                until = self.checkpoint_every
        self._until_checkpoint = until

    def _resume_after(self, undo: dict) -> None:
        """The speaker an undone action took the floor from speaks again from the undo on.

        Someone else held the floor in between: that time is paused time for the speaker who
        gets it back, never their speaking time (an undone `n` would otherwise charge them).
        """
        at = place(self.state, undo, ev.event_time(undo))
        holder = self.state.floor
        taken = self._by_action.get(undo.get("undoes", ""), [])
        if holder is None or holder.running_since is None or not taken:
            return
        if not any((e.get("type") == ev.FLOOR_ENDED and e.get("intervention") == holder.id)
                   or (e.get("type") == ev.FLOOR_GIVEN and e.get("suspends") == holder.id)
                   for e in taken):
            return
        # From the later of the undone action and the timer's start: steady within a boot.
        gap = min(elapsed(taken[0], undo), (at - holder.running_since).total_seconds())
        if gap > 0:
            holder.running_since += timedelta(seconds=gap)
            holder.paused_banked += gap

    def _first_of(self, actions: set[str], before: int) -> int:
        """Where the earliest of these actions starts in `events` (else `before`).

        Searched backwards from `before`: the cost is what happened since, like the refold's.
        """
        firsts = {id(self._by_action[a][0]) for a in actions if a in self._by_action}
        start = before
        for index in range(before - 1, -1, -1):
            if not firsts:
                break
            if id(self.events[index]) in firsts:
                firsts.discard(id(self.events[index]))
                start = index
        return start

    def can_undo(self) -> bool:
        return bool(self.state.actions)

    def describe(self, events: list[dict]) -> str:
        """A sentence for the notification, e.g. "Gave the floor to Türkiye"."""
        return describe_action(self, events)

    def has_applied(self, event_id: str) -> bool:
        return event_id in self._seen

    def action_events(self, action: str) -> list[dict]:
        """The events of one action (for describing what an undo takes back)."""
        return list(self._by_action.get(action, ()))

    # -- views -----------------------------------------------------------------------------

    def now(self) -> datetime:
        """The present on the meeting's timeline: the steady clock's time since the last event
        (same boot), so a wall-clock step moves no countdown; else the wall clock."""
        return steady_now(self.state, self.clock)

    def current_item(self) -> Item | None:
        found = self.agenda.find_item(self.state.current_item or "")
        return found[1] if found else None

    def current_session(self) -> Session | None:
        """The session of the current item; else of the last item; else of the next pending."""
        for item_id in (
            self.state.current_item,
            self.state.last_item,
            agenda_progress.next_pending(self.agenda, self.state),
        ):
            found = self.agenda.find_item(item_id or "")
            if found:
                return found[0]
        return None

    def item_status(self, item_id: str) -> ItemStatus:
        return agenda_progress.status(self.state, item_id)

    def list_closed(self) -> bool:
        return self.state.current_item in self.state.closed

    def queue(self) -> list[Request]:
        """Waiting requests in order: points of order, scheduled speakers, the rest."""
        item = self.current_item()
        if item is None:
            return []
        room = [self._request_view(item, r) for r in self.state.waiting]
        points = [r for r in room if r.kind is InterventionKind.POINT_OF_ORDER]
        others = [r for r in room if r.kind is not InterventionKind.POINT_OF_ORDER]
        return points + self._scheduled_waiting(item) + others

    def _request_view(self, item: Item, r) -> Request:
        # A waiting request is never changed in place: its view is made once, not on every
        # look at the list (the console looks several times a frame; 200 waiting cost 2 ms).
        seconds = floor_rules.allotted(self.agenda, item, r.kind, live=self.state.item_limits)
        cached = self._request_views.get(id(r))
        if cached is not None and cached[0] is r and cached[1] is item and cached[2].seconds == seconds:
            return cached[2]
        view = Request(
            r.id, r.item_id, r.who, r.guest, r.kind, r.on_behalf, r.alignment, r.requested_at, seconds
        )
        if len(self._request_views) > 4096:  # only the waiting ones matter: start again
            self._request_views.clear()
        self._request_views[id(r)] = (r, item, view)
        return view

    def _scheduled_waiting(self, item: Item) -> list[Request]:
        since = self.state.progress[item.id].first_started
        return [
            Request(
                id=floor_rules.scheduled_id(item.id, index),
                item_id=item.id,
                who=speaker.ref,
                guest=None,
                kind=InterventionKind.SCHEDULED,
                on_behalf=None,
                alignment=(),
                requested_at=since,
                seconds=floor_rules.allotted(self.agenda, item, InterventionKind.SCHEDULED, speaker.seconds,
                                             live=self.state.item_limits),
            )
            for index, speaker in enumerate(item.speakers)
            if (item.id, index) not in self.state.scheduled_done
        ]

    def item_limit(self, kind: InterventionKind | None = None, item_id: str | None = None) -> int:
        """The seconds a new `kind` of intervention gets on an item (None: the current one's
        own kind, questions in a Q&A item, statements otherwise), the chair's setting included."""
        found = self.agenda.find_item(item_id or self.state.current_item or "")
        if found is None:
            kind = kind or InterventionKind.STATEMENT
            return floor_rules.allotted(self.agenda, Item("", "", ItemKind.DISCUSSION, 0), kind)
        item = found[1]
        kind = kind or floor_rules.main_kind(item)
        return floor_rules.allotted(self.agenda, item, kind, live=self.state.item_limits)

    def break_view(self, now: datetime | None = None) -> BreakView | None:
        """The break in progress, and when the meeting resumes (None: no break is open)."""
        return breaks.break_view(self, now or self.now())

    def next_item_id(self) -> str | None:
        """The item `]` would open."""
        return agenda_progress.next_pending(self.agenda, self.state)

    def floor(self) -> Intervention | None:
        return view_of(self.state.floor) if self.state.floor else None

    def suspended(self) -> Intervention | None:
        return view_of(self.state.suspended) if self.state.suspended else None

    def timer(self, now: datetime | None = None) -> TimerView:
        return timer_view(self.floor(), self.agenda.defaults.warning, now or self.now())

    def log(self, item_id: str | None = None) -> list[Intervention]:
        """Every intervention in order of speaking (the one on the floor included)."""
        return [view_of(r) for r in self.state.log if item_id is None or r.item_id == item_id]

    def dropped(self) -> list[Request]:
        """Requests left waiting when their item finished (not carried to the next item)."""
        found = (self.agenda.find_item(r.item_id) for r in self.state.dropped)
        return [self._request_view(f[1], r) for f, r in zip(found, self.state.dropped, strict=True) if f]

    def forecast(self, now: datetime | None = None) -> Forecast:
        return build_forecast(self, now or self.now())

    def name_of(self, who: str | None, guest: str | None = None) -> str:
        """A delegation's or speaker's name; a guest's own; None with no guest is the chair."""
        return journal_name(self.roster, who, guest)

    # -- the chair's message to the podium (core/podium.py) ------------------------------

    def send_podium_message(self, text: str) -> list[dict]:
        return podium.send_message(self, text)

    def clear_podium_message(self) -> list[dict]:
        return podium.clear_message(self)

    def podium_message(self) -> podium.PodiumMessage | None:
        return podium.shown_message(self)

    def label_of(self, entry: Request | Intervention) -> str:
        """The journal's way of writing a speaker: "Denmark-European Union (with ... in alignment)"."""
        return journal_name(self.roster, entry.who, entry.guest, entry.on_behalf, entry.alignment)
