"""A summary built by hand, with hostile names and notes, for the renderers' tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from moderator.core.model import InterventionKind
from moderator.export.consolidate import merge_sessions
from moderator.export.statistics import compute_statistics
from moderator.export.summary import (
    AnnexRow,
    Cover,
    InterventionLine,
    ItemReport,
    NoteLine,
    PanelSpeaker,
    RecommendationGroup,
    SessionReport,
    Summary,
    TaggedNote,
)

T0 = datetime(2026, 12, 10, 8, 0, tzinfo=UTC)
HOSTILE_NAME = "Evil | <b>Corp</b> # *stars* [link](x) & co"
FORMULA_NOTE = "=HYPERLINK(\"http://x\",\"click\")"
SCRIPT_NOTE = "<script>alert('x')</script>\nsecond | line"


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def note(n: str, text: str, minute: float, tags: tuple[str, ...] = (), edited: bool = False) -> NoteLine:
    return NoteLine(id=n, text=text, tags=tags, created_at=at(minute), edited=edited)


def line(order: int, name: str, kind: InterventionKind, start: float, seconds: int, allotted: int = 180,
         category: str | None = "participating-state", gender: str | None = None,
         notes: tuple[NoteLine, ...] = ()) -> InterventionLine:
    return InterventionLine(
        id=f"x{order}-{start}", order=order, name=name, who=None, kind=kind, delegation=name,
        category=category, gender=gender, scheduled=kind is InterventionKind.SCHEDULED,
        started_at=at(start), ended_at=at(start) + timedelta(seconds=seconds),
        allotted_seconds=allotted, speaking_seconds=seconds, notes=notes,
    )


def hand_summary() -> Summary:
    rec = note("n1", "States should share threat assessments #rec", 5, ("rec",), edited=True)
    x1 = line(1, "Keynote speaker", InterventionKind.SCHEDULED, 2, 600, 600, "osce", "female", (rec,))
    x2 = line(2, HOSTILE_NAME, InterventionKind.STATEMENT, 13, 200, notes=(
        note("n2", FORMULA_NOTE, 14), note("n3", SCRIPT_NOTE + " #action", 15, ("action",))))
    x3 = line(3, "-Russian Federation", InterventionKind.POINT_OF_ORDER, 17, 45, 60)
    x4 = line(4, "Japan (Partner for Co-operation)", InterventionKind.RIGHT_OF_REPLY, 18, 130, 120,
              "partner", "male")
    item = ItemReport(
        id="s1-open", title="Opening # 1 | *welcome*", kind="address", status="done", planned_minutes=20,
        planned_start=at(0), planned_end=at(20), started_at=at(1), ended_at=at(21), actual_minutes=20.0,
        interventions=(x1, x2, x3, x4), notes=(note("n4", "Decided: next meeting #decision", 20, ("decision",)),),
        panel=(PanelSpeaker("keynote", "Keynote speaker", "female"),),
    )
    skipped = ItemReport(id="s1-break", title="Break", kind="break", status="skipped", planned_minutes=10,
                         planned_start=at(20), planned_end=at(30), started_at=None, ended_at=None)
    session = SessionReport(
        id="s1", title="Opening session", date=date(2026, 12, 10), moderator="Moderator <i>",
        rapporteur="Rapporteur", planned_start=at(0), planned_end=at(30), actual_start=None,
        actual_end=None, items=(item, skipped),
    )
    sessions = merge_sessions([session])
    tagged = TaggedNote("rec", rec.text, "s1", "s1-open", item.title, x1.name)
    return Summary(
        cover=Cover(event_id="seminar-2026", title="Expert <Seminar> | \"Soft\" targets", kind="seminar",
                    venue="Hofburg, Vienna", organiser="TNTD/ATU", dates=(date(2026, 12, 10),),
                    fields=("counter-terrorism",), timezone="Europe/Vienna", generated_at=at(200)),
        sessions=sessions,
        recommendations=(RecommendationGroup("s1", "Opening session", (tagged,)),),
        actions=(TaggedNote("action", x2.notes[1].text, "s1", "s1-open", item.title, x2.name),
                 TaggedNote("decision", item.notes[0].text, "s1", "s1-open", item.title, None)),
        notes=(note("n9", "General remark", 0),),
        statistics=compute_statistics(sessions),
        annex=tuple(AnnexRow(session.id, i.id, i.title, i.status, i.planned_start, i.planned_end,
                             i.planned_minutes, i.started_at, i.ended_at, i.actual_minutes)
                    for i in session.items),
    )
