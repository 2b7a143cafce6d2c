"""The list of speakers: where a request goes; the requests' events, decisions and folds.

Order of the list: points of order (first come, first served among them), then the item's
scheduled speakers not yet heard, then statements and questions (by request time, or by
category precedence when the agenda asks for it), then rights of reply, which wait until the
ordinary list is exhausted. The chair's moves stay within a request's own section.

During a break, requests are for the item after it (delegations sign up then): they wait, in
order, and are that item's list when it opens. A request can be corrected while it waits (its
kind, the name, on whose behalf, the alignment): it keeps its place, or under another kind the
place that kind takes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar
from uuid import uuid4

from moderator.core.actions import Action, Refused, refuse_invalid_text
from moderator.core.agenda_order import next_pending, status
from moderator.core.context import MeetingContext
from moderator.core.events import Event, renamed
from moderator.core.fold import FoldContext, folds
from moderator.core.group_statements import group_problem
from moderator.core.model import (
    KIND_LABELS,
    Agenda,
    Category,
    InterventionKind,
    Item,
    ItemKind,
    Ordering,
    Roster,
)
from moderator.core.speaker_names import journal_name
from moderator.core.state import MeetingState, WaitingRequest
from moderator.core.views import ItemStatus, Request

# Version 2: the item is `item_id` (version 1 wrote `item`).
_ITEM_ID = {1: renamed(item="item_id")}


@dataclass(frozen=True, slots=True)
class RequestMade(Event):
    """A request for the floor; `top`: put back at the top of its section (`r`)."""

    TYPE: ClassVar[str] = "request.made"
    VERSION: ClassVar[int] = 2
    UPCASTS: ClassVar = _ITEM_ID
    request: str
    item_id: str
    kind: str
    who: str | None = None
    guest: str | None = None
    on_behalf: str | None = None
    alignment: tuple[str, ...] = ()
    top: bool = False


@dataclass(frozen=True, slots=True)
class RequestCorrected(Event):
    """A waiting request as the chair corrected it (every field, changed or not)."""

    TYPE: ClassVar[str] = "request.corrected"
    request: str
    kind: str
    who: str | None = None
    guest: str | None = None
    on_behalf: str | None = None
    alignment: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RequestWithdrawn(Event):
    TYPE: ClassVar[str] = "request.withdrawn"
    request: str


@dataclass(frozen=True, slots=True)
class RequestMoved(Event):
    """`position`: among the room's requests (scheduled speakers not counted)."""

    TYPE: ClassVar[str] = "request.moved"
    request: str
    position: int


@dataclass(frozen=True, slots=True)
class ListClosed(Event):
    TYPE: ClassVar[str] = "list.closed"
    VERSION: ClassVar[int] = 2
    UPCASTS: ClassVar = _ITEM_ID
    item_id: str


@dataclass(frozen=True, slots=True)
class ListReopened(Event):
    TYPE: ClassVar[str] = "list.reopened"
    VERSION: ClassVar[int] = 2
    UPCASTS: ClassVar = _ITEM_ID
    item_id: str


@dataclass(frozen=True, slots=True)
class ItemLimitSet(Event):
    TYPE: ClassVar[str] = "item.limit.set"
    VERSION: ClassVar[int] = 2
    UPCASTS: ClassVar = _ITEM_ID
    item_id: str
    kind: str
    seconds: int


REQUEST_MADE = RequestMade.TYPE
REQUEST_CORRECTED = RequestCorrected.TYPE
REQUEST_WITHDRAWN = RequestWithdrawn.TYPE
REQUEST_MOVED = RequestMoved.TYPE
LIST_CLOSED = ListClosed.TYPE
LIST_REOPENED = ListReopened.TYPE
ITEM_LIMIT_SET = ItemLimitSet.TYPE

