"""A timetable saved from Indico's export API (`/export/timetable/<event>.json`).

Its shape: `results -> {event id -> {YYYYMMDD -> {entry key -> entry}}}`; an entry has an
`entryType` (Session, Contribution or Break), `title`, `startDate`/`endDate` as
`{date, time, tz}`; a session (one block of it) has `conveners`, its `slotTitle`, `room` and
its own `entries`; a contribution has `presenters` (`firstName`, `familyName`, `affiliation`).
Times are given in the exporting user's display time zone; they are converted to the event's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from moderator.importing.located_json import Located, read_json
from moderator.importing.problems import Findings
from moderator.importing.text import clean


class TimetableEntryType(StrEnum):
    SESSION = "Session"
    CONTRIBUTION = "Contribution"
    BREAK = "Break"


# Older exports name the kind only by the serialised class.
LEGACY_TYPES = {
    "LinkedTimeSchEntry": TimetableEntryType.SESSION,
    "ContribSchEntry": TimetableEntryType.CONTRIBUTION,
    "BreakTimeSchEntry": TimetableEntryType.BREAK,
}
PEOPLE_KEY = {TimetableEntryType.SESSION: "conveners", TimetableEntryType.CONTRIBUTION: "presenters"}
DAY_KEY = re.compile(r"[0-9]{8}")
TIME = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9])(?:\.[0-9]+)?)?")


@dataclass(frozen=True, slots=True)
class Person:
    first_name: str
    family_name: str
    affiliation: str

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first_name, self.family_name) if p)


@dataclass(frozen=True, slots=True)
class TimetableEntry:
    """One timetable entry, its times in the event's zone."""

    key: str
    type: TimetableEntryType
    title: str
    start: datetime
    end: datetime
    place: str  # file:line of the entry
    people: tuple[Person, ...] = ()  # a session's conveners, a contribution's presenters
    slot_title: str = ""
    room: str = ""
    children: tuple[TimetableEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class Timetable:
    event_id: str
    timezone: str
    entries: tuple[TimetableEntry, ...]  # the top level, in order of start


def read_timetable(path: Path, event: str | None = None, timezone: str | None = None) -> Timetable:
    """The timetable of one event in `path`; raises `ImportFailed` with every problem."""
    name = str(path)
    root = read_json(path)
    reader = _Reader(name, timezone)
    days = reader.event_days(root, event)
    entries = reader.entries(days)
    reader.findings.fail_if_errors()
    return Timetable(reader.event_id, reader.zone_name or "UTC", tuple(entries))


class _Reader:
    def __init__(self, name: str, timezone: str | None) -> None:
        self.name = name
        self.findings = Findings()
        self.zone_name = timezone
        self.zone = ZoneInfo(timezone) if timezone else None
        self.event_id = ""

    def at(self, value: Any) -> str:
        line = value.line if isinstance(value, Located) else 0
        return f"{self.name}:{line}" if line else self.name

    def fail(self, value: Any, message: str) -> None:
        self.findings.error(self.at(value), message)

    def event_days(self, root: Any, event: str | None) -> dict[str, Any]:
        if not isinstance(root, dict) or not isinstance(root.get("results"), dict):
            what = "has no 'results'" if isinstance(root, dict) else f"is {_kind(root)}"
            if isinstance(root, dict) and isinstance(root.get("results"), list):
                what = "lists events (an /export/event/ or /export/categ/ export)"
            self.fail(root, f"not an Indico timetable: the file {what}; expected the JSON of "
                      "/export/timetable/<event>.json (results -> event id -> days)")
            self.findings.fail_if_errors()
        results = root["results"]
        if event is None and len(results) == 1:
            event = next(iter(results))
        if event is None or event not in results:
            ids = ", ".join(results) or "none"
            why = (f"event '{event}' is not in it" if event is not None else
                   f"it holds {len(results)} events: choose one with --event" if results else
                   "it holds no event (wrong event id, or the timetable is not public)")
            self.fail(results, f"{why} (events: {ids})")
            self.findings.fail_if_errors()
        self.event_id = str(event)
        days = results[event]
        if not isinstance(days, dict):
            self.fail(results, f"the timetable of event {event} must be an object of days, "
                      f"not {_kind(days)}")
        elif not any(isinstance(d, dict) and d for d in days.values()):
            self.fail(days, f"the timetable of event {event} is empty (is it published?)")
        self.findings.fail_if_errors()
        return days

    def entries(self, days: dict[str, Any]) -> list[TimetableEntry]:
        found: dict[str, TimetableEntry] = {}
        for day, entries in days.items():
            if not DAY_KEY.fullmatch(day):
                self.fail(days, f"day '{day}' is not a date YYYYMMDD")
            if not isinstance(entries, dict):
                self.fail(days, f"day {day} must be an object of entries, not {_kind(entries)}")
                continue
            for key, value in entries.items():
                entry = self.entry(key, value, nested=False)
                # A session block running past midnight is listed on both days.
                if entry is not None and key not in found:
                    found[key] = entry
        return sorted(found.values(), key=lambda e: (e.start, e.type != TimetableEntryType.SESSION, e.key))

    def entry(self, key: str, value: Any, nested: bool) -> TimetableEntry | None:
        if not isinstance(value, dict):
            self.fail(value, f"entry '{key}' must be an object, not {_kind(value)}")
            return None
        kind = self.entry_type(key, value)
        start = self.moment(value, "startDate", key)
        end = self.moment(value, "endDate", key)
        title = clean(value.get("title")) if _is_text(value.get("title")) else ""
        if kind is None:
            return None
        if not title:
            if kind is TimetableEntryType.BREAK:
                title = "Break"
            else:
                self.fail(value, f"{kind.value.lower()} '{key}' has no title")
        if kind is TimetableEntryType.SESSION and nested:
            self.fail(value, f"session '{key}' is inside another session")
            return None
        people = self.people(value, kind, key) if kind in PEOPLE_KEY else ()
        children = self.children(value, key) if kind is TimetableEntryType.SESSION else ()
        if start is None or end is None or not title:
            return None
        if end <= start:
            verb = "ends when" if end == start else "ends before"
            self.fail(value, f"entry '{key}' {verb} it starts ({start:%Y-%m-%d %H:%M} -> "
                      f"{end:%Y-%m-%d %H:%M})")
            return None
        slot = value.get("slotTitle")
        room = value.get("room")
        return TimetableEntry(key, kind, title, start, end, self.at(value), people,
                     clean(slot) if _is_text(slot) else "", clean(room) if _is_text(room) else "",
                     tuple(sorted(children, key=lambda e: (e.start, e.key))))

    def entry_type(self, key: str, value: dict[str, Any]) -> TimetableEntryType | None:
        raw = value.get("entryType")
        if raw is None and value.get("_type") in LEGACY_TYPES:
            return LEGACY_TYPES[value["_type"]]
        try:
            return TimetableEntryType(raw)
        except ValueError:
            choices = ", ".join(t.value for t in TimetableEntryType)
            said = "has no entryType" if raw is None else f"has entryType '{clean(raw)}'"
            self.fail(value, f"entry '{key}' {said}; expected one of: {choices}")
            return None

    def moment(self, value: dict[str, Any], field: str, key: str) -> datetime | None:
        stamp = value.get(field)
        if not isinstance(stamp, dict):
            said = "has no" if stamp is None else "has a malformed"
            self.fail(value, f"entry '{key}' {said} {field} ({{date, time, tz}})")
            return None
        day, clock, zone = stamp.get("date"), stamp.get("time"), stamp.get("tz")
        problems = []
        parsed_day = _day(day)
        parsed_time = _time(clock)
        if parsed_day is None:
            problems.append(f"date '{day}' is not YYYY-MM-DD")
        if parsed_time is None:
            problems.append(f"time '{clock}' is not HH:MM:SS")
        source = _zone(zone)
        if source is None:
            problems.append(f"tz '{zone}' is not a time zone")
        if problems:
            self.fail(stamp, f"{field} of entry '{key}': {'; '.join(problems)}")
            return None
        if self.zone is None:  # the event's zone: the one the export was made in
            self.zone, self.zone_name = source, str(zone)
        local = datetime.combine(parsed_day, parsed_time, tzinfo=source)  # type: ignore[arg-type]
        return local.astimezone(self.zone)

    def people(self, value: dict[str, Any], kind: TimetableEntryType, key: str) -> tuple[Person, ...]:
        field = PEOPLE_KEY[kind]
        listed = value.get(field)
        if listed is None:
            return ()
        if not isinstance(listed, list):
            self.fail(value, f"{field} of entry '{key}' must be a list, not {_kind(listed)}")
            return ()
        people = []
        for person in listed:
            if not isinstance(person, dict):
                self.fail(value, f"a person in {field} of entry '{key}' is {_kind(person)}")
                continue
            first, family, affiliation, full = (
                clean(person.get(k)) if _is_text(person.get(k)) else ""
                for k in ("firstName", "familyName", "affiliation", "name")
            )
            if not (first or family):
                family = full
            if not family and not first:
                self.findings.warning(self.at(person),
                                      f"a person in {field} of entry '{key}' has no name: left out")
                continue
            people.append(Person(first, family, affiliation))
        return tuple(people)

    def children(self, value: dict[str, Any], key: str) -> list[TimetableEntry]:
        nested = value.get("entries")
        if nested is None:
            return []
        if not isinstance(nested, dict):
            self.fail(value, f"entries of session '{key}' must be an object, not {_kind(nested)}")
            return []
        found = (self.entry(k, v, nested=True) for k, v in nested.items())
        return [e for e in found if e is not None]


def _is_text(value: Any) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    return f"the value {value!r}"


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def _time(value: Any) -> time | None:
    match = TIME.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return None
    return time(int(match[1]), int(match[2]), int(match[3] or 0))


def _zone(value: Any) -> ZoneInfo | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return ZoneInfo(value)
    except (KeyError, ValueError, OSError):
        return None
