"""The state document: what a viewer needs, and no more, as one JSON-ready dict.

The same document goes to `/api/state` and every WebSocket; its schema is docs/ROOM_STATE.md.
The page computes the countdown from `timer` and `server_ms`, so it ticks between documents.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from moderator.core import Meeting, Request, TimerState
from moderator.core.expected import expected_starts
from moderator.core.model import KIND_LABELS, ItemKind

DOCUMENT_VERSION = 1


def state_document(meeting: Meeting, now: datetime) -> dict[str, Any]:
    """The room's view of the meeting at `now` (the server's clock)."""
    zone = ZoneInfo(meeting.agenda.event.timezone)
    item, session = meeting.current_item(), meeting.current_session()
    timer = meeting.timer(now)
    holder, suspended = timer.intervention, meeting.suspended()
    queue = meeting.queue()
    message = meeting.podium_message()
    return {
        "version": DOCUMENT_VERSION,
        "server_time": now.isoformat(),
        "server_ms": round(now.timestamp() * 1000),
        "timezone": meeting.agenda.event.timezone,
        "event": {"title": meeting.agenda.event.title, "venue": meeting.agenda.event.venue},
        "session": {"id": session.id, "title": session.title} if session else None,
        "item": {"id": item.id, "title": item.title, "kind": str(item.kind)} if item else None,
        "floor": _speaker(meeting, holder) if holder is not None else None,
        "suspended": _speaker(meeting, suspended) if suspended is not None else None,
        "timer": {
            "state": str(timer.state) if holder is not None else str(TimerState.IDLE),
            "running": timer.running,
            "allotted": timer.allotted,
            "elapsed": round(timer.elapsed, 3),
            "remaining": round(timer.remaining, 3),
            "warning": meeting.agenda.defaults.warning,
        },
        "message": {"text": message.text, "sent_at": message.at.isoformat()} if message else None,
        "list_closed": meeting.list_closed() if item is not None else False,
        "speakers": _speakers(meeting, queue, now, zone),
        "break": _break(meeting, now, zone) if item is not None and item.kind is ItemKind.BREAK
        else None,
    }


def _speaker(meeting: Meeting, entry: Any) -> dict[str, Any]:
    return {"name": meeting.label_of(entry), "kind": str(entry.kind),
            "kind_label": KIND_LABELS[entry.kind]}


def _speakers(meeting: Meeting, queue: list[Request], now: datetime,
              zone: ZoneInfo) -> list[dict[str, Any]]:
    starts = expected_starts(meeting, queue, now)
    return [
        {**_speaker(meeting, request), "position": position, "seconds": request.seconds,
         "expected_at": start.isoformat(), "expected": f"{start.astimezone(zone):%H:%M}"}
        for position, (request, start) in enumerate(zip(queue, starts, strict=True), 1)
    ]


def _break(meeting: Meeting, now: datetime, zone: ZoneInfo) -> dict[str, Any]:
    item = meeting.current_item()
    resumes = meeting.forecast(now).projected_item_end
    return {
        "title": item.title if item else "Break",
        "resumes_at": resumes.isoformat() if resumes else None,
        "resumes": f"{resumes.astimezone(zone):%H:%M}" if resumes else None,
    }
