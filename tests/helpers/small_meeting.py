"""A small meeting built by hand (no loader): two sessions, five items, a dozen delegations.

The core's tests, the store's compare-and-append tests and the room server's tests all use it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from moderator.core.meeting import Meeting
from moderator.core.model import (
    Agenda,
    Category,
    Defaults,
    Delegation,
    EventInfo,
    Item,
    ItemKind,
    Ordering,
    Roster,
    ScheduledSpeaker,
    Session,
    Speaker,
    TimeLimits,
)

# 09:00 in Vienna in December (UTC+1).
START = datetime(2026, 12, 10, 8, 0, tzinfo=UTC)


def small_agenda(ordering: Ordering = Ordering.REQUEST) -> Agenda:
    day = date(2026, 12, 10)
    first = Session(
        "s1", "Opening and threats", day, time(9, 0), time(10, 30), moderator="SP1",
        items=(
            Item("opening", "Opening addresses", ItemKind.ADDRESS, 20,
                 speakers=(ScheduledSpeaker("SP1", 600), ScheduledSpeaker("SP2")),
                 limits=TimeLimits(statement=300)),
            Item("debate", "Discussion", ItemKind.DISCUSSION, 40),
            Item("qa", "Questions to the panel", ItemKind.Q_AND_A, 30, limits=TimeLimits(question=60)),
        ),
    )
    second = Session(
        "s2", "Partnerships", day, time(11, 0), time(12, 30),
        items=(
            Item("coffee", "Coffee break", ItemKind.BREAK, 30),
            Item("closing", "Closing discussion", ItemKind.DISCUSSION, 60),
        ),
    )
    event = EventInfo("soft-targets", "Protecting soft targets", dates=(day,), timezone="Europe/Vienna")
    return Agenda(event, Defaults(ordering=ordering), (first, second))


def small_roster() -> Roster:
    ps, partner = Category.PARTICIPATING_STATE, Category.PARTNER
    delegations = [
        Delegation("AT", "Austria", ps),
        Delegation("TR", "Türkiye", ps),
        Delegation("DK", "Denmark", ps, group="EU"),
        Delegation("FR", "France", ps, group="EU"),
        Delegation("AL", "Albania", ps),
        Delegation("US", "United States of America", ps),
        Delegation("JP", "Japan", partner),
        Delegation("EG", "Egypt", partner),
        Delegation("ODIHR", "ODIHR", Category.OSCE),
        Delegation("UNOCT", "UN Office of Counter-Terrorism", Category.INTERNATIONAL_ORGANISATION),
        Delegation("EU", "European Union", Category.INTERNATIONAL_ORGANISATION),
        Delegation("NGO", "Hope Network", Category.CIVIL_SOCIETY),
        Delegation("CORP", "SecureMall Ltd", Category.PRIVATE_SECTOR),
    ]
    speakers = [
        Speaker("SP1", "Anna Keynote", delegation="ODIHR"),
        Speaker("SP2", "Ben Panel"),
    ]
    return Roster({d.id: d for d in delegations}, {s.id: s for s in speakers})


def ask(meeting: Meeting, who: str | None, kind: str = "statement", **options: object) -> str:
    """Record a request and return its id."""
    events = meeting.record(meeting.request_floor(who, kind, **options))
    return events[0]["request"]


def whos(meeting: Meeting) -> list[str | None]:
    return [r.who or r.guest for r in meeting.queue()]

