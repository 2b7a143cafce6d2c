"""What the loop tells: how a command ended (`Outcome`), and what changed (`Recorded`, and the
follower's `ReadFailed` / `ReadResumed`), to the listeners of an open meeting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from moderator.core import Refused


class ChangedMeanwhile(Refused):
    """Another console recorded a floor decision first: nothing was recorded here.

    `str()` says what it did ("Meanwhile, on the other chair console: Gave the floor to
    Türkiye"); `since` holds its events (already folded into the meeting).
    """

    def __init__(self, changes: str, since: list[dict]) -> None:
        super().__init__(changes)
        self.since = since


@dataclass(frozen=True, slots=True)
class Outcome:
    """How one command ended, told to its `on_done` (on the owner's side of `hand_over`).

    `events`: what it recorded, durable and applied ([] when it decided nothing or failed).
    `error`: `Refused` (`AskAgain`, `ChangedMeanwhile`) or the store's error, else None.
    `dropped`: it was never decided, because a command before it failed or was overtaken.
    """

    events: list[dict]
    error: BaseException | None = None
    dropped: bool = False


@dataclass(frozen=True, slots=True)
class Recorded:
    """Events just applied to the meeting, told to every listener.

    `ours`: decided through this open meeting (durable now); else read from the record (other
    processes' events, or those a conflict carried). `console` is this meeting's console id.
    """

    events: list[dict]
    ours: bool
    console: str

    def by_others(self) -> list[dict]:
        """The events another console decided (those of consoles with no id excepted)."""
        return [e for e in self.events if e.get("console") not in (None, self.console)]


@dataclass(frozen=True, slots=True)
class ReadFailed:
    """The follower could not read the store (told once per distinct error)."""

    error: BaseException


@dataclass(frozen=True, slots=True)
class ReadResumed:
    """The follower reads the store again after it had failed."""


Told = Recorded | ReadFailed | ReadResumed
Listener = Callable[[Told], Any]
