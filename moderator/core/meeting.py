"""The meeting: commands decide events (`commands.py`), `apply` folds them into the state.

Commands never change the state; `apply`, `apply_all` and `record` are the only mutators and
skip events already applied (a process reads its own events back from the store). Undo is an
`undo` event naming the action it takes back; the state is then refolded without that action.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from moderator.core import agenda_progress, speaking  # noqa: F401 (register their folds)
from moderator.core import events as ev
from moderator.core import floor as floor_rules
from moderator.core.clock import Clock
from moderator.core.commands import Commands, Refused
from moderator.core.describe import describe_action
from moderator.core.fold import fold_event
from moderator.core.forecast import forecast as build_forecast
from moderator.core.journal import journal_name
from moderator.core.model import Agenda, InterventionKind, Item, Roster, Session
from moderator.core.note_commands import NotesMixin  # the rapporteur's notes
from moderator.core.state import MeetingState
from moderator.core.timer import timer_view, view_of
from moderator.core.views import Forecast, Intervention, ItemStatus, Request, TimerView

__all__ = ["Meeting", "Refused"]


class Meeting(NotesMixin, Commands):
    """One meeting's state, folded from its events, with the commands that decide new ones."""

    def __init__(self, agenda: Agenda, roster: Roster, clock: Clock, role: str = "moderator") -> None:
        self.agenda = agenda
        self.roster = roster
        self.clock = clock
        self.role = role
        self.events: list[dict] = []
        self.state = MeetingState()
        self._seen: set[str] = set()
        self._undone: set[str] = set()
        self._by_action: dict[str, list[dict]] = {}

    # -- folding ---------------------------------------------------------------------------

    def apply(self, event: dict) -> None:
        """Fold one event (skipped if its id was already applied)."""
        self.apply_all((event,))

    def apply_all(self, events: Iterable[dict]) -> None:
        """Fold events in order; each id once. An undo refolds once, at the end of the batch."""
        refold = False
        for event in events:
            event_id = event.get("id")
            if event_id in self._seen:
                continue
            self._seen.add(event_id)
            self.events.append(event)
            action = event.get("action")
            if action:
                self._by_action.setdefault(action, []).append(event)
            if event.get("type") == ev.UNDO and event.get("v", ev.EVENT_VERSION) <= ev.EVENT_VERSION:
                self._undone.add(event.get("undoes", ""))
                refold = True
            elif not refold and action not in self._undone:
                self._fold(event)
        if refold:
            self._refold()

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

    def _refold(self) -> None:
        self.state = MeetingState()
        for event in self.events:
            if event.get("type") != ev.UNDO and event.get("action") not in self._undone:
                self._fold(event)

    def can_undo(self) -> bool:
        return bool(self.state.actions)

    def describe(self, events: list[dict]) -> str:
        """A sentence for the notification, e.g. "Gave the floor to Türkiye"."""
        return describe_action(self, events)

    def action_events(self, action: str) -> list[dict]:
        """The events of one action (for describing what an undo takes back)."""
        return list(self._by_action.get(action, ()))

    # -- views -----------------------------------------------------------------------------

    def now(self) -> datetime:
        return self.clock.now()

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
        seconds = floor_rules.allotted(self.agenda, item, r.kind)
        return Request(
            r.id, r.item_id, r.who, r.guest, r.kind, r.on_behalf, r.alignment, r.requested_at, seconds
        )

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
                seconds=floor_rules.allotted(self.agenda, item, InterventionKind.SCHEDULED, speaker.seconds),
            )
            for index, speaker in enumerate(item.speakers)
            if (item.id, index) not in self.state.scheduled_done
        ]

    def floor(self) -> Intervention | None:
        return view_of(self.state.floor) if self.state.floor else None

    def suspended(self) -> Intervention | None:
        return view_of(self.state.suspended) if self.state.suspended else None

    def timer(self, now: datetime | None = None) -> TimerView:
        return timer_view(self.floor(), self.agenda.defaults.warning, now or self.clock.now())

    def log(self, item_id: str | None = None) -> list[Intervention]:
        """Every intervention in order of speaking (the one on the floor included)."""
        return [view_of(r) for r in self.state.log if item_id is None or r.item_id == item_id]

    def dropped(self) -> list[Request]:
        """Requests left waiting when their item finished (not carried to the next item)."""
        found = (self.agenda.find_item(r.item_id) for r in self.state.dropped)
        return [self._request_view(f[1], r) for f, r in zip(found, self.state.dropped, strict=True) if f]

    def forecast(self, now: datetime | None = None) -> Forecast:
        return build_forecast(self, now or self.clock.now())

    def name_of(self, who: str | None, guest: str | None = None) -> str:
        """A delegation's or speaker's name; a guest's own; None with no guest is the chair."""
        return journal_name(self.roster, who, guest)

    def label_of(self, entry: Request | Intervention) -> str:
        """The journal's way of writing a speaker: "Denmark-European Union (with ... in alignment)"."""
        return journal_name(self.roster, entry.who, entry.guest, entry.on_behalf, entry.alignment)
