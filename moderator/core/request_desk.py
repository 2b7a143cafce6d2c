"""Requests that do not go straight onto the current list: those the delegations make from their
own seat (their link), those waiting for the chair's approval, and the lists opened ahead of
time on later items; and the delegations following the meeting remotely. Their events and folds.

- A request asked from a delegation's link is `request.asked`, with where it came from
  (`source`). With the chair's approval required it is pending (the chair's strip, in arrival
  order) until `request.accepted` or `request.declined` (with a reason the phone shows).
  Otherwise, and once accepted, it joins its item's list by the meeting's rules, at the place
  its time of request gives it (not the time of approval).
- A request for a later item (the chair's, or a delegation's when the meeting allows it) is
  kept on that item's list opened ahead of time, in its order, and joins the list of speakers
  when the item opens (`item.started`); a skipped item's are dropped, for the record.
- `delegation.remote` marks a delegation as following remotely (or in the room again); each
  intervention given to it meanwhile is recorded as remote.

The desk is kept in `state.extensions["requests"]`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import ClassVar

from moderator.core.agenda_progress import ItemFinished, ItemSkipped, ItemStarted
from moderator.core.events import Event
from moderator.core.floor import FloorGiven
from moderator.core.fold import FoldContext, also, folds
from moderator.core.model import InterventionKind, Ordering, Roster
from moderator.core.speakers_list import RequestWithdrawn, insert_index, precedence, section
from moderator.core.state import MeetingState, WaitingRequest
from moderator.core.views import ItemStatus

KEY = "requests"
# Where a request from a console came from (a link's is "link:<link id>").
CONSOLE = "console"


@dataclass(frozen=True, slots=True)
class RequestAsked(Event):
    """A request asked from a delegation's link (`source` "link:<link id>"), or one the chair
    put on a later item's list (`source` "console"). `pending`: it waits for the chair's
    approval; else it joins its item's list at once (the list opened ahead of time for a
    later item), at the place its time gives it."""

    TYPE: ClassVar[str] = "request.asked"
    request: str
    item_id: str
    kind: str
    source: str
    who: str | None = None
    guest: str | None = None
    on_behalf: str | None = None
    alignment: tuple[str, ...] = ()
    pending: bool = False


@dataclass(frozen=True, slots=True)
class RequestAccepted(Event):
    """The chair accepted a pending request: it joins the list at the place its time of
    request gives it."""

    TYPE: ClassVar[str] = "request.accepted"
    request: str


@dataclass(frozen=True, slots=True)
class RequestDeclined(Event):
    """The chair declined a pending request; `reason` is shown on the delegation's phone."""

    TYPE: ClassVar[str] = "request.declined"
    request: str
    reason: str = ""


@dataclass(frozen=True, slots=True)
class RemoteMarked(Event):
    """A delegation follows the meeting remotely (`remote`), or is in the room again; `source`
    says who said so (its link, or "console")."""

    TYPE: ClassVar[str] = "delegation.remote"
    delegation: str
    remote: bool = True
    source: str = CONSOLE


REQUEST_ASKED = RequestAsked.TYPE
REQUEST_ACCEPTED = RequestAccepted.TYPE
REQUEST_DECLINED = RequestDeclined.TYPE
DELEGATION_REMOTE = RemoteMarked.TYPE


class Asked(StrEnum):
    """Where an asked request stands."""

    PENDING = "pending"  # in the chair's strip
    LISTED = "listed"  # on its item's list (the current one, or one opened ahead of time)
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    DROPPED = "dropped"  # its item ended before the chair decided


@dataclass(frozen=True, slots=True)
class AskedRequest:
    """A request asked through the desk, as recorded; replaced, never changed in place."""

    id: str
    item_id: str
    who: str | None
    guest: str | None
    kind: InterventionKind
    on_behalf: str | None
    alignment: tuple[str, ...]
    asked_at: datetime
    source: str
    status: Asked
    reason: str = ""

    def waiting(self) -> WaitingRequest:
        """As a list holds it: timed by when it was asked."""
        return WaitingRequest(self.id, self.item_id, self.who, self.guest, self.kind,
                              self.on_behalf, self.alignment, self.asked_at)


