"""Every view of a meeting, by name: two states are compared whole, and a difference says which
view differs (the console, the room server and the export read nothing else)."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from moderator.core import Meeting


def every_view(meeting: Meeting, now: datetime) -> dict[str, Any]:
    """Every view of the meeting at `now`, each under its name, comparable with ==.
    """
    items = [item.id for _, item in meeting.agenda.items()]
    views = {
        "current_item": meeting.current_item(),
        "current_session": meeting.current_session(),
        "item_status": {i: meeting.item_status(i) for i in items},
        "list_closed": meeting.list_closed(),
        "queue": list(meeting.queue()),
        "floor": meeting.floor(),
        "suspended": meeting.suspended(),
        "timer": meeting.timer(now),
        "log": list(meeting.log()),
        "log_by_item": {i: meeting.log(i) for i in items},  # (the consoles' per-item logs)
        "dropped": list(meeting.dropped()),
        "forecast": meeting.forecast(now),
        "can_undo": meeting.can_undo(),
        "actions": list(meeting.state.actions),
        "notes": list(meeting.notes(include_deleted=True)),
        "suspensions": meeting.suspensions(),
        "adjournments": meeting.adjournments(),
        "break": meeting.break_view(now),
        "pending_requests": meeting.pending_requests(),
        "waiting_ahead": {i: meeting.ahead_queue(i) for i in meeting.waiting_ahead()},
        "remote": meeting.remote_delegations(),
    }
    return views


def digest(meeting: Meeting, now: datetime) -> str:
    """A short fingerprint of `every_view` (a child process prints it; the parent compares)."""
    text = repr(every_view(meeting, now))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
