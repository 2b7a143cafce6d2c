"""What the room sees: one view of the meeting, derived once, that every room surface lays out.

The audience clock, the podium, the projector, the delegates' phones, `/api/state` and the
WebSocket all render a `RoomView` and read nothing else of the meeting: a state of the meeting
(a suspension, a point of order, a closed list, a break) is added here once, and every surface
shows it. What a surface may see is part of the view (`RoomView.seen_by`): the chair's message
is for the podium and the terminal clock, never the projector or the phones. A suspension says
when the sitting resumes if the chair said so; a break counts down to its end (the agenda's, or
the one the chair set); an adjournment counts down to the morning it adjourned until.

A pure function of the meeting's state and `now` (the clock is a parameter).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from moderator.core.adjournment import Adjournment
from moderator.core.expected import expected_schedule
from moderator.core.model import InterventionKind, Item, ItemKind
from moderator.core.moments import words_of
from moderator.core.podium import PodiumMessage
from moderator.core.reading import MeetingReader
from moderator.core.speaker_names import journal_name
from moderator.core.timer import spoken_whole
from moderator.core.views import BreakView, Intervention, Request, TimerState


class Surface(StrEnum):
    """The room's screens: each may see only part of the view."""

    PODIUM = "podium"  # the speaker's tablet (/podium)
    CLOCK = "clock"  # the audience clock in a terminal (`moderator clock`)
    PROJECTOR = "projector"  # the room's projector (/projector)
    PHONES = "phones"  # the delegates' phones (/speakers)
    DELEGATION = "delegation"  # a delegation's own phone (/request), with its own requests


# The chair's message is meant for the speaker: the podium and the terminal clock beside it.
MESSAGE_SURFACES = frozenset({Surface.PODIUM, Surface.CLOCK})
# What an adjournment is called where a break shows its title.
ADJOURNED = "Meeting adjourned"


class RecessKind(StrEnum):
    BREAK = "break"  # a break on the agenda (coffee, lunch)
    ADJOURNMENT = "adjournment"  # the meeting adjourned until a later day (`]` at a day's end)


@dataclass(frozen=True, slots=True)
class RoomItem:
    """An agenda item; a lettered sub-item names the item it belongs to (`parent_title`)."""

    id: str
    title: str
    heading: str  # as the agenda prints it: "Review of current issues: (a) Ukraine"
    kind: ItemKind
    parent_id: str | None = None
    parent_title: str = ""
    letter: str = ""


@dataclass(frozen=True, slots=True)
class RoomSpeaker:
    """Someone on (or coming to) the floor, named as the journal names them."""

    name: str  # in full: "Denmark-European Union (with Albania, ... in alignment)"
    short_name: str  # a long alignment counted: "(with 8 countries in alignment)"
    kind: InterventionKind
    remote: bool = False  # the delegation follows the meeting remotely


@dataclass(frozen=True, slots=True)
class WaitingSpeaker:
    """One line of the list of speakers, in the order the room will hear them."""

    speaker: RoomSpeaker
    position: int | None  # on the list (1 is next); None for the speaker who resumes
    seconds: int  # the time they will have (what is left, for the speaker who resumes)
    expected_at: datetime
    resumes: bool = False  # suspended by a point of order: they get the floor back


@dataclass(frozen=True, slots=True)
class Countdown:
    """The speaker's timer at `RoomView.at`; between views `remaining` falls while `running`."""

    phase: TimerState  # IDLE with nobody on the floor
    running: bool
    allotted: int
    elapsed: float
    remaining: float  # negative in overtime
    warning: int  # the warning starts at this many seconds left


@dataclass(frozen=True, slots=True)
class SittingSuspension:
    since: datetime
    resumes_at: datetime | None = None  # when the chair said it resumes (`p`, `=`), if they did


@dataclass(frozen=True, slots=True)
class Recess:
    """A break (or an adjournment) in progress, counting down to the resumption."""

    kind: RecessKind
    title: str
    since: datetime
    resumes_at: datetime | None
    remaining: float | None  # seconds until `resumes_at`; negative once it has passed


@dataclass(frozen=True, slots=True)
class RoomMessage:
    """The chair's message to the speaker, and the surfaces that may show it."""

    text: str
    sent_at: datetime
    shown_on: frozenset[Surface] = MESSAGE_SURFACES


