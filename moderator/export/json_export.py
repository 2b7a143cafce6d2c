"""The summary as JSON for other tools; its schema is `schema.json`, described in docs/EXPORT.md."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from moderator.core.model import JOURNAL_FIELDS
from moderator.export.json_text import Real, encoded
from moderator.export.plain import escape_unsafe, may_hold_unsafe
from moderator.export.summary import (
    DecisionLine,
    InterventionLine,
    ItemReport,
    NoteLine,
    SessionReport,
    SpeakingFigures,
    Summary,
    TaggedNote,
)

# Raise the major part on a change that breaks readers, the minor part on additions.
SCHEMA_VERSION = "1.2"


def _time(moment: datetime | date | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _number(value: int | float | None) -> int | Real | None:
    """A figure as the document holds it: a float as a `Real` (see `json_text`)."""
    return Real(value) if type(value) is float else value


def _note(n: NoteLine) -> dict[str, Any]:
    return {"id": n.id, "text": n.text, "tags": list(n.tags), "created_at": _time(n.created_at), "edited": n.edited}


def _intervention(x: InterventionLine) -> dict[str, Any]:
    return {
        "id": x.id,
        "order": x.order,
        "speaker": x.name,
        "who": x.who,
        "kind": str(x.kind),
        "marked": x.marked,
        "remote": x.remote,
        "delegation": x.delegation,
        "category": x.category,
        "gender": x.gender,
        "scheduled": x.scheduled,
        "started_at": _time(x.started_at),
        "ended_at": _time(x.ended_at),
        "allotted_seconds": x.allotted_seconds,
        "speaking_seconds": x.speaking_seconds,
        "overtime_seconds": x.overtime_seconds,
        "notes": [_note(n) for n in x.notes],
        "documents": list(x.documents),
    }


def _item(i: ItemReport) -> dict[str, Any]:
    return {
        "id": i.id,
        "title": i.title,
        "kind": i.kind,
        "status": i.status,
        "planned_minutes": _number(i.planned_minutes),
        "planned_start": _time(i.planned_start),
        "planned_end": _time(i.planned_end),
        "started_at": _time(i.started_at),
        "ended_at": _time(i.ended_at),
        "actual_minutes": _number(i.actual_minutes),
        "panel": [{"ref": p.ref, "name": p.name, "gender": p.gender} for p in i.panel],
        "interventions": [_intervention(x) for x in i.interventions],
        "notes": [_note(n) for n in i.notes],
        "parent": i.parent,
        "parent_title": i.parent_title or None,
        "letter": i.letter or None,
        "documents": list(i.documents),
        "decisions": [_decision(d) for d in i.decisions],
    }


def _decision(d: DecisionLine) -> dict[str, Any]:
    return {
        "id": d.id,
        "number": d.number,
        "symbol": d.symbol,
        "text": d.text,
        "adopted_at": _time(d.adopted_at),
        "statements": [{"id": s.id, "speaker": s.speaker, "who": s.who, "on_behalf": s.on_behalf}
                       for s in d.statements],
    }


def _session(s: SessionReport) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "date": _time(s.date),
        "moderator": s.moderator,
        "rapporteur": s.rapporteur,
        "planned_start": _time(s.planned_start),
        "planned_end": _time(s.planned_end),
        "actual_start": _time(s.actual_start),
        "actual_end": _time(s.actual_end),
        "start_late_minutes": _number(s.start_late_minutes),
        "end_late_minutes": _number(s.end_late_minutes),
        "items": [_item(i) for i in s.items],
        "suspensions": [{"item_id": x.item_id, "suspended_at": _time(x.suspended_at),
                         "resumed_at": _time(x.resumed_at)} for x in s.suspensions],
    }


def _tagged(t: TaggedNote) -> dict[str, Any]:
    return {
        "tag": t.tag,
        "text": t.text,
        "session_id": t.session_id,
        "item_id": t.item_id,
        "item_title": t.item_title,
        "speaker": t.speaker,
    }


def _figures(f: SpeakingFigures) -> dict[str, Any]:
    return {
        "key": f.key,
        "label": f.label,
        "category": f.category,
        "interventions": f.interventions,
        "speaking_seconds": _number(f.speaking_seconds),
        "average_seconds": _number(f.average_seconds),
        "overtime_count": f.overtime_count,
        "share": _number(f.share),
    }


def to_document(summary: Summary) -> dict[str, Any]:
    """The summary as plain JSON data (the shape schema.json describes)."""
    c, st = summary.cover, summary.statistics
    return {
        "schema_version": SCHEMA_VERSION,
        "event": {
            "id": c.event_id,
            "title": c.title,
            "kind": c.kind,
            "venue": c.venue,
            "organiser": c.organiser,
            "dates": [_time(d) for d in c.dates],
            "fields": list(c.fields),
            "timezone": c.timezone,
            "generated_at": _time(c.generated_at),
            "sources": list(c.sources),
            "journal": {name: getattr(c.journal, name) for name in JOURNAL_FIELDS},
        },
        "sessions": [_session(s) for s in summary.sessions],
        "notes": [_note(n) for n in summary.notes],
        "recommendations": [
            {"session_id": g.session_id, "session_title": g.session_title,
             "recommendations": [_tagged(r) for r in g.recommendations]}
            for g in summary.recommendations
        ],
        "actions": [_tagged(a) for a in summary.actions],
        "statistics": {
            "interventions": st.interventions,
            "speaking_seconds": _number(st.speaking_seconds),
            "overtime_count": st.overtime_count,
            "by_delegation": [_figures(f) for f in st.by_delegation],
            "by_category": [_figures(f) for f in st.by_category],
            "gender": {
                "panel": [{"gender": g, "speakers": n} for g, n in st.gender.panel],
                "speaking": [_figures(f) for f in st.gender.speaking],
                "unknown_seconds": _number(st.gender.unknown_seconds),
            },
            "adherence": [
                {"session_id": a.session_id, "session_title": a.session_title,
                 "planned_minutes": _number(a.planned_minutes),
                 "actual_minutes": _number(a.actual_minutes),
                 "start_late_minutes": _number(a.start_late_minutes),
                 "end_late_minutes": _number(a.end_late_minutes),
                 "items_held": a.items_held, "items_skipped": a.items_skipped,
                 "items_over_time": a.items_over_time}
                for a in st.adherence
            ],
        },
        "annex": [
            {"session_id": r.session_id, "item_id": r.item_id, "item_title": r.item_title,
             "status": r.status, "planned_start": _time(r.planned_start),
             "planned_end": _time(r.planned_end), "planned_minutes": _number(r.planned_minutes),
             "started_at": _time(r.started_at), "ended_at": _time(r.ended_at),
             "actual_minutes": _number(r.actual_minutes)}
            for r in summary.annex
        ],
    }


def render(summary: Summary) -> bytes:
    data = encoded(to_document(summary))
    if may_hold_unsafe(data):  # written as JSON's escapes: the values read back exactly
        data = escape_unsafe(data.decode("utf-8")).encode("utf-8")
    return data
