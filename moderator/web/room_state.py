"""The state document: the room view (`moderator.core.room_view`) as one JSON-ready dict.

The same document goes to `/api/state` and every WebSocket; its schema is docs/ROOM_STATE.md.
A delegation's page gets the same, seen by its own surface, and `delegation`: its own requests
(`delegation_document`, of the core's `DelegationView`). Each is a rendering of a view and
nothing else: no field is read from the meeting here. The
page computes the countdowns from `timer`, `recess` and `server_ms`, so they tick between
documents.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from moderator.core.delegation_view import Choice, DelegationView, OwnRequest
from moderator.core.model import KIND_LABELS
from moderator.core.room_view import (
    Recess,
    RoomItem,
    RoomMessage,
    RoomSpeaker,
    RoomView,
    SittingSuspension,
    WaitingSpeaker,
)

DOCUMENT_VERSION = 2


def state_document(view: RoomView) -> dict[str, Any]:
    """The document of `view` (made at `view.at`, the server's clock)."""
    countdown = view.countdown
    return {
        "version": DOCUMENT_VERSION,
        "server_time": view.at.isoformat(),
        "server_ms": round(view.at.timestamp() * 1000),
        "timezone": view.timezone,
        "event": {"title": view.event_title, "venue": view.venue},
        "session": {"id": view.session_id, "title": view.session_title}
        if view.session_id is not None else None,
        "item": _item(view.item),
        "floor": _speaker(view.floor),
        "suspended": _speaker(view.suspended),
        "timer": {
            "state": str(countdown.phase),
            "running": countdown.running,
            "allotted": countdown.allotted,
            "elapsed": round(countdown.elapsed, 3),
            "remaining": round(countdown.remaining, 3),
            "warning": countdown.warning,
        },
        "message": _message(view.message),
        "list_closed": view.list_closed,
        "speakers": [_waiting(view, entry) for entry in view.speakers],
        "sitting_suspended": _sitting(view, view.sitting_suspended),
        "recess": _recess(view, view.recess),
        "next_item": _item(view.next_item),
    }


def _item(item: RoomItem | None) -> dict[str, Any] | None:
    if item is None:
        return None
    parent = {"id": item.parent_id, "title": item.parent_title} if item.parent_id else None
    return {"id": item.id, "title": item.title, "heading": item.heading, "kind": str(item.kind),
            "parent": parent, "letter": item.letter}


def _speaker(speaker: RoomSpeaker | None) -> dict[str, Any] | None:
    if speaker is None:
        return None
    return {"name": speaker.name, "short_name": speaker.short_name, "kind": str(speaker.kind),
            "kind_label": KIND_LABELS[speaker.kind], "remote": speaker.remote}


def _message(message: RoomMessage | None) -> dict[str, Any] | None:
    if message is None:
        return None
    return {"text": message.text, "sent_at": message.sent_at.isoformat(),
            "shown_on": sorted(str(surface) for surface in message.shown_on)}


def _waiting(view: RoomView, entry: WaitingSpeaker) -> dict[str, Any]:
    return {**_speaker(entry.speaker), "position": entry.position, "resumes": entry.resumes,
            "seconds": entry.seconds, **_moment(view, "expected", entry.expected_at)}


def _sitting(view: RoomView, sitting: SittingSuspension | None) -> dict[str, Any] | None:
    if sitting is None:
        return None
    return {**_moment(view, "since", sitting.since), **_moment(view, "resumes", sitting.resumes_at)}


def _recess(view: RoomView, recess: Recess | None) -> dict[str, Any] | None:
    if recess is None:
        return None
    return {"kind": str(recess.kind), "title": recess.title, **_moment(view, "since", recess.since),
            **_moment(view, "resumes", recess.resumes_at)}


def _moment(view: RoomView, name: str, moment: datetime | None) -> dict[str, str | None]:
    """`<name>_at` (ISO 8601, UTC) and `<name>` (the meeting's local time, in words)."""
    if moment is None:
        return {f"{name}_at": None, name: None}
    return {f"{name}_at": moment.isoformat(), name: view.local(moment)}


def delegation_document(view: DelegationView) -> dict[str, Any]:
    """A delegation's page's document: the room's as it may see it, and its own requests."""
    return {**state_document(view.room), "delegation": delegation_part(view)}


def delegation_part(view: DelegationView) -> dict[str, Any]:
    """The `delegation` field of a delegation's document: its own requests, what it may ask."""
    room = view.room
    return {
        "id": view.delegation,
        "name": view.name,
        "remote": view.remote,
        "asking_on": _item(view.asking_on),
        "mode": str(view.mode) if view.mode is not None else None,
        "kinds": [{"kind": str(kind), "label": KIND_LABELS[kind]} for kind in view.kinds],
        "speakers": [_choice(c) for c in view.speakers],
        "on_behalf": [_choice(c) for c in view.on_behalf],
        "alignment": [_choice(c) for c in view.alignment],
        "closed": view.closed,
        "requests": [_own(room, r) for r in view.requests],
        "later_items": [_item(item) for item in view.later_items],
        "open_limit": view.open_limit,
    }


def _choice(choice: Choice) -> dict[str, str]:
    return {"id": choice.id, "name": choice.name}


def _own(view: RoomView, request: OwnRequest) -> dict[str, Any]:
    return {"id": request.id, "item": _item(request.item), "kind": str(request.kind),
            "kind_label": KIND_LABELS[request.kind], "name": request.name,
            "standing": str(request.standing), "position": request.position,
            "words": request.words, "withdrawable": request.withdrawable,
            **_moment(view, "asked", request.asked_at)}
