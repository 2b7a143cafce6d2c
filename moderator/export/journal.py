"""The meeting's journal in the layout of the OSCE Council journals, as plain paragraphs.

PC.JOUR/912, its date, the Organization and the body, the chairmanship, the meeting's title,
then the numbered header (1. date with the opened, suspended, resumed and closed times;
2. the chairperson; 3. subjects discussed, statements and decisions, item by item with its
speakers as one comma-separated paragraph, documents after each name; 4. the next meeting).
The renderers (`journal_render.py`) only lay these paragraphs out for Word, Markdown and HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from moderator.core.model import InterventionKind
from moderator.core.speaker_names import CHAIRPERSON, join_names
from moderator.export.summary import DecisionLine, InterventionLine, ItemReport, Summary
from moderator.export.wording import local

ORGANIZATION = "Organization for Security and Co-operation in Europe"
SUBJECTS = "Subjects discussed \u2013 Statements \u2013 Decisions/documents adopted:"
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Between two sessions the sitting counts as suspended from this long (or overnight) on.
SESSION_GAP = timedelta(minutes=15)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


class Style(StrEnum):
    """What a paragraph is; each renderer lays each one out in the journal's way."""

    SYMBOL = "symbol"  # PC.JOUR/912, right-aligned at the top
    ISSUED = "issued"  # its date, right-aligned
    ORIGINAL = "original"  # Original: ENGLISH
    ORGANIZATION = "organization"  # centred, bold
    BODY = "body"  # the Permanent Council, centred
    CHAIRMANSHIP = "chairmanship"
    TITLE = "title"  # 912th PLENARY MEETING OF THE COUNCIL, centred, bold
    NUMBERED = "numbered"  # "1." label, then the text
    TIME = "time"  # "Opened:" label, then the time
    AGENDA_ITEM = "agenda-item"  # "Agenda item 1:" label, the title in capitals
    SUBITEM = "subitem"  # "(a)" label, the title, a colon and the speakers
    SPEAKERS = "speakers"  # one paragraph, names separated by commas
    DECISION = "decision"
    STATEMENTS = "statements"
    TEXT = "text"  # indented text under a numbered paragraph


@dataclass(frozen=True)
class Paragraph:
    style: Style
    text: str
    label: str = ""  # "1.", "Opened:", "Agenda item 1:", "(a)"

    @property
    def line(self) -> str:
        """The paragraph as one line of plain text (what every format shows)."""
        return f"{self.label} {self.text}" if self.label and self.text else self.label or self.text


@dataclass(frozen=True)
class Journal:
    title: str  # for the file's metadata
    paragraphs: tuple[Paragraph, ...]


def build_journal(summary: Summary) -> Journal:
    """The journal of the sessions in the summary (those that were held)."""
    c, info, tz = summary.cover, summary.cover.journal, summary.cover.timezone
    items = [i for s in summary.sessions for i in s.items if _held(i)]
    days = _days_held(summary) or list(c.dates[:1])
    out = [Paragraph(Style.SYMBOL, info.symbol or c.event_id)]
    if days:
        out.append(Paragraph(Style.ISSUED, long_date(days[0], weekday=False)))
    if info.original:
        out.append(Paragraph(Style.ORIGINAL, info.original.upper(), "Original:"))
    out.append(Paragraph(Style.ORGANIZATION, ORGANIZATION))
    out.append(Paragraph(Style.BODY, info.body or c.title))
    if info.chairmanship:
        out.append(Paragraph(Style.CHAIRMANSHIP, info.chairmanship, "Chairmanship:"))
    out.append(Paragraph(Style.TITLE, capitals(info.meeting or c.title)))
    out.append(Paragraph(Style.NUMBERED, "Date: " + join_names([long_date(d) for d in days]), "1."))
    out += [Paragraph(Style.TIME, text, label) for label, text in _times(summary, tz)]
    out += [Paragraph(Style.TEXT, text) for text in adjourned(summary, tz)]
    out.append(Paragraph(Style.NUMBERED, f"Chairperson: {_chairperson(summary)}", "2."))
    out.append(Paragraph(Style.NUMBERED, SUBJECTS, "3."))
    out += _subjects(items, info.body or "meeting")
    out.append(Paragraph(Style.NUMBERED, "Next meeting:", "4."))
    out.append(Paragraph(Style.TEXT, info.next_meeting or "To be announced"))
    return Journal(info.meeting or c.title, tuple(out))


def capitals(text: str) -> str:
    """A title in capitals as the journals print it, ordinals kept: "912th PLENARY MEETING"."""
    return re.sub(r"(\d)(ST|ND|RD|TH)\b", lambda m: m.group(1) + m.group(2).lower(), text.upper())


def _held(item: ItemReport) -> bool:
    return item.kind != "break" and (item.started_at is not None or bool(item.interventions)
                                     or bool(item.decisions))


def _days_held(summary: Summary) -> list[date]:
    tz = summary.cover.timezone
    moments = [i.started_at for s in summary.sessions for i in s.items if i.started_at]
    return sorted({local(m, tz).date() for m in moments})


