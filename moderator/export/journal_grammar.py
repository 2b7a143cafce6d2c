"""The small grammar of the OSCE journals: how a name, its documents, a time, a date, a title
and a decision are written. The words that change with the body and the year (its name, the
place, the chair's remark, the alignment categories) are the meeting's data, not here.

Shared by the journal (`journal.py`) and the summary's wording (`wording.py`): it imports
neither, so neither imports the other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from moderator.core.model import InterventionKind
from moderator.export.summary import DecisionLine

ORGANIZATION = "Organization for Security and Co-operation in Europe"
SUBJECTS = "Subjects discussed \u2013 Statements \u2013 Decisions/documents adopted:"
ORIGINAL = "English"  # the journals' original language unless the agenda says otherwise
TO_BE_ANNOUNCED = "To be announced"
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
# A comma outside parentheses: "Legal expert, UN CTED" (not "EU (with A, B and C ...)").
_PARENTHESES = re.compile(r"\([^()]*\)")


def long_date(day: date, *, weekday: bool = True) -> str:
    """"Thursday, 17 May 2012" (English whatever the machine's locale)."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{DAYS[day.weekday()]}, {text}" if weekday else text


def journal_time(moment: datetime) -> str:
    """"10.05 a.m.", "3 p.m.", "12 noon", "12 midnight"."""
    hour, minute = moment.hour, moment.minute
    if minute == 0 and hour in (0, 12):
        return "12 noon" if hour == 12 else "12 midnight"
    suffix = "a.m." if hour < 12 else "p.m."
    shown = hour % 12 or 12
    return f"{shown}.{minute:02d} {suffix}" if minute else f"{shown} {suffix}"


def adjourned_line(at: datetime, until: datetime) -> str:
    """"The meeting adjourned at 6.02 p.m. on Thursday, 10 December 2026, until Friday,
    11 December 2026, 9.30 a.m." (both moments local)."""
    line = (f"The meeting adjourned at {journal_time(at)} on {long_date(at.date())}, "
            f"until {long_date(until.date())}, {journal_time(until)}")
    return line if line.endswith(".") else line + "."  # "9.30 a.m." ends it


def capitals(text: str) -> str:
    """A title in capitals as the journals print it, ordinals kept: "912th PLENARY MEETING"."""
    return re.sub(r"(\d)(ST|ND|RD|TH)\b", lambda m: m.group(1) + m.group(2).lower(), text.upper())


def meeting_title(meeting: str, plenary: str = "") -> str:
    """Only the meeting's name in capitals: "SPECIAL MEETING OF THE PERMANENT COUNCIL (1315th
    Plenary Meeting)"; "912th PLENARY MEETING OF THE COUNCIL"."""
    return f"{capitals(meeting)} ({plenary})" if plenary else capitals(meeting)


def date_line(day: date, place: str = "") -> str:
    """"Date: Thursday, 16 July 2020 (in the Neuer Saal and via video teleconferencing)"."""
    return f"Date: {long_date(day)}" + (f" ({place})" if place else "")


def with_documents(name: str, documents: Sequence[str]) -> str:
    """Each document in its own brackets: "Ukraine (FSC.DEL/25/21) (FSC.DEL/25/21/Add.1)"."""
    return "".join((name, *(f" ({d})" for d in documents)))


def speaker(name: str, kind: InterventionKind, documents: Sequence[str] = ()) -> str:
    """A speaker as a speakers' paragraph lists them: "Point of order: Russian Federation
    (Annex 4)", "Russian Federation (right of reply)", "Turkey (Annex 1) (Annex 2)"."""
    if kind is InterventionKind.RIGHT_OF_REPLY:
        name = f"{name} ({kind.label.lower()})"
    name = with_documents(name, documents)
    if kind is InterventionKind.POINT_OF_ORDER:
        name = f"{kind.label}: {name}"
    return name


def join_speakers(names: Sequence[str]) -> str:
    """Names joined by commas, or by semicolons when a name holds a comma of its own
    ("Legal expert, UN CTED; Counter-terrorism analyst, Europol"), so each reads apart."""
    own_comma = any("," in _PARENTHESES.sub("", name) for name in names)
    return ("; " if own_comma else ", ").join(names)


def decision_sentence(decision: DecisionLine, body: str, *, appended: bool = True) -> str:
    """"The Permanent Council adopted Decision No. 1041 (PC.DEC/1041) on ..., the text of
    which is appended to this journal." (without `appended`, the sentence ends after "on ...")."""
    what = f"Decision No. {decision.number}" if decision.number else "a decision"
    if decision.symbol:
        what += f" ({decision.symbol})"
    if decision.text:
        what += f" {decision.text.strip().rstrip('.')}"
    ending = ", the text of which is appended to this journal." if appended else "."
    return f"The {body} adopted {what}{ending}"


def statements_line(decision: DecisionLine) -> str:
    """"Russian Federation (interpretative statement, see attachment to the decision)";
    attachments numbered when there are several."""
    several = len(decision.statements) > 1
    return ", ".join(
        f"{s.speaker} (interpretative statement, see attachment{f' {n}' if several else ''} "
        "to the decision)"
        for n, s in enumerate(decision.statements, start=1)
    )


def next_meeting_line(day: date, moment: datetime, venue: str = "") -> str:
    """"Friday, 11 December 2026, at 9.30 a.m., Hofburg, Vienna"."""
    return f"{long_date(day)}, at {journal_time(moment)}" + (f", {venue}" if venue else "")
