"""The fold: each event type has one handler, found in a small registry.

Each concept registers the fold of its own event types with `@folds(EventType)`; the handler
gets the typed event (`Event.from_dict` of the stored dict, upcast from older versions). An
event of an unknown type, of a newer version than its type's, or malformed, changes nothing
here: the store keeps it, and `fold_event` says why it was not folded (the replay reports it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from moderator.core.events import EVENT_VERSION, UNDO, Event, NewerEvent, Undo, event_time
from moderator.core.model import Agenda, Roster
from moderator.core.state import MeetingState
from moderator.core.steady import place


class FoldContext(Protocol):
    agenda: Agenda
    roster: Roster


Handler = Callable[[FoldContext, MeetingState, Any, datetime], None]

# Why an event was not folded (`fold_event`'s answer; None: it was).
UNKNOWN = "unknown type"
NEWER = "newer version"
MALFORMED = "malformed"


@dataclass(frozen=True, slots=True)
class Fold:
    kind: type[Event]
    handler: Handler
    # Whether `Meeting.undo` may take the event's action back.
    undoable: bool


_FOLDS: dict[str, Fold] = {}
# The types of the floor's events (`is_floor_event`): undo, and those registered undoable.
_FLOOR: set[str] = {UNDO}
# Handlers run after a type's own fold (`also`), in the order they were registered.
_ALSO: dict[str, list[Handler]] = {}


def folds(kind: type[Event], *, undoable: bool = True) -> Callable[[Handler], Handler]:
    """Register `handler(context, state, event, at)` as the fold of `kind` (an `Event` type)."""

    def register(handler: Handler) -> Handler:
        _FOLDS[kind.TYPE] = Fold(kind, handler, undoable)
        if undoable:
            _FLOOR.add(kind.TYPE)
        else:
            _FLOOR.discard(kind.TYPE)
        return handler

    return register


def also(kind: type[Event]) -> Callable[[Handler], Handler]:
    """Register `handler(context, state, event, at)` to run after `kind`'s own fold: a concept
    that keeps its part of the state in step with another's event (the lists opened ahead of
    time take their place on the list when their item opens)."""

    def register(handler: Handler) -> Handler:
        _ALSO.setdefault(kind.TYPE, []).append(handler)
        return handler

    return register


def folded_types() -> dict[str, type[Event]]:
    """Every event type with a fold, by its `TYPE` (undo is the replay's own)."""
    return {name: fold.kind for name, fold in _FOLDS.items()}


def is_floor_event(event: dict) -> bool:
    """A floor action's event (give, finish, requests, moves, items, the timer, undo): two
    consoles' floor decisions conflict; notes, drafts and settings never do."""
    return event.get("type") in _FLOOR


def read_event(event: dict) -> Event | None:
    """The typed event of a stored one, None when it cannot be read (unknown, newer, malformed)."""
    kind = Undo if event.get("type") == UNDO else getattr(_FOLDS.get(event.get("type", "")),
                                                          "kind", None)
    if kind is None:
        return None
    try:
        return kind.from_dict(event)
    except (KeyError, ValueError, TypeError):
        return None


def current(event: dict) -> dict:
    """A stored event in its type's current shape (upcast if older; as it is if unknown)."""
    kind = Undo if event.get("type") == UNDO else getattr(_FOLDS.get(event.get("type", "")),
                                                          "kind", None)
    if kind is None or event.get("v", EVENT_VERSION) == kind.VERSION:
        return event
    try:
        return kind.upcast(event)
    except (KeyError, ValueError):
        return event


def fold_event(context: FoldContext, state: MeetingState, event: dict) -> str | None:
    """Fold one event into `state`; None, or why it changed nothing (UNKNOWN, NEWER, MALFORMED)."""
    fold = _FOLDS.get(event.get("type", ""))
    if fold is None:
        return NEWER if event.get("type") == UNDO else UNKNOWN
    try:
        typed = fold.kind.from_dict(event)  # numbers clamped by the reader (bounds.py)
        # Placed on the timeline: a wall-clock step moves nothing still being timed.
        at = place(state, event, event_time(event))
        fold.handler(context, state, typed, at)
        for handler in _ALSO.get(fold.kind.TYPE, ()):
            handler(context, state, typed, at)
    except NewerEvent:
        return NEWER
    except (KeyError, ValueError, TypeError):
        # A malformed event (hand-edited database) is not folded, and said so.
        return MALFORMED
    action = event.get("action")
    if fold.undoable and action and (not state.actions or state.actions[-1] != action):
        state.actions.append(action)
    return None
