"""The meeting's journal in the layout of the OSCE Council journals, as plain paragraphs.

PC.JOUR/912, its date, the Organization and the body, the chairmanship, the meeting's title,
then the numbered header (1. the date and place with the opened, suspended, resumed and closed
times; 2. the chairpersons and the chair's remark; 3. subjects discussed, statements and
decisions, item by item; 4. the next meeting). The words come from `journal_grammar.py` and
the meeting's `event.journal`; the renderers (`journal_render.py`, `pdf.py`) only lay these
paragraphs out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from moderator.core.clock import local
from moderator.core.model import InterventionKind
from moderator.core.speaker_names import CHAIRPERSON
from moderator.export import journal_grammar as grammar
from moderator.export.summary import DecisionLine, InterventionLine, ItemReport, Summary

# Between two sessions the sitting counts as suspended from this long (or overnight) on.
SESSION_GAP = timedelta(minutes=15)


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
    CHAIRPERSON = "chairperson"  # a second chairperson, under the first one's name
    AGENDA_ITEM = "agenda-item"  # "Agenda item 1:" label, the title in capitals
    SUBITEM = "subitem"  # "(a)" label (or none), the title, a colon and the speakers
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
    items = [i for s in summary.sessions for i in s.items if _recorded(i)]
    days = _days_held(summary) or list(c.dates[:1])
    meeting = info.meeting or c.title
    out = [Paragraph(Style.SYMBOL, info.symbol)] if info.symbol else []
    if days:
        out.append(Paragraph(Style.ISSUED, grammar.long_date(days[0], weekday=False)))
    out.append(Paragraph(Style.ORIGINAL, (info.original or grammar.ORIGINAL).upper(), "Original:"))
    out.append(Paragraph(Style.ORGANIZATION, grammar.ORGANIZATION))
    if info.body and info.body.casefold() != meeting.casefold():
        out.append(Paragraph(Style.BODY, info.body))
    if info.chairmanship:
        out.append(Paragraph(Style.CHAIRMANSHIP, info.chairmanship, "Chairmanship:"))
    out.append(Paragraph(Style.TITLE, grammar.meeting_title(meeting, info.plenary)))
    if days:
        out.append(Paragraph(Style.NUMBERED, grammar.date_line(days[0], info.place), "1."))
    out += [Paragraph(Style.TIME, text, label) for label, text in _times(summary, tz)]
    out += [Paragraph(Style.TEXT, text) for text in _adjournments(summary, tz)]
    first, *others = _chairpersons(summary)
    out.append(Paragraph(Style.NUMBERED, f"Chairperson: {first}", "2."))
    out += [Paragraph(Style.CHAIRPERSON, name) for name in others]
    if info.remark:
        out.append(Paragraph(Style.TEXT, info.remark))
    out.append(Paragraph(Style.NUMBERED, grammar.SUBJECTS, "3."))
    out += _subjects(items, info.body or "meeting")
    out.append(Paragraph(Style.NUMBERED, "Next meeting:", "4."))
    out.append(Paragraph(Style.TEXT, info.next_meeting or _next_meeting(summary, days)))
    return Journal(grammar.meeting_title(meeting, info.plenary), tuple(out))


def _recorded(item: ItemReport) -> bool:
    """Held (started, spoken on or decided), or discussed under another item."""
    return item.kind != "break" and (item.started_at is not None or bool(item.interventions)
                                     or bool(item.decisions) or item.discussed_under is not None)


def _days_held(summary: Summary) -> list[date]:
    tz = summary.cover.timezone
    moments = [i.started_at for s in summary.sessions for i in s.items if i.started_at]
    return sorted({local(m, tz).date() for m in moments})


def _numbers(items: list[ItemReport]) -> dict[str, int]:
    """The number of each agenda item printed (a sub-item's is its agenda item's)."""
    numbers: dict[str, int] = {}
    for item in items:
        head = item.parent or item.id
        if head not in numbers:
            numbers[head] = len(set(numbers.values())) + 1
        numbers[item.id] = numbers[head]
    return numbers


def _subjects(items: list[ItemReport], body: str) -> list[Paragraph]:
    out: list[Paragraph] = []
    numbers = _numbers(items)
    headings = {i.parent for i in items if i.parent}
    printed: set[int] = set()
    for item in items:
        number = numbers[item.id]
        if number not in printed:
            printed.add(number)
            title = item.parent_title if item.parent else item.title
            out.append(Paragraph(Style.AGENDA_ITEM, grammar.capitals(title), f"Agenda item {number}:"))
        before, after = _speaker_paragraphs(item)
        if item.discussed_under is not None:
            under = numbers.get(item.discussed_under)
            before.insert(0, f"Discussion under agenda item {under}" if under else
                          "Discussed under another agenda item")
        if item.parent is not None:
            head = f"{item.title}: {before[0]}" if before else item.title
            out.append(Paragraph(Style.SUBITEM, head, f"({item.letter})" if item.letter else ""))
            before = before[1:]
        elif not before and not item.decisions and item.id not in headings:
            before = ["None"]
        out += [Paragraph(Style.SPEAKERS, text) for text in before]
        if item.documents:
            out.append(Paragraph(Style.SPEAKERS, f"Documents: {', '.join(item.documents)}"))
        for decision in item.decisions:
            out.append(Paragraph(Style.DECISION, grammar.decision_sentence(decision, body), "Decision:"))
            if decision.statements:
                out.append(Paragraph(Style.STATEMENTS, grammar.statements_line(decision)))
        out += [Paragraph(Style.SPEAKERS, text) for text in after]
    return out


def _speaker_paragraphs(item: ItemReport) -> tuple[list[str], list[str]]:
    """The speakers before the item's first decision and after it, each a list of paragraphs:
    a point of order begins its own paragraph; a delegation that took the floor after a
    decision only for its interpretative statement is printed in the statement's line."""
    statements = _statement_interventions(item.interventions, item.decisions)
    adopted = min((d.adopted_at for d in item.decisions), default=None)
    before = [x for x in item.interventions if adopted is None or x.started_at < adopted]
    after = [x for x in item.interventions
             if adopted is not None and x.started_at >= adopted and x.id not in statements]
    return speakers_paragraphs(before), speakers_paragraphs(after)


