"""An Indico timetable as the meeting's agenda: sessions, items, breaks and their people.

Session blocks become sessions (their first convener the moderator); contributions become
items, their presenters the scheduled speakers; breaks become breaks. Entries outside any
session that follow one another on a day make one session of their own. Each item lasts
until the next one starts, so every planned start on the agenda is Indico's; the original
times are kept as comments. Parallel sessions stay separate sessions, marked as parallel.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from moderator.core.model import (
    Agenda,
    Defaults,
    EventInfo,
    Item,
    ItemKind,
    ScheduledSpeaker,
    Session,
)
from moderator.importing.indico import Person, Timetable, TimetableEntry, TimetableEntryType
from moderator.importing.people import Enrolment
from moderator.importing.problems import Findings
from moderator.importing.text import slug, unique

# Title words that say what kind of item a contribution is; the first that matches wins.
KIND_WORDS = (
    (ItemKind.PANEL, ("panel",)),
    (ItemKind.DISCUSSION, ("discussion", "debate", "dialogue", "round table", "roundtable",
                           "exchange of views")),
    (ItemKind.Q_AND_A, ("q&a", "q & a", "questions and answers", "questions")),
    (ItemKind.ADDRESS, ("opening", "welcom", "keynote", "remarks", "address", "closing",
                        "statement")),
)
SPOKEN = (ItemKind.ADDRESS, ItemKind.PANEL)  # items whose time is the speakers'


@dataclass
class Programme:
    agenda: Agenda
    comments: dict[str, list[str]]
    enrolment: Enrolment
    findings: Findings
    people: set[str] = field(default_factory=set)  # roster ids of everyone on the agenda
    parallel: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        sessions = len(self.agenda.sessions)
        items = [i for _, i in self.agenda.items()]
        breaks = sum(1 for i in items if i.kind is ItemKind.BREAK)
        new = len(self.enrolment.added)
        parts = [
            f"{sessions} session{'s' * (sessions != 1)}",
            f"{len(items) - breaks} item{'s' * (len(items) - breaks != 1)}",
            f"{breaks} break{'s' * (breaks != 1)}",
            f"{len(self.people)} speaker{'s' * (len(self.people) != 1)} ({new} new in the roster)",
        ]
        text = ", ".join(parts)
        if self.parallel:
            pairs = ", ".join(f"{a} / {b}" for a, b in self.parallel)
            text += f"; parallel: {pairs}"
        return text + self.enrolment.unmatched_summary("affiliation")


def build_programme(timetable: Timetable, enrolment: Enrolment, event: EventInfo,
                    defaults: Defaults) -> Programme:
    """The agenda of `timetable` for `event` (its id, title, venue...; dates and zone replaced)."""
    builder = _Builder(timetable, enrolment)
    sessions = builder.sessions()
    dates = tuple(sorted({s.date for s in sessions}))
    info = EventInfo(event.id, event.title, event.kind, event.venue, event.organizer,
                     event.source, event.fields, dates, timetable.timezone)
    programme = Programme(Agenda(info, defaults, tuple(sessions)), builder.comments, enrolment,
                          builder.findings, builder.people)
    _mark_parallel(programme)
    return programme


class _Builder:
    def __init__(self, timetable: Timetable, enrolment: Enrolment) -> None:
        self.timetable = timetable
        self.enrolment = enrolment
        self.findings = Findings()
        self.comments: dict[str, list[str]] = {}
        self.people: set[str] = set()
        self.session_ids: set[str] = set()
        self.item_ids: set[str] = set()

    def sessions(self) -> list[Session]:
        sessions: list[Session] = []
        run: list[TimetableEntry] = []  # entries outside sessions, one after another on one day
        for entry in self.timetable.entries:
            if run and (entry.type is TimetableEntryType.SESSION or entry.start.date() != run[0].start.date()):
                sessions.append(self.plenary(run))
                run = []
            if entry.type is TimetableEntryType.SESSION:
                sessions.append(self.session(entry))
            else:
                run.append(entry)
        if run:
            sessions.append(self.plenary(run))
        return sessions

    def session(self, block: TimetableEntry) -> Session:
        title = block.title
        if block.slot_title and block.slot_title != block.title:
            title = f"{block.title}: {block.slot_title}"
        session_id = unique(slug(title, "session"), self.session_ids)
        conveners = [self.enrol(p, block.place) for p in block.people]
        notes = [f"Indico {block.key}: {_span(block)}" + (f", {block.room}" if block.room else "")]
        if len(block.people) > 1:
            notes.append("Also convened by: " + ", ".join(p.name for p in block.people[1:]))
        self.comments[session_id] = notes
        return self.make_session(session_id, title, block, list(block.children),
                                 conveners[0] if conveners else None)

    def plenary(self, run: list[TimetableEntry]) -> Session:
        first = run[0]
        day = first.start.date()
        title = first.title if len(run) == 1 else f"Plenary ({day.day} {day:%B})"
        session_id = unique(slug(title, "plenary"), self.session_ids)
        whole = TimetableEntry(first.key, TimetableEntryType.SESSION, title, first.start,
                      max(e.end for e in run), first.place)
        self.comments[session_id] = [f"Indico: {_span(whole)}, outside any session"]
        return self.make_session(session_id, title, whole, run, None)

    def make_session(self, session_id: str, title: str, span: TimetableEntry, entries: list[TimetableEntry],
                     moderator: str | None) -> Session:
        day, start = span.start.date(), _minute(span.start)
        end = _minute(span.end)
        if span.end.date() != day:
            self.findings.warning(span.place, f"'{title}' runs past midnight; it ends at 23:59 "
                                  "on the agenda")
            end = time(23, 59)
        if entries and entries[0].start > span.start:
            late = _minutes(entries[0].start - span.start)
            self.findings.warning(entries[0].place, f"the first item of '{title}' starts {late} "
                                  "min after the session: the agenda plans it from the start")
        items = tuple(self.item(entry, entries[n + 1] if n + 1 < len(entries) else None, title)
                      for n, entry in enumerate(entries))
        return Session(session_id, title, day, start, end, moderator, None, items)

    def item(self, entry: TimetableEntry, following: TimetableEntry | None, session: str) -> Item:
        item_id = unique(slug(entry.title, "item"), self.item_ids)
        until = following.start if following is not None else entry.end
        if following is not None and following.start < entry.end:
            self.findings.warning(following.place, f"'{following.title}' starts before "
                                  f"'{entry.title}' ends, in '{session}'")
        minutes = max(1, _minutes(until - entry.start))
        note = f"Indico {entry.key}: {_span(entry)}"
        if following is not None and following.start > entry.end:
            note += f" (then {_minutes(following.start - entry.end)} min free)"
        self.comments[item_id] = [note]
        if entry.type is TimetableEntryType.BREAK:
            return Item(item_id, entry.title, ItemKind.BREAK, minutes)
        refs = list(dict.fromkeys(self.enrol(p, entry.place) for p in entry.people))
        kind = _kind_of(entry.title, len(refs))
        seconds = max(1, minutes * 60 // len(refs)) if refs and kind in SPOKEN else None
        speakers = tuple(ScheduledSpeaker(ref, seconds) for ref in refs)
        return Item(item_id, entry.title, kind, minutes, speakers)

    def enrol(self, person: Person, place: str) -> str:
        ref = self.enrolment.enrol(person.name, place=place, affiliation=person.affiliation)
        self.people.add(ref)
        return ref


def _mark_parallel(programme: Programme) -> None:
    sessions = programme.agenda.sessions
    for n, later in enumerate(sessions):
        for earlier in sessions[:n]:
            if later.date == earlier.date and later.start < earlier.end and earlier.start < later.end:
                programme.parallel.append((earlier.id, later.id))
                for one, other in ((earlier, later), (later, earlier)):
                    programme.comments.setdefault(one.id, []).append(
                        f"Parallel to '{other.id}': run each in its own console (--db)")


def _kind_of(title: str, speakers: int) -> ItemKind:
    lowered = title.casefold()
    for kind, words in KIND_WORDS:
        if any(word in lowered for word in words):
            return kind
    return ItemKind.PANEL if speakers > 1 else ItemKind.ADDRESS


def _minutes(span: timedelta) -> int:
    return math.ceil(span.total_seconds() / 60 - 1e-9)


def _minute(moment: datetime) -> time:
    return moment.time().replace(second=0, microsecond=0)


def _span(entry: TimetableEntry) -> str:
    end = f"{entry.end:%H:%M}" if entry.end.date() == entry.start.date() else f"{entry.end:%Y-%m-%d %H:%M}"
    return f"{entry.start:%Y-%m-%d %H:%M}-{end}"

