"""A break on the agenda: while it is open, the room waits for the time the meeting resumes.

The meeting resumes the break's planned minutes after the chair opened it (a break opened late
ends late; the forecast counts it the same way).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from moderator.core import agenda_progress
from moderator.core.model import ItemKind
from moderator.core.reading import MeetingReader
from moderator.core.views import BreakView


def break_view(meeting: MeetingReader, now: datetime) -> BreakView | None:
    """The break in progress at `now`, or None when the current item is not a break."""
    item = meeting.current_item()
    if item is None or item.kind is not ItemKind.BREAK:
        return None
    progress = meeting.state.progress.get(item.id)
    started = progress.current_since if progress and progress.current_since else now
    resumes = started + timedelta(minutes=item.minutes)
    next_id = agenda_progress.next_pending(meeting.agenda, meeting.state)
    found = meeting.agenda.find_item(next_id) if next_id else None
    return BreakView(item.id, item.title, started, resumes, (resumes - now).total_seconds(),
                     next_id, found[1].title if found else None)
