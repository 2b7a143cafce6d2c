"""The end of a day: the meeting adjourns until the next day's first session, and resumes.

At the last item of a day the chair adjourns the meeting until the first session of the next
day (or a day and time they say): the item closes as `]` closes it, and until the meeting
resumes no item opens, nobody takes the floor, and every screen says until when. Resuming opens
the next item in the same action. Both are floor actions, which undo takes back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import ClassVar
from zoneinfo import ZoneInfo

from moderator.core.actions import Action, AskAgain, Refused
from moderator.core.agenda_order import next_pending
from moderator.core.agenda_progress import AgendaProgress, ItemFinished, ItemStarted
from moderator.core.bounds import bounded_time
from moderator.core.context import MeetingContext
from moderator.core.events import Event
from moderator.core.fold import FoldContext, folds
from moderator.core.moments import words_of
from moderator.core.state import MeetingState
from moderator.core.steady import now as steady_now

# Resuming earlier than this before the time the meeting adjourned until asks first: a stray
# `]` in the evening must not open the next day's session.
EARLY = timedelta(minutes=30)


@dataclass(frozen=True, slots=True)
class MeetingAdjourned(Event):
    """The meeting adjourned `until` (ISO time, UTC); the session and item held last."""

    TYPE: ClassVar[str] = "meeting.adjourned"
    until: str
    session_id: str | None = None
    item_id: str | None = None


@dataclass(frozen=True, slots=True)
class MeetingResumed(Event):
    TYPE: ClassVar[str] = "meeting.resumed"


MEETING_ADJOURNED = MeetingAdjourned.TYPE
MEETING_RESUMED = MeetingResumed.TYPE


@dataclass(frozen=True, slots=True)
class Adjournment:
    """The meeting adjourned at `adjourned_at` until `until` (resumed at `resumed_at`)."""

    adjourned_at: datetime
    until: datetime
    session_id: str | None  # the session held last
    item_id: str | None  # the item the adjournment finished
    resumed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class DayEnd:
    """`]` would leave the last item of `day` for the first of `next_day`: the meeting may
    adjourn until `until`, when the first session of that day begins."""

    day: date
    next_day: date
    until: datetime
    item_id: str  # the item the meeting resumes with
    title: str


@dataclass(slots=True)
class AdjournmentRecord:
    adjournments: list[Adjournment] = field(default_factory=list)

    def checkpoint(self) -> AdjournmentRecord:
        return AdjournmentRecord(list(self.adjournments))  # each adjournment is frozen

    @property
    def current(self) -> Adjournment | None:
        last = self.adjournments[-1] if self.adjournments else None
        return last if last is not None and last.resumed_at is None else None


def read_adjournments(state: MeetingState) -> AdjournmentRecord:
    """The record for reading: commands and views never add it to the state."""
    return state.extensions.get("adjournments") or AdjournmentRecord()


def _record(state: MeetingState) -> AdjournmentRecord:
    found = state.extensions.get("adjournments")
    if found is None:
        found = state.extensions["adjournments"] = AdjournmentRecord()
    return found


@folds(MeetingAdjourned)
def _adjourned(context: FoldContext, state: MeetingState, event: MeetingAdjourned,
               at: datetime) -> None:
    record = _record(state)
    if record.current is not None:
        return
    until = bounded_time(datetime.fromisoformat(event.until))
    record.adjournments.append(Adjournment(at, until, event.session_id, event.item_id))


@folds(MeetingResumed)
def _resumed(context: FoldContext, state: MeetingState, event: MeetingResumed,
             at: datetime) -> None:
    record = _record(state)
    current = record.current
    if current is not None:
        record.adjournments[-1] = replace(current, resumed_at=at)


class Adjournments:
    """Whether the meeting is adjourned, until when; the decisions to adjourn and resume.

    `refuse_while_suspended()` raises `Refused` while the sitting is suspended (it is resumed
    before the meeting adjourns).
    """

    def __init__(self, context: MeetingContext, progress: AgendaProgress,
                 refuse_while_suspended: Callable[[], None]) -> None:
        self.context = context
        self.progress = progress
        self.refuse_while_suspended = refuse_while_suspended

    # -- views -----------------------------------------------------------------------------

    def adjournment(self) -> Adjournment | None:
        """The adjournment in progress, if the meeting is adjourned."""
        return read_adjournments(self.context.state).current

    def adjournments(self) -> list[Adjournment]:
        """Every adjournment of the meeting in order (the last one may still be running)."""
        return list(read_adjournments(self.context.state).adjournments)

    def refuse_while_adjourned(self) -> None:
        current = self.adjournment()
        if current is not None:
            raise Refused(f"The meeting is adjourned until {self._words(current.until)}: "
                          "] resumes it")

    def end_of_day(self) -> DayEnd | None:
        """Whether `]` would leave the last item of a day (on the agenda's dates) for the
        next day's first; None while adjourned, or when the next item is on the same day."""
        context = self.context
        state, agenda = context.state, context.agenda
        last = state.current_item or state.last_item
        coming = next_pending(agenda, state)
        if self.adjournment() is not None or last is None or coming is None:
            return None
        held, found = context.session_of(last), agenda.find_item(coming)
        if held is None or found is None or found[0].date <= held.date:
            return None
        session, item = found
        zone = ZoneInfo(agenda.event.timezone)
        until = datetime.combine(session.date, session.start, tzinfo=zone)
        now = steady_now(state, context.clock).astimezone(zone)
        if until <= now:
            # A rehearsal on other days than the agenda's: the next day at that time.
            until = datetime.combine(now.date() + timedelta(days=1), session.start, tzinfo=zone)
        return DayEnd(held.date, session.date, until.astimezone(UTC), item.id, item.title)

    # -- decisions -------------------------------------------------------------------------

    def adjourn(self, until: datetime | None = None) -> list[dict]:
        """Adjourn the meeting until `until` (None: the next day's first session); the item in
        progress finishes (the floor ends, the requests waiting are dropped)."""
        self.refuse_while_suspended()
        self.refuse_while_adjourned()
        context = self.context
        state = context.state
        if not state.progress:
            raise Refused("The meeting has not opened yet: open an agenda item first")
        now = steady_now(state, context.clock)
        if until is None:
            ending = self.end_of_day()
            if ending is None:
                raise Refused("Say until when the meeting adjourns: no later day is on the "
                              "agenda")
            until = ending.until
        if until <= now:
            raise Refused(f"The meeting adjourns until a later time than now "
                          f"({self._words(until)})")
        item = state.current_item or state.last_item
        session = context.session_of(item) if item else None
        action = Action(context)
        self.progress.close_current(action, ItemFinished)
        return action.add(MeetingAdjourned(bounded_time(until).astimezone(UTC).isoformat(),
                                           session.id if session else None, item)).events

    def resume_meeting(self, confirmed: str | None = None) -> list[dict]:
        """Resume the adjourned meeting and open the next item; earlier than EARLY before the
        time it adjourned until, only when `confirmed` (else `AskAgain`)."""
        current = self.adjournment()
        if current is None:
            raise Refused("The meeting is not adjourned")
        context = self.context
        target = next_pending(context.agenda, context.state)
        found = context.agenda.find_item(target) if target else None
        opens = f" and open “{found[1].title}”" if found else ""
        token = f"resume:{current.adjourned_at.isoformat()}"
        now = steady_now(context.state, context.clock)
        if now < current.until - EARLY and confirmed != token:
            raise AskAgain(f"The meeting is adjourned until {self._words(current.until)}",
                           f"resume it now{opens}", token)
        action = Action(context).add(MeetingResumed())
        if target is not None:
            action.add(ItemStarted(target))
        return action.events

    def _words(self, moment: datetime) -> str:
        context = self.context
        return words_of(moment, steady_now(context.state, context.clock),
                        context.agenda.event.timezone)

