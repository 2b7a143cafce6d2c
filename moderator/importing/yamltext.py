"""The meeting files as YAML text, every value quoted, with comments for the secretariat.

Values are written as double-quoted scalars (JSON string syntax, which YAML reads the same),
so no name, title or id is ever read as a number, a boolean or a date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from json.encoder import encode_basestring

from moderator.core.model import (
    Agenda,
    Category,
    Defaults,
    Delegation,
    EventInfo,
    Item,
    Roster,
    Session,
    Speaker,
)

# A comment per session or item id, written above it.
Comments = Mapping[str, Sequence[str]]

CATEGORY_HEADINGS = {
    Category.PARTICIPATING_STATE: "participating States",
    Category.PARTNER: "Partners for Co-operation",
    Category.OSCE: "OSCE institutions and executive structures",
    Category.INTERNATIONAL_ORGANISATION: "international organisations",
    Category.CIVIL_SOCIETY: "civil society organisations",
    Category.PRIVATE_SECTOR: "private sector organisations",
}


def q(text: str) -> str:
    """`text` as a double-quoted YAML scalar (JSON's string, as `json.dumps` writes it without
    `ensure_ascii`: its encoder, called directly)."""
    return encode_basestring(text)


def comment_lines(lines: Iterable[str], indent: str = "") -> list[str]:
    return [f"{indent}# {line}".rstrip() for line in lines]


def agenda_text(agenda: Agenda, header: Sequence[str], comments: Comments | None = None) -> str:
    """`agenda.yaml` for `agenda`, the `header` lines as its opening comment."""
    comments = comments or {}
    out = comment_lines(header)
    out += ["", *_event(agenda.event), "", *_defaults(agenda.defaults), "", "sessions:"]
    for session in agenda.sessions:
        out += comment_lines(comments.get(session.id, ()), "  ")
        out += _session(session, comments)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _event(event: EventInfo) -> list[str]:
    out = ["event:", f"  id: {q(event.id)}", f"  title: {q(event.title)}"]
    for key in ("kind", "venue", "organizer", "source"):
        value = getattr(event, key)
        if value:
            out.append(f"  {key}: {q(value)}")
    if event.fields:
        out.append(f"  fields: [{', '.join(q(f) for f in event.fields)}]")
    out.append(f"  dates: [{', '.join(q(d.isoformat()) for d in event.dates)}]")
    out.append(f"  timezone: {q(event.timezone)}")
    return out


def _defaults(defaults: Defaults) -> list[str]:
    values = [
        ("statement", defaults.statement, "seconds per kind of intervention"),
        ("right_of_reply", defaults.right_of_reply, ""),
        ("point_of_order", defaults.point_of_order, ""),
        ("question", defaults.question, ""),
        ("warning", defaults.warning, "the timer warns in the last N seconds"),
        ("ordering", defaults.ordering.value, "request (first come) | category"),
    ]
    out = ["defaults:"]
    for key, value, note in values:
        line = f"  {key}: {value}"
        out.append(f"{line.ljust(24)}# {note}" if note else line)
    return out


def _session(session: Session, comments: Comments) -> list[str]:
    out = [
        f"  - id: {q(session.id)}",
        f"    title: {q(session.title)}",
        f"    date: {q(session.date.isoformat())}",
        f"    start: {q(session.start.strftime('%H:%M'))}",
        f"    end: {q(session.end.strftime('%H:%M'))}",
    ]
    for role in ("moderator", "rapporteur"):
        ref = getattr(session, role)
        if ref:
            out.append(f"    {role}: {q(ref)}")
    if session.items:
        out.append("    items:")
        for item in session.items:
            out += comment_lines(comments.get(item.id, ()), "      ")
            out += _item(item)
    return out


def _item(item: Item) -> list[str]:
    out = [
        f"      - id: {q(item.id)}",
        f"        title: {q(item.title)}",
        f"        kind: {item.kind.value}",
        f"        minutes: {item.minutes}",
    ]
    if item.speakers:
        out.append("        speakers:")
        for speaker in item.speakers:
            if speaker.seconds is None:
                out.append(f"          - {q(speaker.ref)}")
            else:
                out.append(f"          - {{id: {q(speaker.ref)}, seconds: {speaker.seconds}}}")
    limits = {k: getattr(item.limits, k) for k in ("statement", "right_of_reply",
                                                    "point_of_order", "question")}
    given = {k: v for k, v in limits.items() if v is not None}
    if given:
        out.append("        limits: {" + ", ".join(f"{k}: {v}" for k, v in given.items()) + "}")
    return out


def roster_text(roster: Roster, header: Sequence[str], notes: Comments | None = None) -> str:
    """`speakers.yaml` for `roster`: delegations by category, one a line, then the speakers.

    `notes` holds comment lines above a category's delegations (by category value) or above
    a speaker (by id).
    """
    notes = notes or {}
    out = [*comment_lines(header), ""]
    delegations = list(roster.delegations.values())
    out.append("delegations:" if delegations else "delegations: []")
    for category in Category:
        members = [d for d in delegations if d.category is category]
        if not members:
            continue
        heading = CATEGORY_HEADINGS[category]
        out.append(f"  # --- {heading[0].upper()}{heading[1:]} ".ljust(80, "-"))
        out += comment_lines(notes.get(category.value, ()), "  ")
        out += [f"  - {delegation_line(d)}" for d in members]
        out.append("")
    if roster.speakers:
        out.append("speakers:")
        for speaker in roster.speakers.values():
            out += comment_lines(notes.get(speaker.id, ()), "  ")
            out += speaker_lines(speaker, "  ")
    return "\n".join(out).rstrip("\n") + "\n"


def delegation_line(delegation: Delegation) -> str:
    parts = [f"id: {q(delegation.id)}", f"name: {q(delegation.name)}",
             f"category: {delegation.category.value}"]
    if delegation.group:
        parts.append(f"group: {q(delegation.group)}")
    if delegation.aliases:
        parts.append(f"aliases: [{', '.join(q(a) for a in delegation.aliases)}]")
    return "{" + ", ".join(parts) + "}"


def speaker_lines(speaker: Speaker, indent: str) -> list[str]:
    """One speaker as a block mapping, its dash at `indent`."""
    fields = [("id", speaker.id), ("name", speaker.name), ("title", speaker.title),
              ("affiliation", speaker.affiliation), ("delegation", speaker.delegation),
              ("gender", speaker.gender)]
    given = [(k, v) for k, v in fields if v]
    return [f"{indent}{'- ' if n == 0 else '  '}{k}: {q(v)}" for n, (k, v) in enumerate(given)]
