"""`moderator import indico`: read the timetable, build the agenda, add the people, write."""

from __future__ import annotations

from pathlib import Path

from moderator.core import InvalidFiles, load_agenda
from moderator.core.model import Agenda, Defaults, EventInfo
from moderator.importing.indico import read_timetable
from moderator.importing.outputs import Output, Report, write_meeting
from moderator.importing.people import Enrolment
from moderator.importing.programme import build_programme
from moderator.importing.roster_file import open_roster, roster_with
from moderator.importing.text import slug
from moderator.importing.yamltext import agenda_text


def import_indico(timetable_path: Path, agenda_path: Path, roster_path: Path, *,
                  event: str | None = None, title: str | None = None,
                  timezone: str | None = None, force: bool = False) -> Report:
    """Write the agenda of the timetable in `timetable_path`; raises `ImportFailed`."""
    previous = _previous_agenda(agenda_path)
    zone = timezone or (previous.event.timezone if previous else None)
    timetable = read_timetable(timetable_path, event, zone)
    roster_file = open_roster(roster_path)
    enrolment = Enrolment(roster_file.roster)
    base = previous.event if previous else EventInfo(
        slug(f"indico-{timetable.event_id}", "indico-event"),
        f"Indico event {timetable.event_id}",
    )
    if title:
        base = EventInfo(base.id if previous else slug(title, base.id), " ".join(title.split()),
                         base.kind, base.venue, base.organizer, base.source, base.fields)
    defaults = previous.defaults if previous else Defaults()
    programme = build_programme(timetable, enrolment, base, defaults)
    source = f"Indico's timetable of event {timetable.event_id} ({timetable_path.name})"
    header = [
        f"The agenda of {programme.agenda.event.title},",
        f"from {source}, by `moderator import indico`.",
        f"Times are local to event.timezone ({timetable.timezone}). Each item lasts until the",
        "next one starts, so its planned start is Indico's; the comments keep Indico's times.",
        "Item kinds are guessed from the titles: check them.",
    ]
    agenda = Output(agenda_path, agenda_text(programme.agenda, header, programme.comments))
    added = list(enrolment.added.values())
    roster_out = None
    current = Output(roster_path, roster_file.text or "")
    if added or not roster_file.exists:
        text = roster_with(roster_file, added, f"Added from {source}.", enrolment.notes())
        roster_out = Output(roster_path, text)
    warnings = write_meeting(agenda, roster_out, current, force)
    written = str(agenda_path) + (f" and {roster_path}" if roster_out else "")
    lines = [f"Wrote {written}: {programme.summary()}."]
    lines += enrolment.by_country_lines()
    return Report(lines, programme.findings.warnings + warnings)


def _previous_agenda(path: Path) -> Agenda | None:
    """The agenda being replaced, when it can be read: its event details are kept."""
    if not path.is_file():
        return None
    try:
        return load_agenda(path)
    except InvalidFiles:
        return None

