"""Compare-and-append: a decision is appended only if the state it was made on still stands.

Two consoles decide from their own folded state; the only place that sees both decisions in
order is the append, under the store's lock. A decision carries the id of the last conflicting
event (for the meeting: the last floor event) its state had folded; if a later one is already
in the journal, the append is refused with `Conflict`, which carries what was appended since,
so the console can fold it (without touching the disk again) and say what changed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from moderator.store.errors import StoreError


@dataclass(frozen=True, slots=True)
class Expectation:
    """Append only if the last event for which `conflicts(event)` holds has the id `last`
    (None: there is no such event yet)."""

    last: str | None
    conflicts: Callable[[dict[str, Any]], bool]


class Conflict(StoreError):
    """Another process appended a conflicting event after the one the decision was made on."""

    def __init__(self, path: str, since: list[dict[str, Any]]) -> None:
        super().__init__(f"{path}: another console recorded a decision first; nothing was saved")
        self.since = since  # every event appended after the expected one, in journal order


class EarlierNeeded(Exception):
    """The answer is among the events a snapshot stands for: read the whole journal."""


def check(path: str, log: Sequence[dict[str, Any]], expect: Expectation,
          earlier: Mapping[str, tuple[int, dict[str, Any]]] | None = None) -> None:
    """Raise `Conflict` unless the last conflicting event of `log` is `expect.last`.

    Searched from the end: normally the last floor event is among the last few events.
    `earlier`: when a snapshot stands for the events before `log`, the last of them of each
    type (with its place); whether an event conflicts is decided by its type, so the last
    conflicting one among them is found there. An answer that needs more of them raises
    `EarlierNeeded`, and the whole journal is read.
    """
    for index in range(len(log) - 1, -1, -1):
        event = log[index]
        if event.get("id") == expect.last:
            return
        if expect.conflicts(event):
            raise Conflict(path, [dict(e) for e in log[_after(log, expect.last, index):]])
    if earlier:
        conflicting = [(place, e) for place, e in earlier.values() if expect.conflicts(e)]
        if conflicting and max(conflicting, key=lambda found: found[0])[1].get("id") == expect.last:
            return
        raise EarlierNeeded
    if expect.last is not None:
        raise Conflict(path, [dict(e) for e in log])


def _after(log: Sequence[dict[str, Any]], last: str | None, before: int) -> int:
    """The position just after the event `last` (searched back from `before`), else 0."""
    if last is not None:
        for index in range(before - 1, -1, -1):
            if log[index].get("id") == last:
                return index + 1
    return 0
