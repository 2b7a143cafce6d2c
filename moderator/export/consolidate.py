"""Several databases (one per room or per day) into one report: sessions merged by id."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from moderator.export.summary import ItemReport, SessionReport

# When two databases disagree on an item, the one that got furthest wins.
_STATUS_RANK = {"pending": 0, "skipped": 1, "done": 2, "current": 3}


def merge_sessions(reports: Iterable[SessionReport]) -> tuple[SessionReport, ...]:
    """One report per session id, in order of first appearance, with actual times set."""
    merged: dict[str, SessionReport] = {}
    for report in reports:
        seen = merged.get(report.id)
        merged[report.id] = report if seen is None else _merge_session(seen, report)
    return tuple(_with_actual_times(s) for s in merged.values())


def _merge_session(a: SessionReport, b: SessionReport) -> SessionReport:
    items = {i.id: i for i in a.items}
    for item in b.items:
        items[item.id] = _merge_item(items[item.id], item) if item.id in items else item
    suspensions = sorted((*a.suspensions, *b.suspensions), key=lambda x: x.suspended_at)
    adjournments = sorted(dict.fromkeys((*a.adjournments, *b.adjournments)),
                          key=lambda x: x.adjourned_at)
    return replace(a, items=tuple(items.values()), suspensions=tuple(suspensions),
                   adjournments=tuple(adjournments))


def _merge_item(a: ItemReport, b: ItemReport) -> ItemReport:
    interventions = sorted((*a.interventions, *b.interventions), key=lambda x: x.started_at)
    return replace(
        a,
        status=max(a.status, b.status, key=lambda s: _STATUS_RANK.get(s, 0)),
        started_at=_first(a.started_at, b.started_at, min),
        ended_at=_first(a.ended_at, b.ended_at, max),
        actual_minutes=_sum(a.actual_minutes, b.actual_minutes),
        interventions=tuple(replace(x, order=n) for n, x in enumerate(interventions, start=1)),
        notes=tuple(sorted((*a.notes, *b.notes), key=lambda n: n.created_at)),
        documents=tuple(dict.fromkeys((*a.documents, *b.documents))),
        decisions=tuple(sorted((*a.decisions, *b.decisions), key=lambda d: d.adopted_at)),
    )


def _first(a: datetime | None, b: datetime | None, pick) -> datetime | None:
    present = [t for t in (a, b) if t is not None]
    return pick(present) if present else None


def _sum(a: float | None, b: float | None) -> float | None:
    return None if a is None and b is None else round((a or 0) + (b or 0), 1)


def _with_actual_times(s: SessionReport) -> SessionReport:
    starts = [i.started_at for i in s.items if i.started_at is not None]
    ends = [i.ended_at for i in s.items if i.ended_at is not None]
    running = any(i.status == "current" for i in s.items)
    return replace(
        s,
        actual_start=min(starts) if starts else None,
        actual_end=max(ends) if ends and not running else None,
    )
