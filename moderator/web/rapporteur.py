"""The rapporteur's page's decisions and views, over the same core commands as the console.

A note's id is made in the page when typing begins, so saving it again (a retry after a
dropped connection, a second tab, a reload) records it once: the first save adds the note, a
later one with other text edits it, one with the same text changes nothing. An edit names the
revision the page was shown (`base`): one written on a text that changed since is refused with
both texts (`EditConflict`), never applied over a text its author did not see.
"""

from __future__ import annotations

import re
from typing import Any
from zoneinfo import ZoneInfo

from moderator.core import EditConflict, Meeting, Note, Refused
from moderator.core.documents import split_symbols, symbol_problem
from moderator.core.model import KIND_LABELS
from moderator.core.search import match_names

MAX_NOTE = 20_000  # characters: a long statement's summary, never a pasted document
MAX_FIELD = 2_000  # characters of a decision's field or of the documents' line
NOTE_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")
UNSET = object()


def checked_id(note_id: object) -> str:
    if not isinstance(note_id, str) or not NOTE_ID.fullmatch(note_id):
        raise Refused("A note's id is 8 to 64 letters, digits, '-' or '_'")
    return note_id


def save_note(meeting: Meeting, note_id: str, text: object, target: Any = UNSET,
              base: Any = None) -> list[dict]:
    """Add the note with this id, or edit it on `base`; nothing when it already says `text`.

    `target`: {"intervention_id": id or None, "item_id": id} fixed when the note was begun.
    `base`: the revision the page was shown (None: the page believed the note new, so any text
    the note has was not seen there).
    """
    note_id = checked_id(note_id)
    if not isinstance(text, str):
        raise Refused("A note's text is a string")
    if len(text) > MAX_NOTE:
        raise Refused(f"A note is at most {MAX_NOTE:,} characters (this one has {len(text):,})")
    existing = meeting.note(note_id)
    if existing is not None:
        if existing.text == text:
            return []
        if not isinstance(base, str):
            raise EditConflict(existing, text)
        return meeting.edit_note(note_id, text, base=base)
    if target is UNSET or not isinstance(target, dict):
        return meeting.add_note(text, note_id=note_id)
    intervention = target.get("intervention_id")
    item = target.get("item_id")
    if intervention is not None and not isinstance(intervention, str) or (
            item is not None and not isinstance(item, str)):
        raise Refused("A note's target names an intervention and an item")
    return meeting.add_note(text, intervention_id=intervention, item_id=item, note_id=note_id)


def act_on_note(meeting: Meeting, note_id: str, action: str, target: dict | None = None) -> list[dict]:
    """Move, delete or restore a note; asking for what is already so changes nothing."""
    note = meeting.note(checked_id(note_id))
    if note is None:
        raise Refused("There is no such note (was it saved?)")
    if action == "delete":
        return [] if note.deleted else meeting.delete_note(note_id)
    if action == "restore":
        return meeting.restore_note(note_id) if note.deleted else []
    if action == "move":
        target = target or {}
        if not isinstance(target, dict):
            raise Refused("A move names its target: an intervention and an item")
        return meeting.move_note(note_id, target.get("intervention_id"), target.get("item_id"))
    raise Refused(f"Unknown action {action!r}")


def saved_note(note: Note) -> dict[str, Any]:
    """What the page keeps of a note the server acknowledged: its text and its revision."""
    return {"id": note.id, "saved": True, "text": note.text, "revision": note.revision,
            "version": note.version, "deleted": note.deleted}


def conflict(refused: EditConflict) -> dict[str, Any]:
    """Both texts of an edit refused because the note changed since, for the page to show."""
    return {"note": refused.note_id, "mine": refused.mine, "theirs": refused.theirs,
            "revision": refused.revision, "by": refused.by}


def revisions(meeting: Meeting, note_id: str) -> list[dict[str, Any]]:
    """Every text of a note, newest first: its number, when, by whom."""
    note = meeting.note(checked_id(note_id))
    if note is None:
        raise Refused("There is no such note")
    zone = ZoneInfo(meeting.agenda.event.timezone)
    return [{"number": v.number, "text": v.text, "at": f"{v.at.astimezone(zone):%Y-%m-%d %H:%M:%S}",
             "by": v.by, "current": v.current} for v in reversed(note.versions())]


