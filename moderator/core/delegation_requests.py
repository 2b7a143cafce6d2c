"""Delegations ask for the floor from their own seat; the chair decides: the decisions and views
of the request desk (`request_desk.py`: its events and folds).

A request from a delegation's link follows the chair's rules (`speakers_list.py`): one waiting
request per delegation, kind and group; a closed list takes no statement or question; a member
speaks on behalf of its group only; points of order first, rights of reply at the end. It is
idempotent by the id its page made: asked twice, it is recorded once. A link acts for its own
delegation only (a group's link, such as the European Union's, for a member speaking on the
group's behalf), and holds a few open requests at most.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from uuid import uuid4

from moderator.core.actions import Action, Refused, refuse_invalid_text
from moderator.core.agenda_progress import next_pending, status
from moderator.core.context import MeetingContext
from moderator.core.group_statements import group_problem, is_group, members
from moderator.core.model import (
    KIND_LABELS,
    InterventionKind,
    Item,
    ItemKind,
    RequestMode,
)
from moderator.core.request_desk import (
    CONSOLE,
    Asked,
    AskedRequest,
    RemoteMarked,
    RequestAccepted,
    RequestAsked,
    RequestDeclined,
    desk_of,
)
from moderator.core.speaker_names import journal_name
from moderator.core.speakers_list import (
    ORDINARY,
    RequestWithdrawn,
    SpeakersList,
    allotted,
    main_kind,
)
from moderator.core.state import WaitingRequest
from moderator.core.views import ItemStatus, Request

# A request's id is made by the delegation's page (as a note's is): 8 to 64 of these.
REQUEST_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")
# Requests a delegation may hold open at once (pending approval, or on later items' lists).
MAX_OPEN = 4
MAX_REASON = 200  # characters of the chair's reason for declining
MAX_ALIGNMENT = 60  # countries aligned with one statement


def checked_request_id(request_id: object) -> str:
    if not isinstance(request_id, str) or not REQUEST_ID.fullmatch(request_id):
        raise Refused("A request's id is 8 to 64 letters, digits, '-' or '_'")
    return request_id


def clean_reason(text: str) -> str:
    """One line of plain text: control characters go, whitespace runs become one space."""
    kept = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c
                   for c in text)
    return " ".join(kept.split())


def same_speaker(request: WaitingRequest, who: str | None, guest: str | None,
                 kind: InterventionKind, on_behalf: str | None) -> bool:
    """The same speaker, kind and group (one waiting request of each)."""
    same = request.who == who if who is not None else (
        request.who is None and (request.guest or "").casefold() == (guest or "").casefold())
    return same and request.kind is kind and request.on_behalf == on_behalf


class DelegationRequests:
    """The request desk of the meeting: what the delegations ask from their links, the chair's
    approval, the lists opened ahead of time and who follows remotely."""

    def __init__(self, context: MeetingContext, speakers: SpeakersList) -> None:
        self.context = context
        self.speakers = speakers

    # -- views -----------------------------------------------------------------------------

    def pending(self) -> list[AskedRequest]:
        """The requests awaiting the chair's approval, in arrival order."""
        return desk_of(self.context.state).pending()

    def asked(self, request_id: str) -> AskedRequest | None:
        return desk_of(self.context.state).asked.get(request_id)

    def asked_by(self, delegation: str) -> list[AskedRequest]:
        """The requests asked for `delegation` (or on its behalf, a group's), in arrival order."""
        return [a for a in desk_of(self.context.state).asked.values()
                if delegation in (a.who, a.on_behalf)]

    def waiting_ahead(self) -> dict[str, int]:
        """How many requests wait on each later item's list (by item id, in agenda order)."""
        ahead = desk_of(self.context.state).ahead
        return {item.id: len(ahead[item.id]) for _, item in self.context.agenda.items()
                if ahead.get(item.id)}

    def ahead_queue(self, item_id: str) -> list[Request]:
        """A later item's list opened ahead of time, in its order."""
        found = self.context.agenda.find_item(item_id)
        if found is None:
            return []
        item, limits = found[1], self.context.state.item_limits
        return [Request(r.id, r.item_id, r.who, r.guest, r.kind, r.on_behalf, r.alignment,
                        r.requested_at, allotted(self.context.agenda, item, r.kind, live=limits))
                for r in desk_of(self.context.state).ahead.get(item_id, ())]

    def remote_delegations(self) -> frozenset[str]:
        """The delegations following the meeting remotely."""
        return desk_of(self.context.state).remote

    def followed_remotely(self, intervention_id: str) -> bool:
        """Whether the intervention was given to a delegation following remotely."""
        return intervention_id in desk_of(self.context.state).remote_heard

    def kinds_for(self, item: Item, *, later: bool = False) -> tuple[InterventionKind, ...]:
        """The kinds a delegation's page offers on `item` (a later item: its own kind only)."""
        own = main_kind(item)
        if later:
            return (own,)
        return (own, InterventionKind.POINT_OF_ORDER, InterventionKind.RIGHT_OF_REPLY)

    def asking_item(self) -> tuple[Item, bool] | None:
        """The item a delegation asking now asks on, and whether it is a later one: the
        current item; during a break, the item after it; None with no item open."""
        context = self.context
        item = context.current_item()
        if item is None:
            return None
        if item.kind is not ItemKind.BREAK:
            return item, False
        coming = next_pending(context.agenda, context.state)
        found = context.agenda.find_item(coming) if coming else None
        return (found[1], True) if found else None

    def later_items(self) -> list[Item]:
        """The items still to come, on which a request may be made ahead of time."""
        state = self.context.state
        return [item for _, item in self.context.agenda.items()
                if item.id != state.current_item and item.kind is not ItemKind.BREAK
                and status(state, item.id) is ItemStatus.PENDING]

    # -- a delegation's link -----------------------------------------------------------------

    def ask(self, delegation: str, request_id: str, kind: InterventionKind | str, *,
            source: str, who: str | None = None, on_behalf: str | None = None,
            alignment: Iterable[str] = (), item_id: str | None = None) -> list[dict]:
        """A request from `delegation`'s link (`source`), made by its page with `request_id`:
        [] when that request was received already; else the event that records it, pending
        the chair's approval or on the list at once as the item says (`requests`)."""
        context = self.context
        request_id = checked_request_id(request_id)
        if request_id in desk_of(context.state).asked:
            return []  # sent twice (a retry over a poor network): recorded once
        kind = _kind(kind)
        alignment = tuple(alignment)
        if len(alignment) > MAX_ALIGNMENT:
            raise Refused(f"At most {MAX_ALIGNMENT} countries align with one statement")
        who = who or delegation
        self._refuse_other_delegation(delegation, who, on_behalf)
        item, later = self._item_asked_on(item_id)
        if kind not in self.kinds_for(item, later=later):
            offered = ", ".join(KIND_LABELS[k].lower() for k in self.kinds_for(item, later=later))
            raise Refused(f"On “{item.title}” a delegation asks for: {offered}")
        self._refuse_by_rules(item, who, None, kind, on_behalf, alignment, force=False)
        if self._open_requests(delegation) >= MAX_OPEN:
            raise Refused(f"A delegation holds at most {MAX_OPEN} requests awaiting the chair "
                          "or on later items: withdraw one first")
        pending = item.request_mode(context.agenda.defaults) is RequestMode.APPROVE
        return Action(context).add(RequestAsked(
            request=request_id, item_id=item.id, kind=str(kind), source=source, who=who,
            on_behalf=on_behalf, alignment=alignment, pending=pending)).events

    def withdraw_own(self, delegation: str, request_id: str) -> list[dict]:
        """`delegation` withdraws one of its requests (pending, on the list or on a later
        item's); [] when it is withdrawn or over already."""
        state = self.context.state
        desk = desk_of(state)
        if state.floor is not None and state.floor.request_id == request_id:
            raise Refused("You have the floor: the chair ends the intervention")
        found = next((r for r in state.waiting if r.id == request_id), None) or next(
            (r for kept in desk.ahead.values() for r in kept if r.id == request_id), None)
        asked = desk.asked.get(request_id)
        if found is None and asked is not None and asked.status is Asked.PENDING:
            found = asked.waiting()
        if found is None:
            if asked is not None or any(r.request_id == request_id for r in state.log):
                return []  # withdrawn, declined or heard already: nothing left to withdraw
            raise Refused("There is no such request")
        if delegation not in (found.who, found.on_behalf):
            raise Refused("A delegation's link withdraws its own requests only")
        return Action(self.context).add(RequestWithdrawn(request_id)).events

    def mark_remote(self, delegation: str, remote: bool = True, *,
                    source: str = CONSOLE) -> list[dict]:
        """Mark `delegation` as following remotely (or in the room again); [] if it is so."""
        if delegation not in self.context.roster.delegations:
            raise Refused(f"“{delegation}” is not a delegation on the roster")
        if (delegation in self.remote_delegations()) == bool(remote):
            return []
        return Action(self.context).add(RemoteMarked(delegation, bool(remote), source)).events

    # -- the chair -------------------------------------------------------------------------

    def request_ahead(self, item_id: str, who: str | None,
                      kind: InterventionKind | str | None = None, *, guest: str | None = None,
                      on_behalf: str | None = None, alignment: Iterable[str] = (),
                      force: bool = False) -> list[dict]:
        """The chair puts a request on a later item's list, opened ahead of time (`force`: on
        a list the chair closed)."""
        context = self.context
        found = context.agenda.find_item(item_id)
        if found is None:
            raise Refused(f"There is no item '{item_id}' on the agenda")
        item = found[1]
        if item.id == context.state.current_item:
            raise Refused(f"“{item.title}” is open: add the request to its list (a)")
        if status(context.state, item.id) is not ItemStatus.PENDING:
            raise Refused(f"“{item.title}” is {status(context.state, item.id)}: its list is over")
        kind = _kind(kind or main_kind(item))
        if kind not in (InterventionKind.STATEMENT, InterventionKind.QUESTION):
            raise Refused("A later item's list takes statements and questions (points of order "
                          "and rights of reply are made on the floor)")
        guest = guest.strip() if guest else None
        refuse_invalid_text(guest or "", "guest's name")
        if who is None and not guest:
            raise Refused("Name the guest who asks for the floor")
        self._refuse_by_rules(item, who, guest, kind, on_behalf, tuple(alignment), force=force)
        return Action(context).add(RequestAsked(
            request=uuid4().hex, item_id=item.id, kind=str(kind), source=CONSOLE, who=who,
            guest=guest, on_behalf=on_behalf, alignment=tuple(alignment), pending=False)).events

    def accept_next(self) -> list[dict]:
        """Accept the request that has waited longest for the chair's approval: it joins the
        list at the place its time of request gives it."""
        asked = self._next_pending()
        found = self.context.agenda.find_item(asked.item_id)
        if found is None:
            raise Refused("Its item is no longer on the agenda: w declines it")
        self._refuse_by_rules(found[1], asked.who, asked.guest, asked.kind, asked.on_behalf,
                              asked.alignment, force=True, besides=asked.id)
        return Action(self.context).add(RequestAccepted(asked.id)).events

    def decline_next(self, reason: str = "") -> list[dict]:
        """Decline the request that has waited longest, with a reason its delegation reads."""
        asked = self._next_pending()
        reason = clean_reason(reason)
        refuse_invalid_text(reason, "reason")
        if len(reason) > MAX_REASON:
            raise Refused(f"A reason is at most {MAX_REASON} characters "
                          f"(this one has {len(reason)})")
        return Action(self.context).add(RequestDeclined(asked.id, reason)).events

    # -- the rules -------------------------------------------------------------------------

    def _next_pending(self) -> AskedRequest:
        pending = self.pending()
        if not pending:
            raise Refused("No request awaits your approval")
        return pending[0]

    def _item_asked_on(self, item_id: str | None) -> tuple[Item, bool]:
        """The item a delegation's request is for, and whether it is a later one."""
        context = self.context
        asking = self.asking_item()
        if item_id is None or (asking is not None and item_id == asking[0].id):
            if asking is None:
                raise Refused("No agenda item is in progress: ask once the chair opens one")
            return asking
        found = context.agenda.find_item(item_id)
        if found is None:
            raise Refused(f"There is no item '{item_id}' on the agenda")
        if not context.agenda.defaults.requests_ahead:
            raise Refused("This meeting takes requests for the item in progress only")
        if found[1] not in self.later_items():
            raise Refused(f"“{found[1].title}” is not an item still to come")
        return found[1], True

    def _refuse_other_delegation(self, delegation: str, who: str, on_behalf: str | None) -> None:
        """A link asks for its own delegation; a group's link (the European Union's) for a
        member speaking on the group's behalf."""
        roster = self.context.roster
        if delegation not in roster.delegations:
            raise Refused(f"“{delegation}” is not a delegation on the roster")
        if who == delegation:
            return
        if is_group(roster, delegation) and on_behalf == delegation and \
                who in members(roster, delegation):
            return
        raise Refused(f"This link asks for the floor for {roster.name_of(delegation)} only")

    def _refuse_by_rules(self, item: Item, who: str | None, guest: str | None,
                         kind: InterventionKind, on_behalf: str | None,
                         alignment: tuple[str, ...], *, force: bool,
                         besides: str | None = None) -> None:
        """The chair's rules on `item`'s list (the current one, or one opened ahead of time),
        with the requests awaiting approval on it counted as waiting."""
        context = self.context
        roster = context.roster
        if kind is InterventionKind.SCHEDULED:
            raise Refused("Scheduled speakers come from the agenda")
        for ref in (who, on_behalf, *alignment):
            if ref is not None and ref not in roster.delegations and ref not in roster.speakers:
                raise Refused(f"“{ref}” is not on the roster")
        if kind in ORDINARY and item.id in context.state.closed and not force:
            raise Refused(f"The list of speakers on “{item.title}” is closed: the chair may "
                          "still add you")
        waiting = [r for r in self._waiting_on(item.id) if r.id != besides]
        problem = group_problem(roster, who, on_behalf, alignment, waiting)
        if problem is not None:
            raise Refused(problem)
        for request in waiting:
            if same_speaker(request, who, guest, kind, on_behalf):
                name = journal_name(roster, request.who, request.guest, request.on_behalf)
                raise Refused(f"{name} is already on the list ({KIND_LABELS[kind].lower()})")

    def _waiting_on(self, item_id: str) -> list[WaitingRequest]:
        """Who waits on `item_id`'s list, and who awaits approval for it."""
        state = self.context.state
        desk = desk_of(state)
        listed = list(state.waiting) if item_id == state.current_item else \
            list(desk.ahead.get(item_id, ()))
        return listed + [a.waiting() for a in desk.pending() if a.item_id == item_id]

    def _open_requests(self, delegation: str) -> int:
        """`delegation`'s requests awaiting the chair or on later items' lists."""
        desk = desk_of(self.context.state)
        ahead = sum(1 for kept in desk.ahead.values() for r in kept
                    if delegation in (r.who, r.on_behalf))
        return ahead + sum(1 for a in desk.pending() if delegation in (a.who, a.on_behalf))


def _kind(kind: object) -> InterventionKind:
    try:
        return InterventionKind(kind)
    except ValueError:
        raise Refused(f"{kind!r} is not a kind of request: statement, point-of-order, "
                      "right-of-reply or question") from None
