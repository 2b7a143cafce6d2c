"""The list of speakers: where a request goes, and the folds of the requests' events.

Order of the list: points of order (first come, first served among them), then the item's
scheduled speakers not yet heard, then statements and questions (by request time, or by
category precedence when the agenda asks for it), then rights of reply, which wait until the
ordinary list is exhausted. The chair's moves stay within a request's own section.
"""

from __future__ import annotations

from datetime import datetime

from moderator.core import events as ev
from moderator.core.fold import FoldContext, folds
from moderator.core.model import (
    Agenda,
    Category,
    InterventionKind,
    Item,
    ItemKind,
    Ordering,
    Roster,
)
from moderator.core.state import MeetingState, WaitingRequest

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


@folds(ev.REQUEST_MADE)
def _made(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    # A request belongs to the item current when it was made; a stale one is ignored.
    if event["item"] != state.current_item or any(r.id == event["request"] for r in state.waiting):
        return
    request = WaitingRequest(
        id=event["request"],
        item_id=event["item"],
        who=event.get("who"),
        guest=event.get("guest"),
        kind=InterventionKind(event["kind"]),
        on_behalf=event.get("on_behalf"),
        alignment=tuple(event.get("alignment", ())),
        requested_at=at,
    )
    ordering = context.agenda.defaults.ordering
    index = insert_index(state.waiting, request, ordering, context.roster, event.get("top", False))
    state.waiting.insert(index, request)


@folds(ev.REQUEST_WITHDRAWN)
def _withdrawn(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    scheduled = parse_scheduled_id(event["request"])
    if scheduled is not None:
        state.scheduled_done.add(scheduled)
        return
    state.waiting = [r for r in state.waiting if r.id != event["request"]]


@folds(ev.REQUEST_MOVED)
def _moved(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    found = [r for r in state.waiting if r.id == event["request"]]
    if not found:
        return
    state.waiting.remove(found[0])
    first, last = section_bounds(state.waiting, found[0].kind)
    state.waiting.insert(min(max(event["position"], first), last), found[0])


@folds(ev.LIST_CLOSED)
def _closed(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    state.closed.add(event["item"])


@folds(ev.LIST_REOPENED)
def _reopened(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    state.closed.discard(event["item"])


@folds(ev.ITEM_LIMIT_SET)
def _limit_set(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    kind = str(InterventionKind(event["kind"]))
    state.item_limits[(event["item"], kind)] = max(1, int(event["seconds"]))