@dataclass(slots=True)
class RequestDesk:
    """Every request asked through the desk (by id, in arrival order), the lists opened ahead
    of time (by item), the delegations following remotely and the interventions they gave so.

    The values are never changed in place (replaced): a checkpoint copies the containers."""

    asked: dict[str, AskedRequest] = field(default_factory=dict)
    ahead: dict[str, tuple[WaitingRequest, ...]] = field(default_factory=dict)
    remote: frozenset[str] = frozenset()
    remote_heard: frozenset[str] = frozenset()

    def checkpoint(self) -> RequestDesk:
        return RequestDesk(dict(self.asked), dict(self.ahead), self.remote, self.remote_heard)

    def pending(self) -> list[AskedRequest]:
        """The requests awaiting the chair, in the order they arrived."""
        return [asked for asked in self.asked.values() if asked.status is Asked.PENDING]


def desk_of(state: MeetingState) -> RequestDesk:
    """The desk, to read (an empty one when nothing was ever asked)."""
    return state.extensions.get(KEY) or RequestDesk()


def _desk(state: MeetingState) -> RequestDesk:
    found = state.extensions.get(KEY)
    if found is None:
        found = state.extensions[KEY] = RequestDesk()
    return found


def place_by_time(waiting: list[WaitingRequest] | tuple[WaitingRequest, ...],
                  new: WaitingRequest, ordering: Ordering, roster: Roster) -> int:
    """Where `new` joins `waiting`: by the list's rules (`speakers_list.insert_index`), and
    within its own place before the requests of its rank asked after it (a request approved
    late keeps the place its time of request gave it)."""
    waiting = list(waiting)
    index = insert_index(waiting, new, ordering, roster, False)
    rank = precedence(roster, new.who, new.on_behalf) if ordering is Ordering.CATEGORY else 0
    while index > 0:
        before = waiting[index - 1]
        same_rank = ordering is not Ordering.CATEGORY or precedence(
            roster, before.who, before.on_behalf) == rank
        if section(before.kind) != section(new.kind) or not same_rank or \
                before.requested_at <= new.requested_at:
            break
        index -= 1
    return index


def _list(context: FoldContext, state: MeetingState, desk: RequestDesk,
          asked: AskedRequest) -> Asked:
    """Put `asked` on its item's list: the current one, or the one opened ahead of time."""
    request = asked.waiting()
    ordering = context.agenda.defaults.ordering
    if asked.item_id == state.current_item:
        if any(r.id == request.id for r in state.waiting):
            return Asked.LISTED
        state.waiting.insert(place_by_time(state.waiting, request, ordering, context.roster),
                             request)
        return Asked.LISTED
    if context.agenda.find_item(asked.item_id) is None or \
            state.statuses.get(asked.item_id, ItemStatus.PENDING) is not ItemStatus.PENDING:
        return Asked.DROPPED  # its item is over (or gone from the agenda)
    kept = desk.ahead.get(asked.item_id, ())
    if all(r.id != request.id for r in kept):
        at = place_by_time(kept, request, ordering, context.roster)
        desk.ahead[asked.item_id] = (*kept[:at], request, *kept[at:])
    return Asked.LISTED


@folds(RequestAsked)
def _asked(context: FoldContext, state: MeetingState, event: RequestAsked, at: datetime) -> None:
    desk = _desk(state)
    if event.request in desk.asked:  # the same request sent twice is recorded once
        return
    asked = AskedRequest(event.request, event.item_id, event.who, event.guest,
                         InterventionKind(event.kind), event.on_behalf, tuple(event.alignment),
                         at, event.source, Asked.PENDING)
    if not event.pending:
        asked = replace(asked, status=_list(context, state, desk, asked))
    desk.asked[asked.id] = asked


