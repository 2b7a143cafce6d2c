"""The rapporteur's page's decisions and views, over the same core commands as the console.

A note's id is made in the page when typing begins, so saving it again (a retry after a
dropped connection, a second tab, a reload) records it once: the first save adds the note, a
later one with other text edits it, one with the same text changes nothing.
"""

from __future__ import annotations

import re
from typing import Any
from zoneinfo import ZoneInfo

from moderator.core import Meeting, Note, Refused
from moderator.core.model import KIND_LABELS

MAX_NOTE = 20_000  # characters: a long statement's summary, never a pasted document
NOTE_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")
UNSET = object()


def checked_id(note_id: object) -> str:
    if not isinstance(note_id, str) or not NOTE_ID.fullmatch(note_id):
        raise Refused("A note's id is 8 to 64 letters, digits, '-' or '_'")
    return note_id


def save_note(meeting: Meeting, note_id: str, text: object, target: Any = UNSET) -> list[dict]:
    """Add the note with this id, or edit it; nothing when it already says `text`.

    `target`: {"intervention_id": id or None, "item_id": id} fixed when the note was begun.
    """
    note_id = checked_id(note_id)
    if not isinstance(text, str):
        raise Refused("A note's text is a string")
    if len(text) > MAX_NOTE:
        raise Refused(f"A note is at most {MAX_NOTE:,} characters (this one has {len(text):,})")
    existing = meeting.note(note_id)
    if existing is not None:
        return [] if existing.text == text else meeting.edit_note(note_id, text)
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


def desk(meeting: Meeting, query: str = "") -> dict[str, Any]:
    """What the page shows beside the state document: the item's interventions with their
    notes, the notes of the item (deleted ones too, to restore), or the notes found."""
    zone = ZoneInfo(meeting.agenda.event.timezone)
    item = meeting.current_item()
    floor = meeting.floor()
    log = meeting.log(item.id) if item is not None else []
    interventions = [{
        "id": record.id, "name": meeting.label_of(record), "kind": str(record.kind),
        "kind_label": KIND_LABELS[record.kind], "started": f"{record.started_at.astimezone(zone):%H:%M}",
        "on_floor": floor is not None and floor.id == record.id,
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
            "deleted": note.deleted, "updated": f"{note.updated_at.astimezone(zone):%H:%M}"}
