"""The meeting as the agenda and the roster describe it: plain, frozen data.

These types are what `moderator.core.loading` produces from `agenda.yaml` and
`speakers.yaml`, and what the floor, the timer, the notes and the export read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum


class Category(StrEnum):
    """Who a delegation is, in the order the OSCE lists them."""

    PARTICIPATING_STATE = "participating-state"
    PARTNER = "partner"
    OSCE = "osce"
    INTERNATIONAL_ORGANISATION = "international-organisation"
    CIVIL_SOCIETY = "civil-society"
    PRIVATE_SECTOR = "private-sector"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self]


CATEGORY_LABELS = {
    Category.PARTICIPATING_STATE: "Participating State",
    Category.PARTNER: "Partner for Co-operation",
    Category.OSCE: "OSCE institution or executive structure",
    Category.INTERNATIONAL_ORGANISATION: "International organisation",
    Category.CIVIL_SOCIETY: "Civil society",
    Category.PRIVATE_SECTOR: "Private sector",
}


class InterventionKind(StrEnum):
    """The kinds of request for the floor, each with its own time limit."""

    STATEMENT = "statement"
    POINT_OF_ORDER = "point-of-order"
    RIGHT_OF_REPLY = "right-of-reply"
    QUESTION = "question"
    # A scheduled speaker on the agenda (keynote, panelist, introducer).
    SCHEDULED = "scheduled"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    InterventionKind.STATEMENT: "Statement",
    InterventionKind.POINT_OF_ORDER: "Point of order",
    InterventionKind.RIGHT_OF_REPLY: "Right of reply",
    InterventionKind.QUESTION: "Question",
    InterventionKind.SCHEDULED: "Scheduled",
}


class ItemKind(StrEnum):
    ADDRESS = "address"
    PANEL = "panel"
    DISCUSSION = "discussion"
    Q_AND_A = "q-and-a"
    BREAK = "break"


class Ordering(StrEnum):
    """How ordinary requests are ordered on the list of speakers."""

    REQUEST = "request"  # first come, first served
    CATEGORY = "category"  # category precedence, then request time


class RequestMode(StrEnum):
    """What becomes of a request a delegation makes from its own seat (its link)."""

    DIRECT = "direct"  # it joins the list at once, by the meeting's rules
    APPROVE = "approve"  # it waits in the chair's strip of pending requests


@dataclass(frozen=True, slots=True)
class Delegation:
    """Who can request the floor from the room."""

    id: str
    name: str
    category: Category
    # A delegation id this delegation usually speaks on behalf of (e.g. "EU").
    group: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Speaker:
    """A named person by role (panelist, moderator, rapporteur, keynote)."""

    id: str
    name: str
    title: str = ""
    affiliation: str = ""
    delegation: str | None = None
    gender: str | None = None


@dataclass(frozen=True, slots=True)
class AlignmentCategory:
    """One category of the countries that align with a group's statements, as the journals
    name it this year: "the candidate country" / "the candidate countries", with an optional
    suffix after the names ("member of the EEA" / "members of the EEA")."""

    singular: str
    plural: str
    members: tuple[str, ...]  # delegation ids, in the order the journal lists them
    suffix: str = ""
    suffix_plural: str = ""


@dataclass(frozen=True, slots=True)
class Roster:
    delegations: dict[str, Delegation] = field(default_factory=dict)
    speakers: dict[str, Speaker] = field(default_factory=dict)
    # Per group (a delegation id, e.g. "EU"): the categories of aligned countries, in order.
    alignment: dict[str, tuple[AlignmentCategory, ...]] = field(default_factory=dict)

    def name_of(self, ref: str) -> str:
        """The display name of a delegation or speaker id; the id itself if unknown."""
        if ref in self.delegations:
            return self.delegations[ref].name
        if ref in self.speakers:
            return self.speakers[ref].name
        return ref


@dataclass(frozen=True, slots=True)
class TimeLimits:
    """Seconds allotted per kind of intervention (None: inherit)."""

    statement: int | None = None
    right_of_reply: int | None = None
    point_of_order: int | None = None
    question: int | None = None

    def for_kind(self, kind: InterventionKind) -> int | None:
        return {
            InterventionKind.STATEMENT: self.statement,
            InterventionKind.RIGHT_OF_REPLY: self.right_of_reply,
            InterventionKind.POINT_OF_ORDER: self.point_of_order,
            InterventionKind.QUESTION: self.question,
        }.get(kind)


@dataclass(frozen=True, slots=True)
class Defaults:
    statement: int = 180
    right_of_reply: int = 120
    point_of_order: int = 60
    question: int = 90
    # The timer shows "warning" in the last `warning` seconds.
    warning: int = 30
    ordering: Ordering = Ordering.REQUEST
    # Requests from the delegations' links: at once on the list, or the chair's to approve.
    requests: RequestMode = RequestMode.DIRECT
    # Whether a delegation's page may ask for the floor on a later item (the chair always may).
    requests_ahead: bool = False

    @property
    def limits(self) -> TimeLimits:
        return TimeLimits(self.statement, self.right_of_reply, self.point_of_order, self.question)


@dataclass(frozen=True, slots=True)
class JournalInfo:
    """What the meeting's journal prints that the rest of the agenda does not say: the words a
    body uses that year (its name, the place, the chair's remark) are the meeting's data."""

    symbol: str = ""  # "PC.JOUR/912" (no symbol line without it)
    body: str = ""  # "Permanent Council": who adopts decisions
    meeting: str = ""  # "912th Plenary Meeting of the Council", printed in capitals
    plenary: str = ""  # "1315th Plenary Meeting", after a special meeting's title, as written
    chairmanship: str = ""  # "Ireland"
    chairpersons: tuple[str, ...] = ()  # each on its own line (else each session's moderator)
    place: str = ""  # "in the Neuer Saal and via video teleconferencing", after the date
    remark: str = ""  # the chair's remark before the agenda ("Prior to taking up the agenda, ...")
    next_meeting: str = ""  # "Thursday, 24 May 2012, at 10 a.m., Neuer Saal" (else from the agenda)
    original: str = ""  # the original language: "ENGLISH" (the default)

    @property
    def chairperson(self) -> str:
        return "; ".join(self.chairpersons)


# The text fields of `event.journal` (`chairperson` is text or a list: `chairpersons`).
JOURNAL_TEXTS = ("symbol", "body", "meeting", "plenary", "chairmanship", "place", "remark",
                 "next_meeting", "original")
# What the JSON export's `event.journal` holds (schema 1.1; chairperson: the names joined "; ").
JOURNAL_FIELDS = ("symbol", "body", "meeting", "chairmanship", "chairperson", "next_meeting",
                  "original")


@dataclass(frozen=True, slots=True)
class EventInfo:
    id: str
    title: str
    kind: str = ""
    venue: str = ""
    organizer: str = ""
    source: str = ""
    fields: tuple[str, ...] = ()
    dates: tuple[date, ...] = ()
    timezone: str = "UTC"
    journal: JournalInfo = JournalInfo()


@dataclass(frozen=True, slots=True)
class ScheduledSpeaker:
    """A speaker named on the agenda for an item, in order."""

    ref: str  # a speaker id or a delegation id
    seconds: int | None = None


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    title: str
    kind: ItemKind
    minutes: int
    speakers: tuple[ScheduledSpeaker, ...] = ()
    limits: TimeLimits = TimeLimits()
    # A sub-item ("(a)", or unlettered: letter "") of the agenda item `parent` (its id and
    # title). An agenda item with speakers of its own before its sub-items is an item too,
    # just before them; one with none is only their heading.
    parent: str | None = None
    parent_title: str = ""
    letter: str = ""
    discussed_under: str | None = None  # the id of the item it was discussed under
    requests: RequestMode | None = None  # the meeting's `requests` setting, for this item

    def request_mode(self, defaults: Defaults) -> RequestMode:
        """Whether a delegation's request on this item waits for the chair's approval."""
        return self.requests or defaults.requests

    @property
    def heading(self) -> str:
        """The title as the agenda prints it: "Review of current issues: (a) Ukraine"."""
        if not self.parent:
            return self.title
        mark = f"({self.letter}) " if self.letter else ""
        return f"{self.parent_title}: {mark}{self.title}"


@dataclass(frozen=True, slots=True)
class Session:
    id: str
    title: str
    date: date
    start: time
    end: time
    moderator: str | None = None
    rapporteur: str | None = None
    items: tuple[Item, ...] = ()

    @property
    def planned_minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)


@dataclass(frozen=True, slots=True)
class Agenda:
    event: EventInfo
    defaults: Defaults
    sessions: tuple[Session, ...]
    # Made once from the sessions: the folds and each second's status bar look items up by id.
    _items: tuple[tuple[Session, Item], ...] = field(init=False, repr=False, compare=False)
    _by_id: Mapping[str, tuple[Session, Item]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        items = tuple((s, i) for s in self.sessions for i in s.items)
        by_id: dict[str, tuple[Session, Item]] = {}
        for pair in items:
            by_id.setdefault(pair[1].id, pair)  # the first, as a search in order finds it
        object.__setattr__(self, "_items", items)
        object.__setattr__(self, "_by_id", by_id)

    def items(self) -> list[tuple[Session, Item]]:
        """Every item of the meeting in agenda order, with its session."""
        return list(self._items)

    def find_item(self, item_id: str) -> tuple[Session, Item] | None:
        return self._by_id.get(item_id)