SECTIONS = {
    InterventionKind.POINT_OF_ORDER: 0,
    InterventionKind.SCHEDULED: 1,
    InterventionKind.STATEMENT: 2,
    InterventionKind.QUESTION: 2,
    InterventionKind.RIGHT_OF_REPLY: 3,
}
# The kinds a closed list refuses (points of order and rights of reply stay possible).
ORDINARY = frozenset({InterventionKind.STATEMENT, InterventionKind.QUESTION})
_CATEGORIES = list(Category)
# The kinds `r` puts back on the list: a point of order or a right of reply is not repeated.
READDED = frozenset({InterventionKind.STATEMENT, InterventionKind.QUESTION,
                     InterventionKind.SCHEDULED})


def section(kind: InterventionKind) -> int:
    return SECTIONS[kind]


def precedence(roster: Roster, who: str | None, on_behalf: str | None) -> int:
    """Category precedence: on behalf of a group first, then by category, guests last."""
    if on_behalf:
        return 0
    if who in roster.delegations:
        return 1 + _CATEGORIES.index(roster.delegations[who].category)
    speaker = roster.speakers.get(who or "")
    if speaker and speaker.delegation in roster.delegations:
        return 1 + _CATEGORIES.index(roster.delegations[speaker.delegation].category)
    return 1 + len(_CATEGORIES)


def main_kind(item: Item) -> InterventionKind:
    """The kind most of an item's speakers have: questions in a Q&A item, else statements."""
    return InterventionKind.QUESTION if item.kind is ItemKind.Q_AND_A else InterventionKind.STATEMENT


def allotted(agenda: Agenda, item: Item, kind: InterventionKind, seconds: int | None = None,
             live: dict[tuple[str, str], int] | None = None) -> int:
    """Seconds for an intervention: the speaker's own, else the limit the chair set for the item
    (`live`, by item id and kind), else the agenda's for the item, else the default."""
    if seconds is not None:
        return seconds
    limit_kind = InterventionKind.STATEMENT if kind is InterventionKind.SCHEDULED else kind
    if live and (item.id, str(limit_kind)) in live:
        return live[(item.id, str(limit_kind))]
    item_limit = item.limits.for_kind(limit_kind)
    if item_limit is not None:
        return item_limit
    return agenda.defaults.limits.for_kind(limit_kind) or agenda.defaults.statement


def scheduled_id(item_id: str, index: int) -> str:
    """The id of a scheduled speaker's place on the list."""
    return f"{item_id}/scheduled/{index}"


def parse_scheduled_id(request_id: str) -> tuple[str, int] | None:
    item_id, sep, index = request_id.rpartition("/scheduled/")
    if not sep or not index.isdigit():
        return None
    return item_id, int(index)


def insert_index(
    waiting: list[WaitingRequest], new: WaitingRequest, ordering: Ordering, roster: Roster, top: bool
) -> int:
    """Where a new request joins the list of waiting room requests."""
    own = section(new.kind)
    by_category = ordering is Ordering.CATEGORY and new.kind in ORDINARY and not top
    rank = precedence(roster, new.who, new.on_behalf)
    for index, other in enumerate(waiting):
        other_section = section(other.kind)
        if other_section > own or (top and other_section == own):
            return index
        if (
            by_category
            and other_section == own
            and precedence(roster, other.who, other.on_behalf) > rank
        ):
            return index
    return len(waiting)


def section_bounds(waiting: list[WaitingRequest], kind: InterventionKind) -> tuple[int, int]:
    """The first and last index a request of `kind` may take in `waiting` (without itself)."""
    own = section(kind)
    first = sum(1 for r in waiting if section(r.kind) < own)
    last = first + sum(1 for r in waiting if section(r.kind) == own)
    return first, last


def on_a_break(agenda: Agenda, state: MeetingState) -> bool:
    found = agenda.find_item(state.current_item or "")
    return found is not None and found[1].kind is ItemKind.BREAK


