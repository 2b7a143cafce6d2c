"""Build the summary from folded meetings: one per database, merged into one report."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo

from moderator.core.clock import Clock
from moderator.core.documents import parse_documents
from moderator.core.forecast import session_end, session_start
from moderator.core.model import Agenda, InterventionKind, Item, Roster, Session
from moderator.core.speaker_names import CHAIRPERSON, journal_name
from moderator.core.timer import spoken_whole
from moderator.export.consolidate import merge_sessions
from moderator.export.statistics import compute_statistics
from moderator.export.summary import (
    AdjournmentLine,
    AnnexRow,
    Cover,
    DecisionLine,
    InterventionLine,
    ItemReport,
    NoteLine,
    PanelSpeaker,
    RecommendationGroup,
    SessionReport,
    StatementLine,
    Summary,
    SuspensionLine,
    TaggedNote,
)

if TYPE_CHECKING:
    from moderator.core.decisions import Decision
    from moderator.core.meeting import Meeting
    from moderator.core.notes import Note
    from moderator.core.views import Intervention, ItemForecast

ACTION_TAGS = ("action", "decision")
T = TypeVar("T")


def build_summary(
    meetings: Sequence[Meeting],
    clock: Clock,
    *,
    session_id: str | None = None,
    sources: Sequence[str] = (),
) -> Summary:
    """The summary of one or more folded meetings (one per room or day), over all of them.

    The cover comes from the first meeting's agenda; sessions with the same id are merged.
    Sessions never held are left out (the annex keeps the whole agenda); `session_id` keeps
    that one session only, with its statistics alone.
    """
    if not meetings:
        raise ValueError("a summary needs at least one meeting")
    now = clock.now()
    reports: list[SessionReport] = []
    general: list[NoteLine] = []
    for meeting in meetings:
        item_ids = {i.id for _, i in meeting.agenda.items()}
        notes = meeting.notes()
        # Times still running are read on the meeting's steady timeline, not the wall clock.
        present = meeting.now() if meeting.clock is clock else now
        held = {f.item_id: f for f in meeting.forecast(present).items}
        # Indexed once: filtering every note and every intervention for each item was
        # quadratic over a week (1e6 events took 34 s).
        by_item = _grouped(notes, "item_id")
        log: dict[str, list[Intervention]] = _grouped(meeting.log(), "item_id")
        reports.extend(_session(meeting, s, by_item, log, held, present)
                       for s in meeting.agenda.sessions)
        general.extend(_note(n) for n in notes if n.item_id not in item_ids)
    planned = merge_sessions(reports)
    if session_id is not None:
        planned = tuple(s for s in planned if s.id == session_id)
        sessions = planned
    else:
        # The report is of what was held; the annex still shows the whole agenda.
        sessions = tuple(s for s in planned if _held(s))
    tagged = [(s, _tagged(s)) for s in sessions]  # once: the recommendations and the actions
    return Summary(
        cover=_cover(meetings[0].agenda, now, sources),
        sessions=sessions,
        recommendations=_recommendations(tagged),
        actions=tuple(n for _, found in tagged for n in found if n.tag in ACTION_TAGS),
        notes=tuple(sorted(general, key=lambda n: n.created_at)) if session_id is None else (),
        statistics=compute_statistics(sessions),
        annex=_annex_rows(planned),
    )


def _grouped(records: Iterable[T], field: str) -> dict[Any, list[T]]:
    """`records` in lists by the value of their `field`, each list in their order."""
    key = attrgetter(field)
    groups: dict[Any, list[T]] = {}
    for record in records:
        value = key(record)
        if value in groups:  # (not setdefault: it made an empty list for every record)
            groups[value].append(record)
        else:
            groups[value] = [record]
    return groups


def _held(session: SessionReport) -> bool:
    return any(i.started_at is not None or i.interventions or i.notes for i in session.items)


def _cover(agenda: Agenda, now: datetime, sources: Sequence[str]) -> Cover:
    event = agenda.event
    return Cover(
        event_id=event.id,
        title=event.title,
        kind=event.kind,
        venue=event.venue,
        organiser=event.organizer,
        dates=tuple(event.dates),
        fields=tuple(event.fields),
        timezone=event.timezone,
        generated_at=now,
        sources=tuple(sources),
        journal=event.journal,
    )


def _session(
    meeting: Meeting, session: Session, notes: dict[str | None, list[Note]],
    log: dict[str, list[Intervention]], held: dict[str, ItemForecast], now: datetime
) -> SessionReport:
    roster, zone = meeting.roster, ZoneInfo(meeting.agenda.event.timezone)
    plan = meeting.plan()  # made once for the meeting's state, not once per session
    days, planned = plan.days, plan.times
    items = [
        _item(meeting, item, planned[item.id], notes.get(item.id, []), log.get(item.id, []),
              held.get(item.id), now)
        for item in session.items
    ]
    return SessionReport(
        id=session.id,
        title=session.title,
        date=days[session.id],
        moderator=roster.name_of(session.moderator) if session.moderator else None,
        rapporteur=roster.name_of(session.rapporteur) if session.rapporteur else None,
        planned_start=session_start(session, zone, days[session.id]),
        planned_end=session_end(session, zone, days[session.id]),
        actual_start=None,  # merge_sessions derives these from the items
        actual_end=None,
        items=tuple(items),
        suspensions=tuple(
            SuspensionLine(x.item_id, x.suspended_at, x.resumed_at)
            for x in meeting.suspensions() if x.session_id == session.id
        ),
        adjournments=tuple(
            AdjournmentLine(x.adjourned_at, x.until, x.resumed_at)
            for x in meeting.adjournments() if x.session_id == session.id
        ),
    )


def _item(
    meeting: Meeting,
    item: Item,
    planned: tuple[datetime, datetime],
    notes: list[Note],
    log: list[Intervention],
    held: ItemForecast | None,
    now: datetime,
) -> ItemReport:
    spoken = {x.id for x in log}
    chair = meeting.agenda.find_item(item.id)[0].moderator
    by_speaker: dict[str | None, list[Note]] = _grouped(notes, "intervention_id")
    panel = {s.ref for s in item.speakers}  # (once for the item, not per intervention)
    lines = []
    for order, x in enumerate(log, start=1):
        own = by_speaker.get(x.id, [])
        # The attached documents, then those its notes name: looked up here, not searched
        # for per intervention (a week's meeting made that quadratic).
        noted = [s for n in own for s in parse_documents(n.text)]
        attached = meeting.attached_documents(x.id, item.id)
        documents = tuple(dict.fromkeys((*attached, *noted))) if attached or noted else ()
        lines.append(_intervention(meeting.roster, item, order, x, own, now, chair,
                                   documents=documents, remote=meeting.followed_remotely(x.id),
                                   panel=panel))
    return ItemReport(
        id=item.id,
        title=item.title,
        kind=str(item.kind),
        status=str(meeting.item_status(item.id)),
        planned_minutes=item.minutes,
        planned_start=planned[0],
        planned_end=planned[1],
        started_at=held.started_at if held else None,
        ended_at=held.ended_at if held else None,
        actual_minutes=round(held.actual_minutes, 1) if held and held.actual_minutes is not None else None,
        interventions=tuple(lines),
        # A note attached to an intervention of another item is kept on this item, never lost.
        notes=tuple(_note(n) for n in notes if n.intervention_id not in spoken),
        panel=tuple(_panel(meeting.roster, s.ref) for s in item.speakers),
        parent=item.parent,
        parent_title=item.parent_title,
        letter=item.letter,
        discussed_under=item.discussed_under,
        documents=tuple(dict.fromkeys((
            *meeting.attached_documents(None, item.id),
            *(s for n in by_speaker.get(None, []) for s in parse_documents(n.text))))),
        decisions=tuple(_decision(meeting.roster, d) for d in meeting.decisions(item.id)),
    )


def _decision(roster: Roster, d: Decision) -> DecisionLine:
    return DecisionLine(
        id=d.id, number=d.number, symbol=d.symbol, text=d.text, adopted_at=d.adopted_at,
        statements=tuple(
            StatementLine(s.id, journal_name(roster, s.who, on_behalf=s.on_behalf), s.who, s.on_behalf)
            for s in d.statements
        ),
    )


def _panel(roster: Roster, ref: str) -> PanelSpeaker:
    speaker = roster.speakers.get(ref)
    return PanelSpeaker(ref=ref, name=roster.name_of(ref), gender=speaker.gender if speaker else None)


def _intervention(
    roster: Roster, item: Item, order: int, x: Intervention, notes: list[Note], now: datetime,
    chair: str | None = None, *, panel: set[str], documents: tuple[str, ...] = (),
    remote: bool = False,
) -> InterventionLine:
    """One line of the speaking log. The session's moderator speaking in their own name is the
    chair: "Chairperson", with no category in the statistics (as the chair with no roster id)."""
    as_chair = (x.who is None and not (x.guest or "").strip()) or (
        chair is not None and x.who == chair and not x.on_behalf and not x.guest)
    speaker = roster.speakers.get(x.who) if x.who else None
    delegation_id = speaker.delegation if speaker and speaker.delegation else x.who
    delegation = roster.delegations.get(delegation_id) if delegation_id and not as_chair else None
    if as_chair:
        key = CHAIRPERSON
    elif speaker is not None and speaker.delegation is None:
        key = speaker.name  # an unaffiliated speaker counts on their own
    else:
        key = journal_name(roster, delegation_id, None if x.who else x.guest, x.on_behalf)
    return InterventionLine(
        id=x.id,
        order=order,
        name=CHAIRPERSON if as_chair else journal_name(
            roster, x.who, x.guest, x.on_behalf, tuple(x.alignment)),
        who=x.who,
        kind=x.kind if type(x.kind) is InterventionKind else InterventionKind(x.kind),
        delegation=key,
        category=str(delegation.category) if delegation else None,
        gender=speaker.gender if speaker else None,
        scheduled=x.kind == InterventionKind.SCHEDULED or x.who in panel,  # (the item's)
        started_at=x.started_at,
        ended_at=x.ended_at,
        allotted_seconds=int(x.allotted),
        speaking_seconds=spoken_whole(x.speaking_seconds(now)),
        notes=tuple(map(_note, sorted(notes, key=_created))) if notes else (),
        documents=documents,
        remote=remote,
    )


_created = attrgetter("created_at")


def _note(note: Note) -> NoteLine:
    # id, text, tags, created_at, edited: positional (a week's 100,000 notes pass here)
    return NoteLine(note.id, note.text, tuple(note.tags), note.created_at, bool(note.history))


def _tagged(session: SessionReport) -> list[TaggedNote]:
    found = []
    for item in session.items:
        pairs = [(n, None) for n in item.notes] + [
            (n, x.name) for x in item.interventions for n in x.notes
        ]
        for note, speaker in sorted(pairs, key=lambda p: p[0].created_at):
            for tag in note.tags:
                found.append(TaggedNote(tag, note.text, session.id, item.id, item.title, speaker))
    return found


def _recommendations(tagged: Sequence[tuple[SessionReport, list[TaggedNote]]]
                     ) -> tuple[RecommendationGroup, ...]:
    groups = []
    for s, found in tagged:
        recs = tuple(n for n in found if n.tag == "rec")
        if recs:
            groups.append(RecommendationGroup(s.id, s.title, recs))
    return tuple(groups)


def _annex_rows(sessions: Sequence[SessionReport]) -> tuple[AnnexRow, ...]:
    return tuple(
        AnnexRow(
            session_id=s.id,
            item_id=i.id,
            item_title=i.title,
            status=i.status,
            planned_start=i.planned_start,
            planned_end=i.planned_end,
            planned_minutes=i.planned_minutes,
            started_at=i.started_at,
            ended_at=i.ended_at,
            actual_minutes=i.actual_minutes,
            session_title=s.title,
            kind=i.kind,
        )
        for s in sessions
        for i in s.items
    )