def set_documents(meeting: Meeting, body: dict) -> list[dict]:
    """The documents a speaker circulated: the symbols typed (separated by commas) on the
    intervention (and item) the page showed."""
    symbols = body.get("symbols")
    if not isinstance(symbols, str) or len(symbols) > MAX_FIELD:
        raise Refused("Documents are symbols separated by commas")
    found = split_symbols(symbols)
    problems = [problem for symbol in found if (problem := symbol_problem(symbol))]
    if problems:
        raise Refused("; ".join(problems))
    item, intervention = body.get("item_id"), body.get("intervention_id")
    if not isinstance(item, str) or intervention is not None and not isinstance(intervention, str):
        raise Refused("Documents go with a speaker of an item")
    return meeting.set_documents(found, intervention_id=intervention, item_id=item)


def adopt_decision(meeting: Meeting, body: dict) -> list[dict]:
    """A decision adopted under the current item (else the last one held), with the
    delegations named (by name, id or alias, separated by commas) whose interpretative
    statements are attached to it."""
    fields = {name: body.get(name, "") for name in ("number", "symbol", "text", "statements")}
    if any(not isinstance(value, str) or len(value) > MAX_FIELD for value in fields.values()):
        raise Refused("A decision is its number, symbol, subject and who made statements")
    statements = []
    for name in filter(None, (part.strip() for part in fields["statements"].split(","))):
        found = [m for m in match_names(meeting.roster, name) if m.kind == "delegation"]
        if not found:
            raise Refused(f"No delegation matches “{name}”")
        statements.append(found[0].ref)
    return meeting.adopt_decision(fields["text"], number=fields["number"],
                                  symbol=fields["symbol"], statements=tuple(statements))


def desk(meeting: Meeting, query: str = "") -> dict[str, Any]:
    """What the page shows beside the state document: the item's interventions with their
    notes and documents, the notes of the item (deleted ones too, to restore) or the notes
    found, where documents go now, and the decisions adopted under the item."""
    zone = ZoneInfo(meeting.agenda.event.timezone)
    item = meeting.current_item()
    floor = meeting.floor()
    log = meeting.log(item.id) if item is not None else []
    interventions = [{
        "id": record.id, "name": meeting.label_of(record), "kind": str(record.kind),
        "kind_label": KIND_LABELS[record.kind], "started": f"{record.started_at.astimezone(zone):%H:%M}",
        "on_floor": floor is not None and floor.id == record.id,
        "documents": list(meeting.documents(record.id)),
    } for record in log]
    names = {entry["id"]: entry for entry in interventions}
    if query.strip():
        notes = meeting.search_notes(query)
    else:
        notes = meeting.notes(item.id, include_deleted=True) if item is not None else []
    return {
        "item": {"id": item.id, "title": item.title} if item is not None else None,
        "floor_intervention": floor.id if floor is not None else None,
        "interventions": interventions,
        "notes": [_note(meeting, note, names, zone) for note in notes],
        "query": query,
        "documents": _documents(meeting),
        "decisions": _decisions(meeting, item.id if item is not None else None),
    }


def _note(meeting: Meeting, note: Note, names: dict, zone: ZoneInfo) -> dict[str, Any]:
    if note.intervention_id is None:
        target = "the item as a whole"
    elif note.intervention_id in names:
        entry = names[note.intervention_id]
        target = f"{entry['name']} · {entry['kind_label']} · {entry['started']}"
    else:
        record = meeting.intervention(note.intervention_id)
        target = meeting.label_of(record) if record is not None else "an intervention"
    return {"id": note.id, "text": note.text, "tags": list(note.tags), "target": target,
            "intervention_id": note.intervention_id, "item_id": note.item_id,
            "deleted": note.deleted, "updated": f"{note.updated_at.astimezone(zone):%H:%M}",
            "revision": note.revision, "version": note.version, "by": note.last_author}


def _documents(meeting: Meeting) -> dict[str, Any] | None:
    """Where documents go now (the speaker on the floor, else the item's last one), as the
    terminal's documents dialog shows it."""
    target = meeting.document_target()
    if target is None:
        return None
    item_id, intervention_id = target
    speaker = meeting.intervention(intervention_id) if intervention_id else None
    attached = meeting.attached_documents(intervention_id, item_id)
    noted = [s for s in (meeting.documents(intervention_id) if intervention_id else ())
             if s not in attached]
    return {"item_id": item_id, "intervention_id": intervention_id,
            "whose": meeting.label_of(speaker) if speaker else "the item",
            "attached": list(attached), "noted": noted}


def _decisions(meeting: Meeting, item_id: str | None) -> list[dict[str, Any]]:
    if item_id is None:
        return []
    return [{"id": d.id, "number": d.number, "symbol": d.symbol, "text": d.text,
             "statements": [meeting.name_of(s.who) for s in d.statements]}
            for d in meeting.decisions(item_id)]
