"""What a delegation's phone is told (`/request`): the room as the phones see it, and of the
requests only what the chair's screen would tell that delegation: its own, where each stands
("4th", "next", "you have the floor", awaiting the chair, declined and why), the buttons the
item allows, and whether it follows remotely. Never another delegation's pending requests,
never the rapporteur's notes, never the chair's message to the podium.

A pure function of the meeting and the room view (the clock is the room view's).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from moderator.core.delegation_requests import MAX_OPEN
from moderator.core.group_statements import is_group, members
from moderator.core.model import InterventionKind, Item, ItemKind, RequestMode
from moderator.core.reading import MeetingReader
from moderator.core.request_desk import Asked, AskedRequest
from moderator.core.room_view import RoomItem, RoomView, Surface, room_item
from moderator.core.speaker_names import journal_name
from moderator.core.views import Intervention, Request


class Standing(StrEnum):
    """Where one of the delegation's requests stands."""

    FLOOR = "floor"  # it has the floor
    RESUMES = "resumes"  # suspended by a point of order: it resumes after it
    LISTED = "listed"  # on the list of the item in progress
    PENDING = "pending"  # awaiting the chair's approval
    AHEAD = "ahead"  # on a later item's list, opened ahead of time
    DECLINED = "declined"  # the chair declined it (the reason is in `words`)


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class OwnRequest:
    """One of the delegation's requests, as its phone shows it."""

    id: str
    item: RoomItem
    kind: InterventionKind
    name: str  # as the list names it: "Denmark-European Union (with ... in alignment)"
    standing: Standing
    position: int | None  # on its list (1 is next)
    words: str  # "4th", "next", "you have the floor", "awaiting the chair's approval", ...
    withdrawable: bool
    asked_at: datetime | None


@dataclass(frozen=True, slots=True)
class DelegationView:
    room: RoomView  # as the delegation's page may see it (no message to the podium)
    delegation: str
    name: str
    remote: bool  # it follows the meeting remotely
    asking_on: RoomItem | None  # the item a request now is for (during a break, the next)
    mode: RequestMode | None  # whether the chair approves requests on it first
    kinds: tuple[InterventionKind, ...]  # the buttons the item allows
    speakers: tuple[Choice, ...]  # who delivers: the delegation; for a group, its members
    on_behalf: tuple[Choice, ...]  # the group it may speak on behalf of
    alignment: tuple[Choice, ...]  # the countries that may align with that group's statement
    closed: str  # "" or "List closed: the chair may still add you"
    requests: tuple[OwnRequest, ...]
    later_items: tuple[RoomItem, ...]  # where it may ask ahead of time (if the meeting allows)
    open_limit: int  # requests awaiting the chair or on later items, at most


class DeskReader(MeetingReader, Protocol):
    """What the delegation's view reads (`Meeting` has it)."""

    def list_closed(self) -> bool: ...

    def pending_requests(self) -> list[AskedRequest]: ...

    def asked_request(self, request_id: str) -> AskedRequest | None: ...

    def asked_by(self, delegation: str) -> list[AskedRequest]: ...

    def ahead_queue(self, item_id: str) -> list[Request]: ...

    def waiting_ahead(self) -> dict[str, int]: ...

    def remote_delegations(self) -> frozenset[str]: ...

    def asking_item(self) -> tuple[Item, bool] | None: ...

    def later_items(self) -> list[Item]: ...

    def kinds_for(self, item: Item, *, later: bool = False) -> tuple[InterventionKind, ...]: ...


CLOSED = "List closed: the chair may still add you"


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th ... 11th, 12th, 13th ... 21st."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{({1: 'st', 2: 'nd', 3: 'rd'}).get(number % 10, 'th')}"


