"""The meeting: commands decide events, `apply` folds them into the state."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from moderator.core.clock import Clock
from moderator.core.model import Agenda, InterventionKind, Item, Roster, Session
from moderator.core.views import Forecast, Intervention, ItemStatus, Request, TimerView


class Refused(Exception):
    """A command the rules do not allow; `str(exc)` is a sentence for the notification."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Meeting:
    def __init__(self, agenda: Agenda, roster: Roster, clock: Clock, role: str = "moderator") -> None:
        self.agenda = agenda
        self.roster = roster
        self.clock = clock
        self.role = role
        self.events: list[dict] = []

    def apply(self, event: dict) -> None:
        raise NotImplementedError

    def apply_all(self, events: Iterable[dict]) -> None:
        raise NotImplementedError

    def record(self, events: list[dict]) -> list[dict]:
        self.apply_all(events)
        return events

    def start_item(self, item_id: str | None = None) -> list[dict]:
        raise NotImplementedError

    def finish_item(self) -> list[dict]:
        raise NotImplementedError

    def skip_item(self, item_id: str | None = None) -> list[dict]:
        raise NotImplementedError

    def next_item(self) -> list[dict]:
        raise NotImplementedError

    def previous_item(self) -> list[dict]:
        raise NotImplementedError

    def request_floor(
        self,
        who: str | None,
        kind: InterventionKind = InterventionKind.STATEMENT,
        *,
        guest: str | None = None,
        on_behalf: str | None = None,
        alignment: tuple[str, ...] = (),
        force: bool = False,
    ) -> list[dict]:
        raise NotImplementedError

    def withdraw(self, request_id: str) -> list[dict]:
        raise NotImplementedError

    def move_request(self, request_id: str, position: int) -> list[dict]:
        raise NotImplementedError

    def move_up(self, request_id: str) -> list[dict]:
        raise NotImplementedError

    def move_down(self, request_id: str) -> list[dict]:
        raise NotImplementedError

    def readd_last_speaker(self) -> list[dict]:
        raise NotImplementedError

    def close_list(self) -> list[dict]:
        raise NotImplementedError

    def reopen_list(self) -> list[dict]:
        raise NotImplementedError

    def give_floor(self, request_id: str | None = None) -> list[dict]:
        raise NotImplementedError

    def finish_intervention(self) -> list[dict]:
        raise NotImplementedError

    def toggle_timer(self) -> list[dict]:
        raise NotImplementedError

    def adjust_time(self, seconds: int) -> list[dict]:
        raise NotImplementedError

    def undo(self) -> list[dict]:
        raise NotImplementedError

    def describe(self, events: list[dict]) -> str:
        raise NotImplementedError

    def current_session(self) -> Session | None:
        raise NotImplementedError

    def current_item(self) -> Item | None:
        raise NotImplementedError

    def item_status(self, item_id: str) -> ItemStatus:
        raise NotImplementedError

    def list_closed(self) -> bool:
        raise NotImplementedError

    def queue(self) -> list[Request]:
        raise NotImplementedError

    def floor(self) -> Intervention | None:
        raise NotImplementedError

    def suspended(self) -> Intervention | None:
        raise NotImplementedError

    def timer(self, now: datetime | None = None) -> TimerView:
        raise NotImplementedError

    def log(self, item_id: str | None = None) -> list[Intervention]:
        raise NotImplementedError

    def forecast(self, now: datetime | None = None) -> Forecast:
        raise NotImplementedError

    def name_of(self, who: str | None, guest: str | None = None) -> str:
        raise NotImplementedError

    def can_undo(self) -> bool:
        raise NotImplementedError
