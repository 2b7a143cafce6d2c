"""The files of `moderator new`: an agenda skeleton and a roster (the OSCE's, or none)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

from moderator.core import load_roster
from moderator.core.model import (
    Agenda,
    Category,
    Defaults,
    EventInfo,
    Item,
    ItemKind,
    Roster,
    ScheduledSpeaker,
    Session,
    Speaker,
)
from moderator.importing.text import slug
from moderator.importing.yamltext import CATEGORY_HEADINGS, agenda_text, roster_text

BUNDLED_ROSTER = Path(__file__).resolve().parent.parent / "data" / "speakers.yaml"
OSCE_CATEGORIES = (Category.PARTICIPATING_STATE, Category.PARTNER, Category.OSCE)
ROSTERS = ("osce", "empty")
DEFAULT_TIMEZONE = "Europe/Vienna"
MODERATOR, RAPPORTEUR = "moderator", "rapporteur"


@dataclass(frozen=True, slots=True)
class NewMeeting:
    """What `moderator new` asks for."""

    title: str
    dates: tuple[date, ...]
    venue: str = ""
    timezone: str = DEFAULT_TIMEZONE
    roster: str = "osce"


def osce_roster() -> Roster:
    """The delegations of every OSCE meeting, as bundled: the participating States, the Partners
    for Co-operation, the institutions and executive structures, and the European Union."""
    bundled = load_roster(BUNDLED_ROSTER)
    kept = {
        ref: d
        for ref, d in bundled.delegations.items()
        if d.category in OSCE_CATEGORIES or ref == "EU"
    }
    return Roster(kept, {})


def skeleton_roster(kind: str) -> Roster:
    """The roster of a new meeting: OSCE or empty, and the two officials to be named."""
    base = osce_roster() if kind == "osce" else Roster({}, {})
    speakers = {
        MODERATOR: Speaker(MODERATOR, "Moderator (to be named)"),
        RAPPORTEUR: Speaker(RAPPORTEUR, "Rapporteur (to be named)"),
    }
    return Roster(dict(base.delegations), speakers)


def skeleton_agenda(meeting: NewMeeting, event_id: str) -> Agenda:
    """An opening, one working session per day, a closing, on the given dates."""
    first, last = meeting.dates[0], meeting.dates[-1]
    roles = {"moderator": MODERATOR, "rapporteur": RAPPORTEUR}
    sessions = [
        Session("opening", "Opening session", first, time(9, 30), time(10, 0), **roles, items=(
            Item("opening-welcome", "Welcoming remarks", ItemKind.ADDRESS, 15,
                 (ScheduledSpeaker(MODERATOR, 600),)),
            Item("opening-programme", "Aims and programme of the meeting", ItemKind.ADDRESS, 15),
        )),
    ]
    for n, day in enumerate(meeting.dates, start=1):
        start = time(10, 0) if day == first else time(9, 30)
        sessions.append(Session(f"session-{n}", f"Session {n}", day, start, time(12, 30),
                                **roles, items=(
            Item(f"session-{n}-panel", f"Session {n}: panel", ItemKind.PANEL, 60),
            Item(f"session-{n}-break", "Coffee break", ItemKind.BREAK, 30),
            Item(f"session-{n}-discussion", f"Session {n}: discussion", ItemKind.DISCUSSION, 60),
        )))
    sessions.append(Session("closing", "Closing session", last, time(12, 30), time(13, 0),
                            **roles, items=(
        Item("closing-conclusions", "Conclusions and recommendations", ItemKind.DISCUSSION, 20),
        Item("closing-remarks", "Closing remarks", ItemKind.ADDRESS, 10,
             (ScheduledSpeaker(MODERATOR, 480),)),
    )))
    event = EventInfo(event_id, meeting.title, venue=meeting.venue, dates=meeting.dates,
                      timezone=meeting.timezone)
    return Agenda(event, Defaults(), tuple(sessions))


AGENDA_HEADER = (
    "The agenda of {title}.",
    "A skeleton from `moderator new`: an opening, one session per day and a closing. Rename,",
    "retime and add items as the programme settles, or replace it from Indico's timetable with",
    "`moderator import indico TIMETABLE.json --force`. Times are local to event.timezone.",
    "Every field is described in docs/FORMAT.md; `moderator validate` checks the file.",
)
ROSTER_HEADER = {
    "osce": (
        "The roster of {title}: who can request the floor.",
        "The OSCE's participating States (ids are ISO 3166-1 codes, always quoted, so Norway's",
        '"NO" is never read as false), the Partners for Co-operation, the OSCE institutions and',
        "executive structures and the European Union; EU member States carry `group: EU`.",
        "Add your speakers below, or merge the registration list with",
        "`moderator import participants REGISTRATIONS.xlsx --force`.",
    ),
    "empty": (
        "The roster of {title}: who can request the floor.",
        "Add the delegations (id, name, category) and the speakers, or merge the registration",
        "list with `moderator import participants REGISTRATIONS.xlsx --force`.",
    ),
}


@dataclass(frozen=True, slots=True)
class NewFiles:
    agenda: Agenda
    roster: Roster
    agenda_text: str
    roster_text: str


def skeleton_files(meeting: NewMeeting, folder_name: str) -> NewFiles:
    """The agenda and roster of a new meeting, and their text."""
    event_id = slug(meeting.title, slug(folder_name, "meeting"), limit=60)
    agenda = skeleton_agenda(meeting, event_id)
    roster = skeleton_roster(meeting.roster)
    notes = {MODERATOR: ["Placeholders: replace the names once the officials are known."]}
    title = meeting.title
    return NewFiles(
        agenda,
        roster,
        agenda_text(agenda, [line.format(title=title) for line in AGENDA_HEADER]),
        roster_text(roster, [line.format(title=title) for line in ROSTER_HEADER[meeting.roster]],
                    notes),
    )


def roster_summary(roster: Roster) -> str:
    """"57 participating States, 11 Partners for Co-operation, ...; 2 speakers"."""
    counts = []
    for category in Category:
        n = sum(1 for d in roster.delegations.values() if d.category is category)
        if n:
            counts.append(f"{n} {CATEGORY_HEADINGS[category]}" if n != 1
                          else f"1 {SINGULAR[category]}")
    delegations = ", ".join(counts) or "no delegations"
    n = len(roster.speakers)
    return f"{delegations}; {n} speaker{'s' * (n != 1)}"


SINGULAR = {
    Category.PARTICIPATING_STATE: "participating State",
    Category.PARTNER: "Partner for Co-operation",
    Category.OSCE: "OSCE institution or executive structure",
    Category.INTERNATIONAL_ORGANISATION: "international organisation",
    Category.CIVIL_SOCIETY: "civil society organisation",
    Category.PRIVATE_SECTOR: "private sector organisation",
}