@dataclass(frozen=True, slots=True)
class RoomView:
    at: datetime  # the moment of the view (the meeting's timeline)
    timezone: str  # the meeting's (the agenda's) IANA time zone
    event_title: str
    venue: str
    session_id: str | None
    session_title: str | None
    item: RoomItem | None
    floor: RoomSpeaker | None
    suspended: RoomSpeaker | None  # suspended by a point of order; resumes when it ends
    countdown: Countdown
    list_closed: bool
    speakers: tuple[WaitingSpeaker, ...]  # who waits, in order; the one who resumes included
    sitting_suspended: SittingSuspension | None
    recess: Recess | None
    message: RoomMessage | None
    next_item: RoomItem | None  # the item `]` would open

    def seen_by(self, surface: Surface) -> RoomView:
        """The view as `surface` may see it (the chair's message only where it is meant)."""
        if self.message is not None and surface not in self.message.shown_on:
            return replace(self, message=None)
        return self

    def local(self, moment: datetime) -> str:
        """`moment` in the meeting's time zone, as the consoles write it (`moments.words_of`):
        "09:30" that day, "Friday 09:30" within the week ahead, else with its date ("Friday
        18 December, 09:30")."""
        return words_of(moment, self.at, self.timezone)

    @property
    def waiting(self) -> int:
        """How many requests wait (the speaker who resumes not counted)."""
        return sum(1 for entry in self.speakers if not entry.resumes)


class RoomReader(MeetingReader, Protocol):
    """What the room view reads of the meeting (`Meeting` has it)."""

    def list_closed(self) -> bool: ...

    def podium_message(self) -> PodiumMessage | None: ...

    def next_item_id(self) -> str | None: ...

    def break_view(self, now: datetime | None = None) -> BreakView | None: ...

    def adjournment(self) -> Adjournment | None: ...
    def remote_delegations(self) -> frozenset[str]: ...


def room_view(meeting: RoomReader, now: datetime) -> RoomView:
    """What the room sees of `meeting` at `now`."""
    item, session = meeting.current_item(), meeting.current_session()
    timer = meeting.timer(now)
    holder, suspended = timer.intervention, meeting.suspended()
    sitting = meeting.suspended_since()
    message = meeting.podium_message()
    next_id = meeting.next_item_id()
    following = meeting.agenda.find_item(next_id) if next_id else None
    return RoomView(
        at=now,
        timezone=meeting.agenda.event.timezone,
        event_title=meeting.agenda.event.title,
        venue=meeting.agenda.event.venue,
        session_id=session.id if session else None,
        session_title=session.title if session else None,
        item=room_item(item) if item else None,
        floor=_speaker(meeting, holder) if holder else None,
        suspended=_speaker(meeting, suspended) if suspended else None,
        countdown=Countdown(timer.state if holder else TimerState.IDLE, timer.running,
                            timer.allotted, timer.elapsed, timer.remaining,
                            meeting.agenda.defaults.warning),
        list_closed=meeting.list_closed() if item is not None else False,
        speakers=_waiting(meeting, suspended, now),
        sitting_suspended=SittingSuspension(sitting.suspended_at, sitting.resumes_at)
        if sitting else None,
        recess=_recess(meeting, now),
        message=RoomMessage(message.text, message.at) if message else None,
        next_item=room_item(following[1]) if following else None,
    )


def room_item(item: Item) -> RoomItem:
    """An agenda item as the room names it."""
    return RoomItem(item.id, item.title, item.heading, item.kind, item.parent,
                    item.parent_title, item.letter)


def _speaker(meeting: RoomReader, entry: Request | Intervention) -> RoomSpeaker:
    names = (meeting.roster, entry.who, entry.guest, entry.on_behalf, entry.alignment)
    return RoomSpeaker(journal_name(*names), journal_name(*names, short=True), entry.kind,
                       entry.who in meeting.remote_delegations())


def _waiting(meeting: RoomReader, suspended: Intervention | None,
             now: datetime) -> tuple[WaitingSpeaker, ...]:
    queue = meeting.queue()
    starts, resumes = expected_schedule(meeting, queue, now)
    waiting = [WaitingSpeaker(_speaker(meeting, request), position, request.seconds, start)
               for position, (request, start) in enumerate(zip(queue, starts, strict=True), 1)]
    if suspended is not None and resumes is not None:
        # After the points of order still waiting, before everyone else.
        place = sum(1 for request in queue if request.kind is InterventionKind.POINT_OF_ORDER)
        left = max(0, suspended.allotted - spoken_whole(suspended.speaking_seconds(now)))
        waiting.insert(place, WaitingSpeaker(_speaker(meeting, suspended), None, left, resumes,
                                             resumes=True))
    return tuple(waiting)


def _recess(meeting: RoomReader, now: datetime) -> Recess | None:
    """The adjournment in progress, else the break (its end the chair's, if they set one)."""
    adjourned = meeting.adjournment()
    if adjourned is not None:
        return Recess(RecessKind.ADJOURNMENT, ADJOURNED, adjourned.adjourned_at, adjourned.until,
                      (adjourned.until - now).total_seconds())
    on_break = meeting.break_view(now)
    if on_break is None:
        return None
    return Recess(RecessKind.BREAK, on_break.title, on_break.started_at, on_break.resumes_at,
                  on_break.remaining)