@folds(RequestMade)
def _made(context: FoldContext, state: MeetingState, event: RequestMade, at: datetime) -> None:
    # A request belongs to the item current when it was made (during a break, to an item still
    # to come); a stale one is ignored.
    ahead = on_a_break(context.agenda, state) and status(state, event.item_id) is \
        ItemStatus.PENDING and context.agenda.find_item(event.item_id) is not None
    if (event.item_id != state.current_item and not ahead) or \
            any(r.id == event.request for r in state.waiting):
        return
    request = WaitingRequest(
        id=event.request,
        item_id=event.item_id,
        who=event.who,
        guest=event.guest,
        kind=InterventionKind(event.kind),
        on_behalf=event.on_behalf,
        alignment=event.alignment,
        requested_at=at,
    )
    ordering = context.agenda.defaults.ordering
    index = insert_index(state.waiting, request, ordering, context.roster, bool(event.top))
    state.waiting.insert(index, request)


@folds(RequestCorrected)
def _corrected(context: FoldContext, state: MeetingState, event: RequestCorrected,
               at: datetime) -> None:
    found = [i for i, r in enumerate(state.waiting) if r.id == event.request]
    if not found:
        return
    old = state.waiting[found[0]]
    new = WaitingRequest(old.id, old.item_id, event.who, event.guest, InterventionKind(event.kind),
                         event.on_behalf, event.alignment, old.requested_at)
    waiting = list(state.waiting)  # replaced, never changed in place: checkpoints share it
    if section(new.kind) == section(old.kind):
        waiting[found[0]] = new
    else:
        del waiting[found[0]]
        ordering = context.agenda.defaults.ordering
        waiting.insert(insert_index(waiting, new, ordering, context.roster, False), new)
    state.waiting = waiting


@folds(RequestWithdrawn)
def _withdrawn(context: FoldContext, state: MeetingState, event: RequestWithdrawn,
               at: datetime) -> None:
    scheduled = parse_scheduled_id(event.request)
    if scheduled is not None:
        state.scheduled_done.add(scheduled)
        return
    state.waiting = [r for r in state.waiting if r.id != event.request]


@folds(RequestMoved)
def _moved(context: FoldContext, state: MeetingState, event: RequestMoved, at: datetime) -> None:
    found = [r for r in state.waiting if r.id == event.request]
    if not found:
        return
    state.waiting.remove(found[0])
    first, last = section_bounds(state.waiting, found[0].kind)
    state.waiting.insert(min(max(int(event.position), first), last), found[0])


@folds(ListClosed)
def _closed(context: FoldContext, state: MeetingState, event: ListClosed, at: datetime) -> None:
    state.closed.add(event.item_id)


@folds(ListReopened)
def _reopened(context: FoldContext, state: MeetingState, event: ListReopened, at: datetime) -> None:
    state.closed.discard(event.item_id)


@folds(ItemLimitSet)
def _limit_set(context: FoldContext, state: MeetingState, event: ItemLimitSet, at: datetime) -> None:
    kind = str(InterventionKind(event.kind))
    state.item_limits[(event.item_id, kind)] = max(1, int(event.seconds))


def open_item(context: MeetingContext) -> Item:
    """The item in progress, or `Refused`: the list, the floor and limits need one."""
    item = context.current_item()
    if item is None:
        raise Refused("Open an agenda item first: no item is in progress")
    return item