def _statement_interventions(interventions: tuple[InterventionLine, ...],
                             decisions: tuple[DecisionLine, ...]) -> set[str]:
    taken: set[str] = set()
    for decision in decisions:
        for statement in decision.statements:
            for x in interventions:
                if (x.id not in taken and x.who == statement.who
                        and x.started_at >= decision.adopted_at):
                    taken.add(x.id)
                    break
    return taken


def speakers_paragraphs(interventions: list[InterventionLine]) -> list[str]:
    """"Chairperson, United States of America (PC.DEL/447/12)", then "Point of order: Russian
    Federation (Annex 4), Chairperson": every intervention in order, a speaker twice if they
    spoke twice, a point of order at the head of a new paragraph."""
    groups: list[list[str]] = [[]]
    for x in interventions:
        if x.kind is InterventionKind.POINT_OF_ORDER and groups[-1]:
            groups.append([])
        groups[-1].append(grammar.speaker(x.name, x.kind, x.documents))
    return [grammar.join_speakers(g) for g in groups if g]


def _chairpersons(summary: Summary) -> list[str]:
    if summary.cover.journal.chairpersons:
        return list(summary.cover.journal.chairpersons)
    names = list(dict.fromkeys(s.moderator for s in summary.sessions if s.moderator))
    return names or [CHAIRPERSON]


def _next_meeting(summary: Summary, days: list[date]) -> str:
    """The agenda's first item on a day after the last one held, else "To be announced"."""
    tz = summary.cover.timezone
    last = days[-1] if days else None
    for row in sorted((r for r in summary.annex if r.planned_start and r.kind != "break"),
                      key=lambda r: r.planned_start):
        start = local(row.planned_start, tz)
        if last is None or start.date() > last:
            return grammar.next_meeting_line(start.date(), start, summary.cover.venue)
    return grammar.TO_BE_ANNOUNCED


def _times(summary: Summary, tz: str) -> list[tuple[str, str]]:
    """Opened, every suspension and resumption (the nights and the gaps between sessions
    included), and closed; a time on another day than the one before it names its day:
    "Resumed: 11.30 a.m. (Friday, 17 July 2020)"."""
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
    out, day = [], local(marks[0][1], tz).date()
    for label, moment in marks:
        shown = local(moment, tz)
        text = grammar.journal_time(shown)
        if shown.date() != day:
            text = f"{text} ({grammar.long_date(shown.date())})"
        day = shown.date()
        out.append((label, text))
    return out


def _adjournments(summary: Summary, tz: str) -> list[str]:
    """Each adjournment at the end of a day, in the order they happened, in the journal's words."""
    return [grammar.adjourned_line(local(x.adjourned_at, tz), local(x.until, tz))
            for x in sorted((x for s in summary.sessions for x in s.adjournments),
                            key=lambda x: x.adjourned_at)]
