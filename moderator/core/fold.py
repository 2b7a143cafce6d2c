"""The fold: each event type has one handler, found in a small registry.

Other modules (notes, ...) register their own handlers with `folds("note.added")` without
touching the meeting. Unknown types and events of a newer version are ignored, so an older
program can still read a newer database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from moderator.core.bounds import bounded
from moderator.core.events import EVENT_VERSION, event_time
from moderator.core.model import Agenda, Roster
from moderator.core.state import MeetingState
from moderator.core.steady import place


class FoldContext(Protocol):
    agenda: Agenda
    roster: Roster


Handler = Callable[[FoldContext, MeetingState, dict, datetime], None]


@dataclass(frozen=True, slots=True)
class Fold:
    handler: Handler
    # Whether `Meeting.undo` may take the event's action back.
    undoable: bool


_FOLDS: dict[str, Fold] = {}


def folds(event_type: str, *, undoable: bool = True) -> Callable[[Handler], Handler]:
    """Register `handler(context, state, event, at)` as the fold of `event_type`."""

    def register(handler: Handler) -> Handler:
        _FOLDS[event_type] = Fold(handler, undoable)
        return handler

    return register


def is_floor_event(event: dict) -> bool:
    """A floor action's event (give, finish, requests, moves, items, the timer, undo): two
    consoles' floor decisions conflict; notes, drafts and settings never do."""
    return event.get("type") == "undo" or is_undoable(event)


def is_undoable(event: dict) -> bool:
    fold = _FOLDS.get(event.get("type", ""))
    return fold is not None and fold.undoable


def fold_event(context: FoldContext, state: MeetingState, event: dict) -> None:
    """Fold one event into `state`; unknown or newer events change nothing."""
    if event.get("v", EVENT_VERSION) > EVENT_VERSION:
        return
    fold = _FOLDS.get(event.get("type", ""))
    if fold is None:
        return
    # Placed on the timeline: a wall-clock step moves nothing still being timed.
    at = place(state, event, event_time(event))
    fold.handler(context, state, bounded(event), at)
    action = event.get("action")
    if fold.undoable and action and (not state.actions or state.actions[-1] != action):
        state.actions.append(action)
