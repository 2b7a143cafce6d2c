"""What a folded meeting shows, as plain JSON: the views the consoles and the export read.

Used by `tests/core/data/release1/make.py` (run on the release that wrote the database) and by
`tests/core/test_old_database.py` (run on today's code): the two must agree. Only public views
of `Meeting` are read, never the state's classes, so a regrouped core compares the same.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from moderator.core import Meeting


def plain(value: Any) -> Any:
    """A view value as JSON: dataclasses by field, enums by value, datetimes in ISO form."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, float):
        return round(value, 6)
    return value


def views(meeting: Meeting, now: datetime) -> dict[str, Any]:
    """Every view of the meeting at `now`."""
    items = [item.id for _, item in meeting.agenda.items()]
    log = meeting.log()
    return {
        "current_item": getattr(meeting.current_item(), "id", None),
        "current_session": getattr(meeting.current_session(), "id", None),
        "statuses": {i: meeting.item_status(i).value for i in items},
        "list_closed": meeting.list_closed(),
        "queue": plain(meeting.queue()),
        "floor": plain(meeting.floor()),
        "suspended": plain(meeting.suspended()),
        "timer": plain(meeting.timer(now)),
        "log": plain(log),
        "labels": [meeting.label_of(x) for x in log],
        "dropped": plain(meeting.dropped()),
        "forecast": plain(meeting.forecast(now)),
        "limits": {i: meeting.item_limit(item_id=i) for i in items},
        "notes": plain(meeting.notes(include_deleted=True)),
        "search_norway": [n.id for n in meeting.search_notes("norway")],
        "documents": {x.id: list(meeting.documents(x.id)) for x in log},
        "item_documents": {i: list(meeting.item_documents(i)) for i in items},
        "decisions": plain(meeting.decisions()),
        "suspensions": plain(meeting.suspensions()),
        "suspended_since": plain(meeting.suspended_since()),
        "podium": plain(meeting.podium_message()),
        "can_undo": meeting.can_undo(),
        "last_floor_event": meeting.last_floor_event,
        "folded_count": meeting.folded_count,
        "note_target": plain(meeting.note_target()),
    }


def as_then(shown: Any, then: Any) -> Any:
    """`shown` with only the fields the release had in `then`: a field added since (a note's
    `author` and `revision`) is checked apart, every field it had is compared whole."""
    if isinstance(shown, dict) and isinstance(then, dict):
        return {k: as_then(v, then[k]) if k in then else v for k, v in shown.items()
                if k in then}
    if isinstance(shown, list) and isinstance(then, list) and len(shown) == len(then):
        return [as_then(s, t) for s, t in zip(shown, then, strict=True)]
    return shown
