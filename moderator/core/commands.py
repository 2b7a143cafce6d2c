"""The moderator's commands: each decides the events of one action, or raises `Refused`.

Commands read the state and never change it; the events of one action share an `action` id.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from uuid import uuid4
from zoneinfo import ZoneInfo

from moderator.core import agenda_progress as progress
from moderator.core import events as ev
from moderator.core import floor as rules
from moderator.core.group_statements import group_problem
from moderator.core.model import KIND_LABELS, InterventionKind
from moderator.core.sitting import read_sitting

if TYPE_CHECKING:
    from moderator.core.meeting import Meeting
    from moderator.core.views import Request


# The kinds `r` puts back on the list: a point of order or a right of reply is not repeated.
READDED = frozenset({InterventionKind.STATEMENT, InterventionKind.QUESTION,
                     InterventionKind.SCHEDULED})


class Refused(Exception):
    """A command the rules do not allow; `str(exc)` is a sentence for the notification."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class AskAgain(Refused):
    """A command that needs a second press: `str(exc)` says why, `then` what the press does."""

    def __init__(self, reason: str, then: str, action: str) -> None:
        super().__init__(reason)
        self.then = then
        self.action = action  # the action the second press is about


def refuse_invalid_text(text: str, what: str) -> None:
    """Refuse text that is not valid Unicode (a lone surrogate): no file, export or terminal
    could write it, so it would break the record far from where it was typed."""
    for position, char in enumerate(text):
        if "\ud800" <= char <= "\udfff":
            raise Refused(f"The {what} contains an invalid character (U+{ord(char):04X}) at "
                          f"position {position + 1}; retype or paste it again")


class _Action:
    """Collects the events of one action, all stamped with the same moment and action id."""

    def __init__(self, meeting: Meeting) -> None:
        self.meeting = meeting
        self.at: datetime = meeting.clock.now()
        self.origin = ev.origin(meeting.clock, meeting.console)
        self.id = uuid4().hex
        self.events: list[dict] = []

    def add(self, type: str, **payload: object) -> _Action:
        self.events.append(ev.new_event(type, self.at, self.meeting.role, action=self.id,
                                        **self.origin, **payload))
        return self


def refuse_while_suspended(meeting: Meeting) -> None:
    """Nobody takes the floor and no item opens while the sitting is suspended."""
    if read_sitting(meeting.state).current is not None:
        raise Refused("The sitting is suspended: resume it first")


