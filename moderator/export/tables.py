"""The statistics and the annex as titled tables of text, the same in every format."""

from __future__ import annotations

from dataclasses import dataclass

from moderator.export import wording
from moderator.export.summary import SpeakingFigures, Summary


@dataclass(frozen=True)
class Table:
    title: str
    header: list[str]
    rows: list[list[str]]
    chart: str | None = None  # the key of the chart drawn from the same figures (charts.py)


_FIGURES_HEADER = ["Interventions", "Speaking time", "Average", "Over time", "Share"]


def cover_rows(summary: Summary) -> list[tuple[str, str]]:
    """The cover's fields as (label, value), in order; empty values are the renderers' to skip."""
    c, tz = summary.cover, summary.cover.timezone
    return [
        ("Kind", c.kind),
        ("Venue", c.venue),
        ("Organiser", c.organiser),
        ("Dates", ", ".join(d.isoformat() for d in c.dates)),
        ("Fields of work", ", ".join(c.fields)),
        ("Generated", f"{wording.date_time(c.generated_at, tz)} ({tz})"),
    ]


def _figures_row(f: SpeakingFigures) -> list[str]:
    return [
        f.label,
        str(f.interventions),
        wording.clock_duration(f.speaking_seconds),
        wording.clock_duration(f.average_seconds),
        str(f.overtime_count),
        wording.percent(f.share),
    ]


def statistics_tables(summary: Summary) -> list[Table]:
    """The statistics; each figures table ends with a Total row equal to the log's sum."""
    st = summary.statistics
    total = [
        "Total",
        str(st.interventions),
        wording.clock_duration(st.speaking_seconds),
        wording.clock_duration(st.speaking_seconds / st.interventions if st.interventions else 0),
        str(st.overtime_count),
        wording.percent(1.0 if st.speaking_seconds else 0.0),
    ]
    tables = [
        Table(
            "Interventions per delegation",
            ["Delegation", *_FIGURES_HEADER],
            [*map(_figures_row, st.by_delegation), total],
            chart="by_delegation",
        ),
        Table(
            "Interventions per category",
            ["Category", *_FIGURES_HEADER],
            [*map(_figures_row, st.by_category), total],
            chart="by_category",
        ),
    ]
    g = st.gender
    tables.append(
        Table(
            "Gender balance of panel speakers",
            ["Gender", "Speakers on the panels"],
            [[gender.capitalize(), str(n)] for gender, n in g.panel],
            chart="gender",
        )
    )
    tables.append(
        Table(
            "Gender balance of speaking time (speakers whose gender the roster gives)",
            ["Gender", *_FIGURES_HEADER],
            [*map(_figures_row, g.speaking), ["Not given", "", wording.clock_duration(g.unknown_seconds), "", "", ""]],
        )
    )
    tables.append(
        Table(
            "Schedule adherence",
            ["Session", "Planned", "Held", "Start", "End", "Items held", "Skipped", "Over time"],
            [
                [
                    a.session_title,
                    wording.minutes(a.planned_minutes),
                    wording.minutes(a.actual_minutes),
                    wording.lateness(a.start_late_minutes),
                    wording.lateness(a.end_late_minutes),
                    str(a.items_held),
                    str(a.items_skipped),
                    str(a.items_over_time),
                ]
                for a in st.adherence
            ],
            chart="adherence",
        )
    )
    return tables


def annex_table(summary: Summary) -> Table:
    tz = summary.cover.timezone
    titles = {s.id: s.title for s in summary.sessions}  # a hand-built row may lack its title
    return Table(
        "The agenda as planned and as held",
        ["Session", "Item", "Planned", "Minutes", "Held", "Minutes held", "Status"],
        [
            [
                r.session_title or titles.get(r.session_id, r.session_id),
                r.item_title,
                f"{wording.clock_time(r.planned_start, tz)}\u2013{wording.clock_time(r.planned_end, tz)}",
                str(r.planned_minutes),
                wording.span(r.started_at, r.ended_at, tz),
                wording.minutes(r.actual_minutes),
                r.status,
            ]
            for r in summary.annex
        ],
    )