def _subjects(items: list[ItemReport], body: str) -> list[Paragraph]:
    out: list[Paragraph] = []
    number, heading = 0, None
    for item in items:
        if item.parent is None or item.parent != heading:
            number += 1
            heading = item.parent
            title = item.parent_title if item.parent else item.title
            out.append(Paragraph(Style.AGENDA_ITEM, capitals(title), f"Agenda item {number}:"))
        speakers = speakers_line(item.interventions)
        if item.parent is not None:
            text = f"{item.title}: {speakers}" if speakers else item.title
            out.append(Paragraph(Style.SUBITEM, text, f"({item.letter})"))
        elif speakers:
            out.append(Paragraph(Style.SPEAKERS, speakers))
        elif not item.decisions:
            out.append(Paragraph(Style.SPEAKERS, "None"))
        if item.documents:
            out.append(Paragraph(Style.SPEAKERS, f"Documents: {', '.join(item.documents)}"))
        for decision in item.decisions:
            out.append(Paragraph(Style.DECISION, decision_sentence(decision, body), "Decision:"))
            if decision.statements:
                out.append(Paragraph(Style.STATEMENTS, statements_line(decision)))
    return out


def speakers_line(interventions: tuple[InterventionLine, ...]) -> str:
    """"Chairperson, United States of America (PC.DEL/447/12), Point of order: Russian
    Federation": every intervention in order, a speaker twice if they spoke twice."""
    return ", ".join(_speaker(x) for x in interventions)


def _speaker(x: InterventionLine) -> str:
    name = x.name
    if x.documents:
        name += f" ({', '.join(x.documents)})"
    if x.kind is InterventionKind.POINT_OF_ORDER:
        name = f"{InterventionKind.POINT_OF_ORDER.label}: {name}"
    return name


def decision_sentence(decision: DecisionLine, body: str) -> str:
    """"The Permanent Council adopted Decision No. 1041 (PC.DEC/1041) on ..., the text of
    which is appended to this journal." """
    what = f"Decision No. {decision.number}" if decision.number else "a decision"
    if decision.symbol:
        what += f" ({decision.symbol})"
    if decision.text:
        what += f" {decision.text.strip().rstrip('.')}"
    return f"The {body} adopted {what}, the text of which is appended to this journal."


def statements_line(decision: DecisionLine) -> str:
    """"Russian Federation (interpretative statement, see attachment to the decision)";
    attachments numbered when there are several."""
    several = len(decision.statements) > 1
    return ", ".join(
        f"{s.speaker} (interpretative statement, see attachment{f' {n}' if several else ''} "
        "to the decision)"
        for n, s in enumerate(decision.statements, start=1)
    )


def _chairperson(summary: Summary) -> str:
    if summary.cover.journal.chairperson:
        return summary.cover.journal.chairperson
    names = dict.fromkeys(s.moderator for s in summary.sessions if s.moderator)
    return "; ".join(names) or CHAIRPERSON


def _times(summary: Summary, tz: str) -> list[tuple[str, str]]:
    """Opened, every suspension and resumption (the nights and the gaps between sessions
    included), and closed, each time with its day when the day changes."""
    sessions = sorted((s for s in summary.sessions if s.actual_start is not None),
                      key=lambda s: s.actual_start)
    if not sessions:
        return []
    pauses = [(x.suspended_at, x.resumed_at) for s in sessions for x in s.suspensions]
    for before, after in zip(sessions, sessions[1:], strict=False):
        gap = (before.actual_end, after.actual_start)
        if gap[0] is None or gap[1] is None or gap[0] >= gap[1]:
            continue
        long = gap[1] - gap[0] >= SESSION_GAP or local(gap[0], tz).date() != local(gap[1], tz).date()
        if long and not any(
            p[0] < gap[1] and (p[1] is None or p[1] > gap[0]) for p in pauses
        ):
            pauses.append(gap)
    marks: list[tuple[str, datetime]] = [("Opened:", min(s.actual_start for s in sessions))]
    for start, end in sorted(pauses, key=lambda p: p[0]):
        marks.append(("Suspended:", start))
        if end is not None:
            marks.append(("Resumed:", end))
    last = sessions[-1]
    if last.actual_end is not None and not (pauses and max(p[0] for p in pauses) >= last.actual_end):
        marks.append(("Closed:", last.actual_end))
    first_day = local(marks[0][1], tz).date()
    several_days = any(local(m, tz).date() != first_day for _, m in marks)
    out, day = [], None
    for label, moment in marks:
        shown = local(moment, tz)
        text = journal_time(shown)
        if several_days and shown.date() != day:
            text = f"{long_date(shown.date())}, {text}"
        day = shown.date()
        out.append((label, text))
    return out


def adjourned(summary: Summary, tz: str) -> list[str]:
    """"The meeting adjourned at 6.02 p.m. on Thursday, 10 December 2026, until Friday,
    11 December 2026, 9.30 a.m.", for each adjournment at the end of a day."""
    lines = []
    for x in sorted((x for s in summary.sessions for x in s.adjournments),
                    key=lambda x: x.adjourned_at):
        at, until = local(x.adjourned_at, tz), local(x.until, tz)
        line = (f"The meeting adjourned at {journal_time(at)} on {long_date(at.date())}, "
                f"until {long_date(until.date())}, {journal_time(until)}")
        lines.append(line if line.endswith(".") else line + ".")  # "9.30 a.m." ends it
    return lines


def journal_time(moment: datetime) -> str:
    """"10.05 a.m.", "3 p.m.", "12 noon", "12 midnight"."""
    hour, minute = moment.hour, moment.minute
    if minute == 0 and hour in (0, 12):
        return "12 noon" if hour == 12 else "12 midnight"
    suffix = "a.m." if hour < 12 else "p.m."
    shown = hour % 12 or 12
    return f"{shown}.{minute:02d} {suffix}" if minute else f"{shown} {suffix}"


def long_date(day: date, *, weekday: bool = True) -> str:
    """"Thursday, 17 May 2012" (English whatever the machine's locale)."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{DAYS[day.weekday()]}, {text}" if weekday else text
