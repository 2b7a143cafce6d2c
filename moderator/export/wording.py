"""How every renderer words times, durations and marks, so the formats agree."""

from __future__ import annotations

from datetime import datetime

from moderator.core.clock import local
from moderator.export import note_text
from moderator.export.journal_grammar import decision_sentence, join_speakers, with_documents
from moderator.export.summary import (
    DecisionLine,
    InterventionLine,
    ItemReport,
    NoteLine,
    SessionReport,
    Summary,
    TaggedNote,
)

NOTHING = "\u2014"  # an em dash where there is no value


__all__ = ["local"]  # the renderers' one way to the event's time zone


def clock_time(moment: datetime | None, timezone: str) -> str:
    """"09:05" in the event's time zone, or a dash."""
    shown = local(moment, timezone)
    return f"{shown.hour:02d}:{shown.minute:02d}" if shown else NOTHING  # strftime("%H:%M")


def date_time(moment: datetime | None, timezone: str) -> str:
    shown = local(moment, timezone)
    return shown.strftime("%Y-%m-%d %H:%M") if shown else NOTHING


def clock_duration(seconds: float | int) -> str:
    """A duration as a clock shows it: "3:05", or "1:02:05" from an hour up."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def lateness(minutes: int | None) -> str:
    """"7 min late", "3 min early", "on time", or a dash when it never happened."""
    if minutes is None:
        return NOTHING
    if minutes > 0:
        return f"{minutes} min late"
    if minutes < 0:
        return f"{-minutes} min early"
    return "on time"


def percent(share: float) -> str:
    """"12.5 %", the sign never on a line of its own (a no-break space)."""
    return f"{share * 100:.1f}\u00a0%"


def minutes(value: float | int | None) -> str:
    return NOTHING if value is None else f"{value:g} min"


def speaking_line(x: InterventionLine) -> str:
    """"3:05 (over time 0:05)": the speaking time as the log states it."""
    text = clock_duration(x.speaking_seconds)
    if x.overtime_seconds:
        text += f" (over time {clock_duration(x.overtime_seconds)})"
    return text


def kind_label(x: InterventionLine) -> str:
    return x.kind.label


def span(start: datetime | None, end: datetime | None, timezone: str) -> str:
    """"09:05–10:50"; "from 09:05" while it is still open; a dash when it never began."""
    if start is None:
        return NOTHING
    if end is None:
        return f"from {clock_time(start, timezone)}"
    return f"{clock_time(start, timezone)}\u2013{clock_time(end, timezone)}"


def held(s: SessionReport, timezone: str) -> str:
    """When a session was held against its plan: "09:05–10:50 (start 5 min late, end on
    time)", "from 20:04, not closed yet (start 635 min late)", or "not held"."""
    if s.actual_start is None:
        return "not held"
    started = f"start {lateness(s.start_late_minutes)}"
    if s.actual_end is None:
        return f"{span(s.actual_start, None, timezone)}, not closed yet ({started})"
    return f"{span(s.actual_start, s.actual_end, timezone)} ({started}, end {lateness(s.end_late_minutes)})"


def made_by(note: TaggedNote) -> str:
    """Who made a recommendation or an action: the speaker the note is on ("" for a note on
    the item as a whole)."""
    return note.speaker or ""


def speaker_name(x: InterventionLine) -> str:
    """The journal name with the documents the delegation circulated, each in its brackets:
    "Ukraine (FSC.DEL/25/21) (FSC.DEL/25/21/Add.1)"."""
    return with_documents(x.name, x.documents)


def suspension_lines(s: SessionReport, timezone: str) -> list[str]:
    """"Suspended 13:05, resumed 15:10" for each suspension of the sitting in the session."""
    lines = []
    for x in s.suspensions:
        text = f"Suspended {clock_time(x.suspended_at, timezone)}"
        if x.resumed_at is not None:
            resumed = local(x.resumed_at, timezone)
            same_day = resumed.date() == local(x.suspended_at, timezone).date()
            text += f", resumed {clock_time(x.resumed_at, timezone) if same_day else date_time(x.resumed_at, timezone)}"
        lines.append(text)
    return lines


def decision_lines(decision: DecisionLine, summary: Summary) -> list[str]:
    """The decision worded for a summary (the journal appends its text; a summary does not),
    then who made an interpretative statement: "Interpretative statements: A, B"."""
    body = summary.cover.journal.body or "meeting"
    lines = [f"Decision: {decision_sentence(decision, body, appended=False)}"]
    if decision.statements:
        label = "Interpretative statement" + ("s" if len(decision.statements) > 1 else "")
        lines.append(f"{label}: {', '.join(s.speaker for s in decision.statements)}")
    return lines


def note(n: NoteLine) -> str:
    """A note as the summary prints it: "Recommendation: ...", its tags and #doc taken out."""
    return note_text.shown(n.text, n.tags)


def tagged(t: TaggedNote) -> str:
    """The passage of a note its tag marks (a sentence or a paragraph), without the tags."""
    return note_text.passage(t.text, t.tag)


def not_heard(item: ItemReport) -> list[str]:
    """The speakers the agenda named for a held item who did not take the floor on it."""
    if item.started_at is None:
        return []
    spoke = {x.who for x in item.interventions}
    return [p.name for p in item.panel if p.ref not in spoke]


def not_heard_line(item: ItemReport) -> str:
    """Those names joined so each reads apart ("Analyst, Europol; Officer, police")."""
    return join_speakers(not_heard(item))


def sessions(summary: Summary) -> list[tuple[SessionReport, list[ItemReport]]]:
    """The sessions the summary reports, each with its items: a break is neither."""
    out = []
    for s in summary.sessions:
        items = [i for i in s.items if i.kind != "break"]
        if items or not s.items:
            out.append((s, items))
    return out
