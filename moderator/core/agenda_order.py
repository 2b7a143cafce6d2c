"""The order of the agenda as the meeting goes through it: an item's status, the next pending
item and the previous one (read by agenda progress, the list of speakers and the breaks)."""

from __future__ import annotations

from moderator.core.model import Agenda
from moderator.core.state import MeetingState
from moderator.core.views import ItemStatus


def status(state: MeetingState, item_id: str) -> ItemStatus:
    return state.statuses.get(item_id, ItemStatus.PENDING)


def next_pending(agenda: Agenda, state: MeetingState) -> str | None:
    """The first pending item after the one most recently current (else from the top)."""
    ids = [item.id for _, item in agenda.items()]
    start = ids.index(state.last_item) + 1 if state.last_item in ids else 0
    for item_id in ids[start:] + ids[:start]:
        if status(state, item_id) is ItemStatus.PENDING:
            return item_id
    return None


def previous(agenda: Agenda, state: MeetingState) -> str | None:
    """The item just before the one current (or most recently current)."""
    ids = [item.id for _, item in agenda.items()]
    if state.last_item not in ids:
        return None
    index = ids.index(state.last_item)
    return ids[index - 1] if index > 0 else None
