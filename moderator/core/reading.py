"""What the meeting's readers (the forecast, the sentences of `describe`, the break) read of
it: the views of `Meeting`, named here so that they depend on no module that imports them."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from moderator.core.model import Agenda, Item, Roster, Session
from moderator.core.sitting import Suspension
from moderator.core.state import MeetingState
from moderator.core.views import Intervention, ItemStatus, Plan, Request, TimerView


class MeetingReader(Protocol):
    agenda: Agenda
    roster: Roster

    @property
    def state(self) -> MeetingState: ...

    @property
    def events(self) -> list[dict]: ...

    @property
    def older_events(self) -> list[dict]: ...

    def plan(self) -> Plan: ...

    def current_item(self) -> Item | None: ...

    def current_session(self) -> Session | None: ...

    def item_status(self, item_id: str) -> ItemStatus: ...

    def queue(self) -> list[Request]: ...

    def floor(self) -> Intervention | None: ...

    def suspended(self) -> Intervention | None: ...

    def suspended_since(self) -> Suspension | None: ...

    def timer(self, now: datetime | None = None) -> TimerView: ...

    def name_of(self, who: str | None, guest: str | None = None) -> str: ...

    def action_events(self, action: str) -> list[dict]: ...
