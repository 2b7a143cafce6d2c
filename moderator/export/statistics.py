"""The figures the secretariat is asked for, computed from the summary's own speaking log.

Computed from the sessions (not from the events), so that a consolidated summary of several
databases gets its statistics over everything, and every table adds up to the log.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from moderator.core.model import CATEGORY_LABELS, Category
from moderator.export.summary import (
    Adherence,
    GenderBalance,
    InterventionLine,
    SessionReport,
    SpeakingFigures,
    Statistics,
)

NO_CATEGORY = "none"
NO_CATEGORY_LABEL = "Chair, guests and unaffiliated speakers"


def compute_statistics(sessions: Iterable[SessionReport]) -> Statistics:
    """Statistics over every intervention of the given sessions."""
    sessions = tuple(sessions)
    log = [x for s in sessions for i in s.items for x in i.interventions]
    total = sum(x.speaking_seconds for x in log)
    by_delegation = _figures(log, total, lambda x: (x.delegation, x.delegation, x.category))
    by_category = _figures(log, total, _category_key)
    return Statistics(
        interventions=len(log),
        speaking_seconds=total,
        overtime_count=sum(1 for x in log if x.overtime_seconds > 0),
        by_delegation=tuple(sorted(by_delegation, key=lambda f: (-f.speaking_seconds, f.label))),
        by_category=tuple(sorted(by_category, key=_category_order)),
        gender=_gender_balance(sessions, log),
        adherence=tuple(_adherence(s) for s in sessions),
    )


Key = tuple[str, str, str | None]


def _category_key(x: InterventionLine) -> Key:
    if x.category is None:
        return (NO_CATEGORY, NO_CATEGORY_LABEL, None)
    return (x.category, CATEGORY_LABELS.get(Category(x.category), x.category), x.category)


def _category_order(f: SpeakingFigures) -> int:
    order = [c.value for c in Category]
    return order.index(f.key) if f.key in order else len(order)


def _figures(
    log: list[InterventionLine], total: int, key: Callable[[InterventionLine], Key]
) -> list[SpeakingFigures]:
    groups: dict[str, list[InterventionLine]] = {}
    labels: dict[str, tuple[str, str | None]] = {}
    for x in log:
        k, label, category = key(x)
        groups.setdefault(k, []).append(x)
        labels.setdefault(k, (label, category))
    return [
        SpeakingFigures(
            key=k,
            label=labels[k][0],
            category=labels[k][1],
            interventions=len(xs),
            speaking_seconds=(seconds := sum(x.speaking_seconds for x in xs)),
            overtime_count=sum(1 for x in xs if x.overtime_seconds > 0),
            share=round(seconds / total, 4) if total else 0.0,
        )
        for k, xs in groups.items()
    ]


def _gender_balance(sessions: tuple[SessionReport, ...], log: list[InterventionLine]) -> GenderBalance:
    # A panelist on several items is one person on the panels: count distinct refs.
    panel: dict[str, str] = {}
    for s in sessions:
        for item in s.items:
            for p in item.panel:
                if p.gender:
                    panel.setdefault(p.ref, p.gender)
    counts: dict[str, int] = {}
    for gender in panel.values():
        counts[gender] = counts.get(gender, 0) + 1
    gendered = [x for x in log if x.gender]
    gendered_total = sum(x.speaking_seconds for x in gendered)
    speaking = _figures(gendered, gendered_total, lambda x: (x.gender or "", x.gender or "", None))
    return GenderBalance(
        panel=tuple(sorted(counts.items())),
        speaking=tuple(sorted(speaking, key=lambda f: f.key)),
        unknown_seconds=sum(x.speaking_seconds for x in log if not x.gender),
    )


def _adherence(s: SessionReport) -> Adherence:
    actual = None
    if s.actual_start is not None and s.actual_end is not None:
        actual = round((s.actual_end - s.actual_start).total_seconds() / 60)
    planned = round((s.planned_end - s.planned_start).total_seconds() / 60)
    return Adherence(
        session_id=s.id,
        session_title=s.title,
        planned_minutes=planned,
        actual_minutes=actual,
        start_late_minutes=s.start_late_minutes,
        end_late_minutes=s.end_late_minutes,
        items_held=sum(1 for i in s.items if i.started_at is not None),
        items_skipped=sum(1 for i in s.items if i.status == "skipped"),
        items_over_time=sum(
            1 for i in s.items if i.actual_minutes is not None and i.actual_minutes > i.planned_minutes
        ),
    )
