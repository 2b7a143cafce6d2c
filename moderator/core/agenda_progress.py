"""Where the meeting is on its agenda: the folds of starting, finishing and skipping items.

Requests still waiting when their item finishes are dropped (kept in `state.dropped` for the
record), not carried to the next item: a delegation asks again under the new item.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from moderator.core import events as ev
from moderator.core.fold import FoldContext, folds
from moderator.core.model import Agenda
from moderator.core.speaking import end_floor
from moderator.core.state import ItemProgress, MeetingState
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


def _close(state: MeetingState, item_id: str, at: datetime, final: ItemStatus) -> None:
    end_floor(state, at)
    state.dropped.extend(state.waiting)
    state.waiting = []
    progress = state.progress.get(item_id, ItemProgress())
    spent = progress.seconds_spent
    if progress.current_since is not None:
        spent += max(0.0, (at - progress.current_since).total_seconds())
    # Replaced, never changed in place: checkpoints of the state share it.
    state.progress[item_id] = replace(progress, current_since=None, last_ended=at, seconds_spent=spent)
    state.statuses[item_id] = final
    state.current_item = None


@folds(ev.ITEM_STARTED)
def _started(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    item_id = event["item"]
    if context.agenda.find_item(item_id) is None or state.current_item == item_id:
        return
    if state.current_item is not None:
        _close(state, state.current_item, at, ItemStatus.DONE)
    progress = state.progress.get(item_id, ItemProgress())
    first = at if progress.first_started is None else progress.first_started
    state.progress[item_id] = replace(progress, first_started=first, current_since=at)
    state.statuses[item_id] = ItemStatus.CURRENT
    state.current_item = state.last_item = item_id


@folds(ev.ITEM_FINISHED)
def _finished(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    if state.current_item == event["item"]:
        _close(state, event["item"], at, ItemStatus.DONE)


@folds(ev.ITEM_SKIPPED)
def _skipped(context: FoldContext, state: MeetingState, event: dict, at: datetime) -> None:
    item_id = event["item"]
    if state.current_item == item_id:
        _close(state, item_id, at, ItemStatus.SKIPPED)
    elif context.agenda.find_item(item_id) is not None:
        state.statuses[item_id] = ItemStatus.SKIPPED
