"""The secretariat's summary as plain data: what every renderer writes out.

Built by `moderator.export.build` from the agenda, the roster and the folded meeting; the
renderers (docx, md, html, json, csv) only format it. Frozen, but for the three kinds of line a
week holds by the hundred thousand (notes, interventions, tagged notes): slotted records, set
once by the build (a frozen class's __init__ sets each field through object.__setattr__, four
times the cost: 0.1 s of summing up at ten times the generated meeting). Times are aware UTC
datetimes; the renderers show them in `Cover.timezone`. Speaking times are whole seconds, so that the
statistics are exact sums of the speaking log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from moderator.core.model import InterventionKind, JournalInfo


@dataclass(frozen=True)
class Cover:
    event_id: str
    title: str
    kind: str
    venue: str
    organiser: str
    dates: tuple[date, ...]
    fields: tuple[str, ...]
    timezone: str
    generated_at: datetime
    sources: tuple[str, ...] = ()  # the database files the summary was built from
    journal: JournalInfo = JournalInfo()  # what the journal prints that the agenda does not


@dataclass(slots=True)
class NoteLine:
    id: str
    text: str  # the latest text; deleted notes are never here
    tags: tuple[str, ...]
    created_at: datetime
    edited: bool


@dataclass(slots=True)
class InterventionLine:
    id: str
    order: int  # 1-based, in order of speaking within the item
    name: str  # journal style
    who: str | None
    kind: InterventionKind
    delegation: str  # the statistics key: who spoke, as a journal name without alignment
    category: str | None  # a Category value; None for the chair, guests, unaffiliated speakers
    gender: str | None  # from the roster's speaker entry, where it gives one
    scheduled: bool  # a panel speaker named on the agenda for the item
    started_at: datetime
    ended_at: datetime | None
    allotted_seconds: int
    speaking_seconds: int
    notes: tuple[NoteLine, ...] = ()
    documents: tuple[str, ...] = ()  # symbols the delegation circulated ("PC.DEL/447/12")
    remote: bool = False  # the delegation followed the meeting remotely when it spoke

    @property
    def overtime_seconds(self) -> int:
        return max(0, self.speaking_seconds - self.allotted_seconds)

    @property
    def marked(self) -> str | None:
        """The mark the journal gives a point of order, a right of reply or a question."""
        if self.kind in (InterventionKind.POINT_OF_ORDER, InterventionKind.RIGHT_OF_REPLY,
                         InterventionKind.QUESTION):
            return self.kind.label
        return None

    @property
    def marks(self) -> str | None:
        """What the summary writes after the name: the kind's mark, and "remote" for a
        delegation that spoke following the meeting remotely ("Right of reply, remote")."""
        found = ", ".join(filter(None, (self.marked, "remote" if self.remote else None)))
        return found or None


@dataclass(frozen=True)
class PanelSpeaker:
    """A speaker the agenda names for the item (keynote, panelist, introducer)."""

    ref: str
    name: str
    gender: str | None


@dataclass(frozen=True)
class StatementLine:
    """An interpretative statement attached to a decision."""

    id: str
    speaker: str  # journal style
    who: str
    on_behalf: str | None


@dataclass(frozen=True)
class DecisionLine:
    id: str
    number: str
    symbol: str
    text: str
    adopted_at: datetime
    statements: tuple[StatementLine, ...] = ()


@dataclass(frozen=True)
class SuspensionLine:
    """The sitting suspended (and resumed; None while it still is)."""

    item_id: str | None
    suspended_at: datetime
    resumed_at: datetime | None


@dataclass(frozen=True)
class AdjournmentLine:
    """The meeting adjourned at the end of a day until a time (resumed; None while it is)."""

    adjourned_at: datetime
    until: datetime
    resumed_at: datetime | None


@dataclass(frozen=True)
class ItemReport:
    id: str
    title: str
    kind: str
    status: str  # pending, current, done, skipped
    planned_minutes: int
    planned_start: datetime | None
    planned_end: datetime | None
    started_at: datetime | None
    ended_at: datetime | None
    actual_minutes: float | None = None  # the time the item was open (revisits added up)
    interventions: tuple[InterventionLine, ...] = ()
    notes: tuple[NoteLine, ...] = ()  # notes on the item as a whole
    panel: tuple[PanelSpeaker, ...] = ()
    # A sub-item of the agenda item `parent` (lettered, or unlettered: letter "").
    parent: str | None = None
    parent_title: str = ""
    letter: str = ""
    documents: tuple[str, ...] = ()  # documents of the item as a whole
    decisions: tuple[DecisionLine, ...] = ()
    discussed_under: str | None = None  # the item it was discussed under (the agenda says)

    @property
    def heading(self) -> str:
        """"Review of current issues: (a) Situation in Ukraine" for a sub-item."""
        if not self.parent:
            return self.title
        mark = f"({self.letter}) " if self.letter else ""
        return f"{self.parent_title}: {mark}{self.title}"


@dataclass(frozen=True)
class SessionReport:
    id: str
    title: str
    date: date
    moderator: str | None
    rapporteur: str | None
    planned_start: datetime
    planned_end: datetime
    actual_start: datetime | None
    actual_end: datetime | None
    items: tuple[ItemReport, ...] = ()
    suspensions: tuple[SuspensionLine, ...] = ()
    adjournments: tuple[AdjournmentLine, ...] = ()  # adjourned after this session

    @property
    def start_late_minutes(self) -> int | None:
        """> 0 started late, < 0 early; None if the session never started."""
        return _minutes_between(self.planned_start, self.actual_start)

    @property
    def end_late_minutes(self) -> int | None:
        return _minutes_between(self.planned_end, self.actual_end)


@dataclass(slots=True)
class TaggedNote:
    """A note collected into the recommendations or the actions and decisions."""

    tag: str
    text: str
    session_id: str
    item_id: str | None
    item_title: str
    speaker: str | None  # the journal name of the intervention it is attached to


@dataclass(frozen=True)
class RecommendationGroup:
    session_id: str
    session_title: str
    recommendations: tuple[TaggedNote, ...]


@dataclass(frozen=True)
class SpeakingFigures:
    """Interventions and speaking time of one delegation, category or gender."""

    key: str
    label: str
    category: str | None
    interventions: int
    speaking_seconds: int
    overtime_count: int
    share: float  # of all speaking time, 0..1

    @property
    def average_seconds(self) -> float:
        return round(self.speaking_seconds / self.interventions, 1) if self.interventions else 0.0


@dataclass(frozen=True)
class GenderBalance:
    panel: tuple[tuple[str, int], ...]  # (gender, distinct scheduled speakers)
    speaking: tuple[SpeakingFigures, ...]  # per gender, where the roster gives one
    unknown_seconds: int  # speaking time of speakers with no gender in the roster


@dataclass(frozen=True)
class Adherence:
    session_id: str
    session_title: str
    planned_minutes: int
    actual_minutes: int | None
    start_late_minutes: int | None
    end_late_minutes: int | None
    items_held: int
    items_skipped: int
    items_over_time: int


@dataclass(frozen=True)
class Statistics:
    interventions: int
    speaking_seconds: int
    overtime_count: int
    by_delegation: tuple[SpeakingFigures, ...]
    by_category: tuple[SpeakingFigures, ...]
    gender: GenderBalance
    adherence: tuple[Adherence, ...]


@dataclass(frozen=True)
class AnnexRow:
    session_id: str
    item_id: str
    item_title: str
    status: str
    planned_start: datetime | None
    planned_end: datetime | None
    planned_minutes: int
    started_at: datetime | None
    ended_at: datetime | None
    actual_minutes: float | None
    session_title: str = ""  # the title the annex shows (held or not)
    kind: str = ""  # the item's kind ("break", ...)


@dataclass(frozen=True)
class Summary:
    cover: Cover
    sessions: tuple[SessionReport, ...]
    recommendations: tuple[RecommendationGroup, ...]
    actions: tuple[TaggedNote, ...]  # #action and #decision notes, in order
    notes: tuple[NoteLine, ...]  # notes taken outside any agenda item
    statistics: Statistics
    annex: tuple[AnnexRow, ...]

    def interventions(self) -> list[tuple[SessionReport, ItemReport, InterventionLine]]:
        """The speaking log: every intervention in order, with its session and item."""
        return [(s, i, x) for s in self.sessions for i in s.items for x in i.interventions]


def _minutes_between(planned: datetime, actual: datetime | None) -> int | None:
    if actual is None:
        return None
    return round((actual - planned).total_seconds() / 60)
