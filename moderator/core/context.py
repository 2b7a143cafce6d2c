"""What every concept of the meeting reads: the agenda, the roster, the clock, who decides, and
the folded state (replaced by a refold: always read it from here, never keep it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from moderator.core.clock import Clock
from moderator.core.identity import ConsoleIdentity
from moderator.core.model import Agenda, Item, Roster, Session
from moderator.core.state import MeetingState


@dataclass(slots=True)
class MeetingContext:
    agenda: Agenda
    roster: Roster
    clock: Clock
    role: str
    console: ConsoleIdentity
    state: MeetingState = field(default_factory=MeetingState)

    def current_item(self) -> Item | None:
        found = self.agenda.find_item(self.state.current_item or "")
        return found[1] if found else None

    def session_of(self, item_id: str) -> Session | None:
        found = self.agenda.find_item(item_id)
        return found[0] if found else None
