"""The sessions of the agenda: each one's fields, then the rules between sessions."""

from __future__ import annotations

import heapq
from datetime import date, time
from typing import Protocol

from yaml.nodes import Node

from moderator.core.loading.schema import Checker
from moderator.core.loading.yamlsafe import is_null
from moderator.core.model import Item, Session


class ReadsItems(Protocol):
    """What a session is read with: `loading/agenda.py: AgendaReader` has it."""

    check: Checker

    def items(self, node: Node, where: str) -> list[Item]: ...

    def reference(self, node: Node, what: str) -> str | None: ...

REQUIRED = ["id", "title", "date", "start", "end"]
OPTIONAL = ["moderator", "rapporteur", "items"]


def read_session(
    reader: ReadsItems, node: Node, dates: tuple[date, ...] | None
) -> Session | None:
    """One session, or None when a required field is missing or bad (the reason recorded)."""
    c = reader.check
    keys = c.mapping(node, "a session", REQUIRED, OPTIONAL, "session")
    if keys is None:
        return None
    session_id = c.identifier(keys["id"], "session id") if "id" in keys else None
    what = f"session '{session_id}'" if session_id else "a session"
    title = c.text(keys["title"], f"title of {what}") if "title" in keys else None
    day = c.calendar_date(keys["date"], f"date of {what}") if "date" in keys else None
    if day is not None and dates and day not in dates:
        listed = ", ".join(d.isoformat() for d in dates)
        c.error(keys["date"], f"date of {what} ({day}) is not one of the event dates ({listed})")
    start = c.clock_time(keys["start"], f"start of {what}") if "start" in keys else None
    end = c.clock_time(keys["end"], f"end of {what}") if "end" in keys else None
    if start is not None and end is not None and end <= start:
        verb = "ends when" if end == start else "ends before"
        c.error(keys["end"], f"{what} {verb} it starts ({_hhmm(end)} <= {_hhmm(start)})")
        end = None
    roles = {
        role: reader.reference(keys[role], f"{role} of {what}")
        for role in ("moderator", "rapporteur")
        if role in keys and not is_null(keys[role])
    }
    items = []
    for entry in (c.sequence(keys["items"], f"items of {what}") or []) if "items" in keys else []:
        items.extend(reader.items(entry, what))
    if None in (session_id, title, day, start, end):
        return None
    session = Session(session_id, title, day, start, end, items=tuple(items), **roles)  # type: ignore[arg-type]
    planned = sum(i.minutes for i in items)
    if planned > session.planned_minutes:
        c.warning(
            keys["items"],
            f"the items of {what} plan {planned} minutes, more than its "
            f"{session.planned_minutes}-minute slot ({_hhmm(start)}-{_hhmm(end)})",  # type: ignore[arg-type]
        )
    return session


def check_sessions(check: Checker, sessions: list[tuple[Session, Node]]) -> None:
    """Warn about sessions that overlap on the same day: once per session that starts while
    others are still running (in the order of the file for sessions starting together),
    naming the one that ends first and counting the others. N sessions at once make N - 1
    warnings, not N^2 / 2, and the sweep costs N log N."""
    by_day: dict[date, list[tuple[time, int, Session, Node]]] = {}
    for index, (session, node) in enumerate(sessions):
        by_day.setdefault(session.date, []).append((session.start, index, session, node))
    for day, starting in by_day.items():
        running: list[tuple[time, int, Session]] = []  # a heap by end: sessions not ended yet
        for start, index, later, node in sorted(starting, key=lambda s: (s[0], s[1])):
            while running and running[0][0] <= start:
                heapq.heappop(running)
            if running:
                earlier = running[0][2]
                others = len(running) - 1
                more = f" and {others} other session{'s' * (others != 1)}" if others else ""
                check.warning(
                    node,
                    f"session '{later.id}' ({_hhmm(later.start)}-{_hhmm(later.end)}) overlaps "
                    f"session '{earlier.id}' ({_hhmm(earlier.start)}-{_hhmm(earlier.end)}){more} "
                    f"on {day}",
                )
            heapq.heappush(running, (later.end, index, later))


def _hhmm(moment: time) -> str:
    return moment.strftime("%H:%M")