def delegation_view(meeting: DeskReader, delegation: str, room: RoomView) -> DelegationView:
    """What `delegation`'s phone is told, beside `room` (the room view of the same moment)."""
    roster = meeting.roster
    own = roster.delegations[delegation]
    asking = meeting.asking_item()
    item, later = asking if asking is not None else (None, False)
    group = is_group(roster, delegation)
    speakers = [Choice(delegation, own.name)]
    if group:
        speakers += [Choice(ref, roster.name_of(ref)) for ref in sorted(
            members(roster, delegation), key=roster.name_of)]
    behalf_of = delegation if group else own.group
    on_behalf = (Choice(behalf_of, roster.name_of(behalf_of)),) if behalf_of else ()
    aligned = tuple(Choice(ref, roster.name_of(ref)) for category in
                    roster.alignment.get(behalf_of or "", ()) for ref in category.members)
    closed = item is not None and not later and meeting.list_closed()
    requests = (*_on_the_floor(meeting, delegation), *_listed(meeting, delegation),
                *_asked(meeting, delegation), *_ahead(meeting, delegation))
    return DelegationView(
        room=room.seen_by(Surface.DELEGATION),
        delegation=delegation,
        name=own.name,
        remote=delegation in meeting.remote_delegations(),
        asking_on=room_item(item) if item is not None else None,
        mode=item.request_mode(meeting.agenda.defaults) if item is not None else None,
        kinds=meeting.kinds_for(item, later=later) if item is not None else (),
        speakers=tuple(speakers),
        on_behalf=on_behalf,
        alignment=aligned,
        closed=CLOSED if closed else "",
        requests=requests,
        later_items=tuple(room_item(i) for i in meeting.later_items())
        if meeting.agenda.defaults.requests_ahead else (),
        open_limit=MAX_OPEN,
    )


def _mine(delegation: str, entry: Request | Intervention | AskedRequest) -> bool:
    return delegation in (entry.who, entry.on_behalf)


def _name(meeting: DeskReader, entry: Request | Intervention | AskedRequest) -> str:
    return journal_name(meeting.roster, entry.who, entry.guest, entry.on_behalf, entry.alignment)


def _item(meeting: DeskReader, item_id: str) -> RoomItem:
    found = meeting.agenda.find_item(item_id)
    return room_item(found[1]) if found else RoomItem(item_id, item_id, item_id,
                                                      ItemKind.DISCUSSION)


def _on_the_floor(meeting: DeskReader, delegation: str) -> list[OwnRequest]:
    found = []
    for entry, standing, words in ((meeting.floor(), Standing.FLOOR, "You have the floor"),
                                   (meeting.suspended(), Standing.RESUMES,
                                    "You resume after the point of order")):
        if entry is not None and _mine(delegation, entry):
            found.append(OwnRequest(entry.request_id or entry.id, _item(meeting, entry.item_id),
                                    entry.kind, _name(meeting, entry), standing, None, words,
                                    False, None))
    return found


def _listed(meeting: DeskReader, delegation: str) -> list[OwnRequest]:
    found = []
    for position, request in enumerate(meeting.queue(), 1):
        if request.kind is InterventionKind.SCHEDULED or not _mine(delegation, request):
            continue
        words = "Next" if position == 1 else ordinal(position)
        found.append(OwnRequest(request.id, _item(meeting, request.item_id), request.kind,
                                _name(meeting, request), Standing.LISTED, position, words, True,
                                request.requested_at))
    return found


def _asked(meeting: DeskReader, delegation: str) -> list[OwnRequest]:
    """Awaiting the chair, or declined on an item not yet over."""
    found = []
    later = {item.id for item in meeting.later_items()}
    current = meeting.current_item()
    for asked in meeting.asked_by(delegation):
        if asked.status is Asked.PENDING:
            standing, words = Standing.PENDING, "Awaiting the chair's approval"
        elif asked.status is Asked.DECLINED and (
                asked.item_id in later or (current is not None and asked.item_id == current.id)):
            standing = Standing.DECLINED
            words = f"Declined: {asked.reason}" if asked.reason else "Declined by the chair"
        else:
            continue
        found.append(OwnRequest(asked.id, _item(meeting, asked.item_id), asked.kind,
                                _name(meeting, asked), standing, None, words,
                                standing is Standing.PENDING, asked.asked_at))
    return found


def _ahead(meeting: DeskReader, delegation: str) -> list[OwnRequest]:
    found = []
    for item_id in meeting.waiting_ahead():
        item = _item(meeting, item_id)
        for position, request in enumerate(meeting.ahead_queue(item_id), 1):
            if _mine(delegation, request):
                found.append(OwnRequest(request.id, item, request.kind, _name(meeting, request),
                                        Standing.AHEAD, position,
                                        f"{ordinal(position)} on the list of “{item.title}”",
                                        True, request.requested_at))
    return found