@folds(RequestAccepted)
def _accepted(context: FoldContext, state: MeetingState, event: RequestAccepted,
              at: datetime) -> None:
    desk = _desk(state)
    asked = desk.asked.get(event.request)
    if asked is not None and asked.status is Asked.PENDING:
        desk.asked[asked.id] = replace(asked, status=_list(context, state, desk, asked))


@folds(RequestDeclined)
def _declined(context: FoldContext, state: MeetingState, event: RequestDeclined,
              at: datetime) -> None:
    desk = _desk(state)
    asked = desk.asked.get(event.request)
    if asked is not None and asked.status is Asked.PENDING:
        desk.asked[asked.id] = replace(asked, status=Asked.DECLINED, reason=str(event.reason))


@folds(RemoteMarked, undoable=False)
def _remote(context: FoldContext, state: MeetingState, event: RemoteMarked, at: datetime) -> None:
    desk = _desk(state)
    if event.remote:
        desk.remote = desk.remote | {event.delegation}
        if state.floor is not None and state.floor.who == event.delegation:
            desk.remote_heard = desk.remote_heard | {state.floor.id}
    else:
        desk.remote = desk.remote - {event.delegation}


# -- in step with the other concepts' events ---------------------------------------------------

@also(ItemStarted)
def _item_opened(context: FoldContext, state: MeetingState, event: ItemStarted,
                 at: datetime) -> None:
    """The item's list opened ahead of time joins its list of speakers, each request at the
    place its time gives it."""
    desk = state.extensions.get(KEY)
    if desk is None:
        return
    if state.current_item == event.item_id and event.item_id in desk.ahead:
        ordering = context.agenda.defaults.ordering
        for request in desk.ahead.pop(event.item_id):
            if all(r.id != request.id for r in state.waiting):
                state.waiting.insert(place_by_time(state.waiting, request, ordering,
                                                   context.roster), request)
    _settle(state, desk)


@also(ItemFinished)
@also(ItemSkipped)
def _item_closed(context: FoldContext, state: MeetingState, event: ItemFinished | ItemSkipped,
                 at: datetime) -> None:
    desk = state.extensions.get(KEY)
    if desk is not None:
        _settle(state, desk)


def _settle(state: MeetingState, desk: RequestDesk) -> None:
    """Requests whose item is over: those opened ahead of time are dropped (kept for the
    record), those still pending are dropped from the chair's strip."""
    def over(item_id: str) -> bool:
        return state.statuses.get(item_id, ItemStatus.PENDING) in (ItemStatus.DONE,
                                                                     ItemStatus.SKIPPED)

    for item_id in [i for i in desk.ahead if over(i)]:
        state.dropped.extend(desk.ahead.pop(item_id))
    for asked in [a for a in desk.asked.values() if a.status is Asked.PENDING and over(a.item_id)]:
        desk.asked[asked.id] = replace(asked, status=Asked.DROPPED)


@also(RequestWithdrawn)
def _withdrawn(context: FoldContext, state: MeetingState, event: RequestWithdrawn,
               at: datetime) -> None:
    desk = state.extensions.get(KEY)
    if desk is None:
        return
    for item_id, kept in list(desk.ahead.items()):
        if any(r.id == event.request for r in kept):
            rest = tuple(r for r in kept if r.id != event.request)
            if rest:
                desk.ahead[item_id] = rest
            else:
                del desk.ahead[item_id]
    asked = desk.asked.get(event.request)
    if asked is not None and asked.status in (Asked.PENDING, Asked.LISTED):
        desk.asked[asked.id] = replace(asked, status=Asked.WITHDRAWN)


@also(FloorGiven)
def _given(context: FoldContext, state: MeetingState, event: FloorGiven, at: datetime) -> None:
    desk = state.extensions.get(KEY)
    if desk is not None and state.floor is not None and state.floor.who in desk.remote:
        desk.remote_heard = desk.remote_heard | {state.floor.id}