class SpeakersList:
    """The list of speakers of the current item: its views and the chair's decisions on it."""

    def __init__(self, context: MeetingContext) -> None:
        self.context = context
        # Views of waiting requests, by the identity of the (never changed) request they show.
        self._request_views: dict[int, tuple[object, Item, Request]] = {}

    # -- views -----------------------------------------------------------------------------

    def list_closed(self) -> bool:
        state = self.context.state
        return state.current_item in state.closed

    def queue(self) -> list[Request]:
        """Waiting requests in order: points of order, scheduled speakers, the rest (during
        a break, the requests made for the item after it)."""
        item = self.context.current_item()
        if item is None:
            return []
        # Each request's seconds depend on its item and kind alone: found once per pair.
        seconds: dict[tuple[str, InterventionKind], int] = {}
        room = [self._request_view(self._item_of(r, item), r, seconds)
                for r in self.context.state.waiting]
        points = [r for r in room if r.kind is InterventionKind.POINT_OF_ORDER]
        others = [r for r in room if r.kind is not InterventionKind.POINT_OF_ORDER]
        return points + self._scheduled_waiting(item) + others

    def _item_of(self, request: WaitingRequest, current: Item) -> Item:
        """The item a waiting request is for: the current one, or during a break the next."""
        if request.item_id == current.id:
            return current
        found = self.context.agenda.find_item(request.item_id)
        return found[1] if found else current

    def _request_view(self, item: Item, r: WaitingRequest,
                      found: dict[tuple[str, InterventionKind], int] | None = None) -> Request:
        # A waiting request is never changed in place: its view is made once, not on every
        # look at the list (the console looks several times a frame; 200 waiting cost 2 ms).
        # `found`: the seconds already found for an item and kind, in this look at the list.
        context = self.context
        seconds = found.get((item.id, r.kind)) if found is not None else None
        if seconds is None:
            seconds = allotted(context.agenda, item, r.kind, live=context.state.item_limits)
            if found is not None:
                found[(item.id, r.kind)] = seconds
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
        state, agenda = self.context.state, self.context.agenda
        since = state.progress[item.id].first_started
        return [
            Request(
                id=scheduled_id(item.id, index),
                item_id=item.id,
                who=speaker.ref,
                guest=None,
                kind=InterventionKind.SCHEDULED,
                on_behalf=None,
                alignment=(),
                requested_at=since,
                seconds=allotted(agenda, item, InterventionKind.SCHEDULED, speaker.seconds,
                                 live=state.item_limits),
            )
            for index, speaker in enumerate(item.speakers)
            if (item.id, index) not in state.scheduled_done
        ]

    def dropped(self) -> list[Request]:
        """Requests left waiting when their item finished (not carried to the next item)."""
        dropped = self.context.state.dropped
        found = (self.context.agenda.find_item(r.item_id) for r in dropped)
        return [self._request_view(f[1], r) for f, r in zip(found, dropped, strict=True) if f]

    def item_limit(self, kind: InterventionKind | None = None, item_id: str | None = None) -> int:
        """The seconds a new `kind` of intervention gets on an item (None: the current one's
        own kind, questions in a Q&A item, statements otherwise), the chair's setting included."""
        context = self.context
        found = context.agenda.find_item(item_id or context.state.current_item or "")
        if found is None:
            kind = kind or InterventionKind.STATEMENT
            return allotted(context.agenda, Item("", "", ItemKind.DISCUSSION, 0), kind)
        item = found[1]
        kind = kind or main_kind(item)
        return allotted(context.agenda, item, kind, live=context.state.item_limits)

    def request_item(self) -> Item:
        """The item a request made now is for: the current one; during a break, the next."""
        context = self.context
        item = open_item(context)
        if item.kind is not ItemKind.BREAK:
            return item
        coming = next_pending(context.agenda, context.state)
        found = context.agenda.find_item(coming) if coming else None
        if found is None:
            raise Refused(f"“{item.title}” is the last item of the agenda: no item follows "
                          "it for a request")
        return found[1]

    def find(self, request_id: str) -> Request:
        for request in self.queue():
            if request.id == request_id:
                return request
        raise Refused("That request is no longer on the list")

    # -- decisions -------------------------------------------------------------------------

    def request_floor(
        self,
        who: str | None,
        kind: InterventionKind = InterventionKind.STATEMENT,
        *,
        guest: str | None = None,
        on_behalf: str | None = None,
        alignment: tuple[str, ...] = (),
        force: bool = False,
    ) -> list[dict]:
        """Put a request on the list (during a break, the list of the item after it).
        `force`: the chair adds a speaker to a closed list."""
        context = self.context
        item = self.request_item()
        kind, guest = self._checked(who, kind, guest, on_behalf, alignment)
        if kind in ORDINARY and item.id in context.state.closed and not force:
            raise Refused(f"The list of speakers on “{item.title}” is closed")
        self._refuse_group_problem(who, on_behalf, alignment)
        self._refuse_duplicate(who, guest, kind, on_behalf)
        return Action(context).add(RequestMade(
            request=uuid4().hex, item_id=item.id, kind=str(kind), who=who, guest=guest,
            on_behalf=on_behalf, alignment=tuple(alignment), top=False,
        )).events

    def correct_request(
        self,
        request_id: str,
        who: str | None,
        kind: InterventionKind,
        *,
        guest: str | None = None,
        on_behalf: str | None = None,
        alignment: tuple[str, ...] = (),
    ) -> list[dict]:
        """Correct a waiting request: its kind, the speaker (a guest renamed or matched to
        the roster), on whose behalf and the alignment. It keeps its place on the list, or
        under another kind the place that kind takes."""
        request = self.find(request_id)
        if request.kind is InterventionKind.SCHEDULED:
            raise Refused("A scheduled speaker comes from the agenda: x withdraws them")
        kind, guest = self._checked(who, kind, guest, on_behalf, alignment)
        if who is not None:
            guest = None
        alignment = tuple(alignment)
        if (request.who, request.guest, request.kind, request.on_behalf, request.alignment) == \
                (who, guest, kind, on_behalf, alignment):
            raise Refused("The request stays as it is")
        self._refuse_group_problem(who, on_behalf, alignment, besides=request.id)
        self._refuse_duplicate(who, guest, kind, on_behalf, besides=request.id)
        return Action(self.context).add(RequestCorrected(
            request.id, str(kind), who, guest, on_behalf, alignment)).events

    def _checked(self, who: str | None, kind: InterventionKind, guest: str | None,
                 on_behalf: str | None, alignment: tuple[str, ...]
                 ) -> tuple[InterventionKind, str | None]:
        """The kind and the guest's name as a request holds them, or `Refused`."""
        kind = InterventionKind(kind)
        guest = guest.strip() if guest else None
        refuse_invalid_text(guest or "", "guest's name")
        if kind is InterventionKind.SCHEDULED:
            raise Refused("Scheduled speakers come from the agenda")
        if who is None and not guest:
            raise Refused("Name the guest who asks for the floor")
        roster = self.context.roster
        for ref in (who, on_behalf, *alignment):
            if ref is not None and ref not in roster.delegations and ref not in roster.speakers:
                raise Refused(f"“{ref}” is not on the roster")
        return kind, guest

    def _refuse_group_problem(self, who: str | None, on_behalf: str | None,
                              alignment: tuple[str, ...], besides: str | None = None) -> None:
        waiting = [r for r in self.context.state.waiting if r.id != besides]
        problem = group_problem(self.context.roster, who, on_behalf, tuple(alignment), waiting)
        if problem is not None:
            raise Refused(problem)

    def _refuse_duplicate(self, who: str | None, guest: str | None, kind: InterventionKind,
                          on_behalf: str | None = None, besides: str | None = None) -> None:
        """One waiting request per speaker, kind and group: Denmark's national statement is
        another request than Denmark's statement on behalf of the European Union."""
        for waiting in self.context.state.waiting:
            if waiting.id == besides:
                continue
            same = waiting.who == who if who is not None else (
                waiting.who is None and (waiting.guest or "").casefold() == (guest or "").casefold()
            )
            if same and waiting.kind is kind and waiting.on_behalf == on_behalf:
                name = journal_name(self.context.roster, waiting.who, waiting.guest)
                raise Refused(f"{name} is already on the list ({KIND_LABELS[kind].lower()})")

    def withdraw(self, request_id: str) -> list[dict]:
        request = self.find(request_id)
        return Action(self.context).add(RequestWithdrawn(request.id)).events

    def move_request(self, request_id: str, position: int) -> list[dict]:
        """Move a request to `position` in `queue()`, within its own section of the list."""
        request = self.find(request_id)
        if request.kind is InterventionKind.SCHEDULED:
            raise Refused("Scheduled speakers keep the agenda's order")
        queue = self.queue()
        rest = [r for r in queue if r.id != request.id]
        own = section(request.kind)
        first = sum(1 for r in rest if section(r.kind) < own)
        last = first + sum(1 for r in rest if section(r.kind) == own)
        ids = [r.id for r in rest]
        ids.insert(min(max(position, first), last), request.id)
        if ids == [r.id for r in queue]:
            label = journal_name(self.context.roster, request.who, request.guest,
                                 request.on_behalf, request.alignment)
            raise Refused(f"{label} is already there")
        room = [i for i in ids if parse_scheduled_id(i) is None]
        return Action(self.context).add(RequestMoved(request.id, room.index(request.id))).events

    def move_up(self, request_id: str) -> list[dict]:
        index = [r.id for r in self.queue()].index(self.find(request_id).id)
        return self.move_request(request_id, index - 1)

    def move_down(self, request_id: str) -> list[dict]:
        index = [r.id for r in self.queue()].index(self.find(request_id).id)
        return self.move_request(request_id, index + 1)

    def readd_last_speaker(self) -> list[dict]:
        """Put the last ordinary speaker of the item (not a point of order or a right of reply)
        back at the top of the list, as the same kind of statement they made."""
        item = open_item(self.context)
        # From the end of the log: the cost stays flat however long the meeting has run. Only
        # a point of order interleaves with a statement (it suspends it), and those are skipped,
        # so the first found is the last to have finished.
        last = next((r for r in reversed(self.context.state.log) if r.item_id == item.id
                     and r.ended_at is not None and r.kind in READDED), None)
        if last is None:
            raise Refused("Nobody has spoken yet on this item (no statement or question has finished)")
        kind = InterventionKind.STATEMENT if last.kind is InterventionKind.SCHEDULED else last.kind
        self._refuse_duplicate(last.who, last.guest, kind, last.on_behalf)
        return Action(self.context).add(RequestMade(
            request=uuid4().hex, item_id=item.id, kind=str(kind), who=last.who, guest=last.guest,
            on_behalf=last.on_behalf, alignment=tuple(last.alignment), top=True,
        )).events

    def close_list(self) -> list[dict]:
        item = open_item(self.context)
        if self.list_closed():
            raise Refused("The list of speakers is already closed")
        return Action(self.context).add(ListClosed(item.id)).events

    def reopen_list(self) -> list[dict]:
        item = open_item(self.context)
        if not self.list_closed():
            raise Refused("The list of speakers is open")
        return Action(self.context).add(ListReopened(item.id)).events

    def set_item_limit(self, seconds: int, kind: InterventionKind | None = None) -> list[dict]:
        """Set the limit of every `kind` of intervention on the current item ("three minutes
        per speaker for this item"); None: the item's own kind (questions in a Q&A item,
        statements otherwise). Requests waiting take it at once; the speaker holding the floor
        keeps their time (`set_speaker_limit` changes it)."""
        item = open_item(self.context)
        kind = InterventionKind(kind) if kind is not None else main_kind(item)
        if kind is InterventionKind.SCHEDULED:
            raise Refused("Scheduled speakers keep the agenda's times")
        seconds = int(seconds)
        if seconds <= 0:
            raise Refused("A limit is a time longer than 0:00")
        if seconds == self.item_limit(kind):
            raise Refused("The limit stays as it is")
        return Action(self.context).add(ItemLimitSet(item.id, str(kind), seconds)).events