class Commands:
    """The decide half of `Meeting` (kept apart so each half reads at once)."""

    # -- the agenda ------------------------------------------------------------------------

    def start_item(self: Meeting, item_id: str | None = None) -> list[dict]:
        """Open an item (None: the next pending one); the current item is finished first."""
        refuse_while_suspended(self)
        target = item_id or progress.next_pending(self.agenda, self.state)
        if target is None:
            raise Refused("No item is left on the agenda")
        found = self.agenda.find_item(target)
        if found is None:
            raise Refused(f"There is no item '{target}' on the agenda")
        if self.state.current_item == target:
            raise Refused(f"“{found[1].title}” is already open")
        action = _Action(self)
        self._close_current(action, ev.ITEM_FINISHED)
        return action.add(ev.ITEM_STARTED, item=target).events

    def finish_item(self: Meeting) -> list[dict]:
        if self.state.current_item is None:
            raise Refused("No item is open")
        action = _Action(self)
        self._close_current(action, ev.ITEM_FINISHED)
        return action.events

    def skip_item(self: Meeting, item_id: str | None = None) -> list[dict]:
        """Skip an item (None: the current one, else the next pending one)."""
        target = item_id or self.state.current_item or progress.next_pending(self.agenda, self.state)
        if target is None or self.agenda.find_item(target) is None:
            raise Refused("There is no item to skip")
        action = _Action(self)
        if target == self.state.current_item:
            self._close_current(action, ev.ITEM_SKIPPED)
            return action.events
        if self.item_status(target) is not progress.ItemStatus.PENDING:
            raise Refused(f"“{self.agenda.find_item(target)[1].title}” is already {self.item_status(target)}")
        return action.add(ev.ITEM_SKIPPED, item=target).events

    def next_item(self: Meeting) -> list[dict]:
        """Finish the current item and open the next pending one."""
        target = progress.next_pending(self.agenda, self.state)
        if target is None:
            raise Refused("This is the last item of the agenda")
        return self.start_item(target)

    def previous_item(self: Meeting) -> list[dict]:
        """Finish the current item and go back to the one before it."""
        target = progress.previous(self.agenda, self.state)
        if target is None:
            raise Refused("This is the first item of the agenda")
        return self.start_item(target)

    def _close_current(self: Meeting, action: _Action, how: str) -> None:
        item = self.state.current_item
        if item is None:
            return
        for record in (self.state.floor, self.state.suspended):
            if record is not None:
                action.add(ev.FLOOR_ENDED, intervention=record.id)
        dropped = [r.id for r in self.state.waiting]
        action.add(how, item=item, dropped=dropped)

    # -- the list of speakers --------------------------------------------------------------

    def request_floor(
        self: Meeting,
        who: str | None,
        kind: InterventionKind = InterventionKind.STATEMENT,
        *,
        guest: str | None = None,
        on_behalf: str | None = None,
        alignment: tuple[str, ...] = (),
        force: bool = False,
    ) -> list[dict]:
        """Put a request on the list. `force`: the chair adds a speaker to a closed list."""
        item = self._open_item()
        kind = InterventionKind(kind)
        guest = guest.strip() if guest else None
        refuse_invalid_text(guest or "", "guest's name")
        if kind is InterventionKind.SCHEDULED:
            raise Refused("Scheduled speakers come from the agenda")
        if who is None and not guest:
            raise Refused("Name the guest who asks for the floor")
        for ref in (who, on_behalf, *alignment):
            if ref is not None and ref not in self.roster.delegations and ref not in self.roster.speakers:
                raise Refused(f"“{ref}” is not on the roster")
        if kind in rules.ORDINARY and self.list_closed() and not force:
            raise Refused(f"The list of speakers on “{item.title}” is closed")
        problem = group_problem(self.roster, who, on_behalf, tuple(alignment), self.state.waiting)
        if problem is not None:
            raise Refused(problem)
        self._refuse_duplicate(who, guest, kind, on_behalf)
        return _Action(self).add(
            ev.REQUEST_MADE, request=uuid4().hex, item=item.id, who=who, guest=guest,
            kind=str(kind), on_behalf=on_behalf, alignment=list(alignment), top=False,
        ).events

    def _refuse_duplicate(self: Meeting, who: str | None, guest: str | None, kind: InterventionKind,
                          on_behalf: str | None = None) -> None:
        """One waiting request per speaker, kind and group: Denmark's national statement is
        another request than Denmark's statement on behalf of the European Union."""
        for waiting in self.state.waiting:
            same = waiting.who == who if who is not None else (
                waiting.who is None and (waiting.guest or "").casefold() == (guest or "").casefold()
            )
            if same and waiting.kind is kind and waiting.on_behalf == on_behalf:
                name = self.name_of(waiting.who, waiting.guest)
                raise Refused(f"{name} is already on the list ({KIND_LABELS[kind].lower()})")

    def withdraw(self: Meeting, request_id: str) -> list[dict]:
        request = self._find(request_id)
        return _Action(self).add(ev.REQUEST_WITHDRAWN, request=request.id).events

    def move_request(self: Meeting, request_id: str, position: int) -> list[dict]:
        """Move a request to `position` in `queue()`, within its own section of the list."""
        request = self._find(request_id)
        if request.kind is InterventionKind.SCHEDULED:
            raise Refused("Scheduled speakers keep the agenda's order")
        queue = self.queue()
        rest = [r for r in queue if r.id != request.id]
        own = rules.section(request.kind)
        first = sum(1 for r in rest if rules.section(r.kind) < own)
        last = first + sum(1 for r in rest if rules.section(r.kind) == own)
        ids = [r.id for r in rest]
        ids.insert(min(max(position, first), last), request.id)
        if ids == [r.id for r in queue]:
            raise Refused(f"{self.label_of(request)} is already there")
        room = [i for i in ids if rules.parse_scheduled_id(i) is None]
        return _Action(self).add(ev.REQUEST_MOVED, request=request.id, position=room.index(request.id)).events

    def move_up(self: Meeting, request_id: str) -> list[dict]:
        index = [r.id for r in self.queue()].index(self._find(request_id).id)
        return self.move_request(request_id, index - 1)

    def move_down(self: Meeting, request_id: str) -> list[dict]:
        index = [r.id for r in self.queue()].index(self._find(request_id).id)
        return self.move_request(request_id, index + 1)

    def readd_last_speaker(self: Meeting) -> list[dict]:
        """Put the last ordinary speaker of the item (not a point of order or a right of reply)
        back at the top of the list, as the same kind of statement they made."""
        item = self._open_item()
        # From the end of the log: the cost stays flat however long the meeting has run. Only
        # a point of order interleaves with a statement (it suspends it), and those are skipped,
        # so the first found is the last to have finished.
        last = next((r for r in reversed(self.state.log) if r.item_id == item.id
                     and r.ended_at is not None and r.kind in READDED), None)
        if last is None:
            raise Refused("Nobody has spoken yet on this item (no statement or question has finished)")
        kind = InterventionKind.STATEMENT if last.kind is InterventionKind.SCHEDULED else last.kind
        self._refuse_duplicate(last.who, last.guest, kind, last.on_behalf)
        return _Action(self).add(
            ev.REQUEST_MADE, request=uuid4().hex, item=item.id, who=last.who, guest=last.guest,
            kind=str(kind), on_behalf=last.on_behalf, alignment=list(last.alignment), top=True,
        ).events

    def close_list(self: Meeting) -> list[dict]:
        item = self._open_item()
        if self.list_closed():
            raise Refused("The list of speakers is already closed")
        return _Action(self).add(ev.LIST_CLOSED, item=item.id).events

    def reopen_list(self: Meeting) -> list[dict]:
        item = self._open_item()
        if not self.list_closed():
            raise Refused("The list of speakers is open")
        return _Action(self).add(ev.LIST_REOPENED, item=item.id).events

    def _open_item(self: Meeting):
        item = self.current_item()
        if item is None:
            raise Refused("Open an agenda item first: no item is in progress")
        return item

    def _find(self: Meeting, request_id: str) -> Request:
        for request in self.queue():
            if request.id == request_id:
                return request
        raise Refused("That request is no longer on the list")

    # -- the floor and the timer -----------------------------------------------------------

    def give_floor(self: Meeting, request_id: str | None = None) -> list[dict]:
        """Give the floor (None: the next on the list). A point of order suspends the speaker."""
        refuse_while_suspended(self)
        item = self._open_item()
        queue = self.queue()
        holder, suspended = self.state.floor, self.state.suspended
        if request_id is None and suspended is not None and (
                not queue or queue[0].kind is not InterventionKind.POINT_OF_ORDER):
            # "Next" after a point of order: the suspended speaker resumes before anyone else.
            return self.finish_intervention()
        if request_id is None and not queue:
            raise Refused("Nobody is waiting for the floor")
        request = queue[0] if request_id is None else self._find(request_id)
        point = request.kind is InterventionKind.POINT_OF_ORDER
        action = _Action(self)
        if holder is not None and not (point and holder.kind is not InterventionKind.POINT_OF_ORDER):
            action.add(ev.FLOOR_ENDED, intervention=holder.id)
            # Ending a point of order gives the floor back to the speaker it suspended.
            holder, suspended = suspended, None
        if holder is not None and not point:
            action.add(ev.FLOOR_ENDED, intervention=holder.id)
            holder = None
        session = self.agenda.find_item(item.id)[0]
        return action.add(
            ev.FLOOR_GIVEN, intervention=uuid4().hex, request=request.id, item=item.id,
            session=session.id, who=request.who, guest=request.guest, kind=str(request.kind),
            on_behalf=request.on_behalf, alignment=list(request.alignment),
            allotted=request.seconds, suspends=holder.id if holder else None, running=True,
        ).events

    def finish_intervention(self: Meeting) -> list[dict]:
        """End the speech on the floor; a speaker a point of order suspended gets it back."""
        if self.state.floor is None:
            raise Refused("Nobody holds the floor")
        return _Action(self).add(ev.FLOOR_ENDED, intervention=self.state.floor.id).events

    def toggle_timer(self: Meeting) -> list[dict]:
        """Start, pause or resume the timer; with nobody on the floor, give it to the next."""
        refuse_while_suspended(self)
        holder = self.state.floor
        if holder is None:
            return self.give_floor()
        kind = ev.TIMER_PAUSED if holder.running_since is not None else ev.TIMER_STARTED
        return _Action(self).add(kind, intervention=holder.id).events

    def adjust_time(self: Meeting, seconds: int) -> list[dict]:
        """Add (or with a negative number remove) time from the speaker's allotment."""
        holder = self.state.floor
        if holder is None:
            raise Refused("Nobody holds the floor")
        if seconds == 0 or (seconds < 0 and holder.allotted == 0):
            raise Refused("The time stays as it is")
        change = max(seconds, -holder.allotted)
        return _Action(self).add(ev.TIMER_ADJUSTED, intervention=holder.id, seconds=change).events

    def set_speaker_limit(self: Meeting, seconds: int) -> list[dict]:
        """Set the allotted time of the speaker holding the floor ("two minutes, please")."""
        holder = self.state.floor
        if holder is None:
            raise Refused("Nobody holds the floor")
        seconds = int(seconds)
        if seconds <= 0:
            raise Refused("A limit is a time longer than 0:00")
        if seconds == holder.allotted:
            raise Refused("The time stays as it is")
        return _Action(self).add(ev.TIMER_ADJUSTED, intervention=holder.id,
                                 seconds=seconds - holder.allotted, limit=seconds).events

    def set_item_limit(self: Meeting, seconds: int, kind: InterventionKind | None = None) -> list[dict]:
        """Set the limit of every `kind` of intervention on the current item ("three minutes
        per speaker for this item"); None: the item's own kind (questions in a Q&A item,
        statements otherwise). Requests waiting take it at once; the speaker holding the floor
        keeps their time (`set_speaker_limit` changes it)."""
        item = self._open_item()
        kind = InterventionKind(kind) if kind is not None else rules.main_kind(item)
        if kind is InterventionKind.SCHEDULED:
            raise Refused("Scheduled speakers keep the agenda's times")
        seconds = int(seconds)
        if seconds <= 0:
            raise Refused("A limit is a time longer than 0:00")
        if seconds == self.item_limit(kind):
            raise Refused("The limit stays as it is")
        return _Action(self).add(ev.ITEM_LIMIT_SET, item=item.id, kind=str(kind),
                                 seconds=seconds).events

    def undo(self: Meeting, *, confirmed: bool = False) -> list[dict]:
        """Take back the last action (recorded as an `undo` event, history is kept).

        An action another console made is taken back only when `confirmed`: otherwise
        `AskAgain` says whose it is.
        """
        if not self.state.actions:
            raise Refused("Nothing to undo")
        action = self.state.actions[-1]
        if not confirmed:
            self._refuse_others_action(action)
        return _Action(self).add(ev.UNDO, undoes=action).events

    def _refuse_others_action(self: Meeting, action: str) -> None:
        events = self.action_events(action)
        console = events[0].get("console") if events else None
        if console is None or console == self.console.id:
            return  # this console's own (or recorded before consoles were named)
        first = events[0]
        where = f"on {first.get('host') or 'another host'}"
        at = ev.event_time(first).astimezone(ZoneInfo(self.agenda.event.timezone))
        role = "chair" if first.get("role") == "moderator" else str(first.get("role", ""))
        raise AskAgain(f"The last action ({self.describe(events)}) was made on another "
                       f"{role} console ({where}, {at:%H:%M})", "undo it", action)
