"""A meeting with what a whole item of a real session has: scheduled speakers, a discussion,
questions to the panel and a coffee break, for the chair's flows and their snapshots."""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from pathlib import Path

from moderator.core import FakeClock
from moderator.core.model import Agenda, Item, ItemKind, ScheduledSpeaker, Session
from moderator.tui.app import MeetingApp, build_app
from tests.tui.conftest import make_agenda, make_roster


def chair_agenda() -> Agenda:
    base = make_agenda()
    first = base.sessions[0]
    items = (
        Item("opening", "Opening of the seminar", ItemKind.ADDRESS, 15,
             speakers=(ScheduledSpeaker("chair", 300), ScheduledSpeaker("JP"))),
        Item("discussion-1", "Public-private partnerships", ItemKind.DISCUSSION, 60),
        Item("qa-1", "Questions to the panel", ItemKind.Q_AND_A, 30),
    )
    coffee = Session("coffee", "Coffee break", first.date, time(10, 45), time(11, 0),
                     items=(Item("coffee-1", "Coffee break", ItemKind.BREAK, 15),))
    closing = Session("s2", "Session 2: Closing", first.date, time(11, 0), time(12, 0),
                      items=(Item("closing", "Closing discussion", ItemKind.DISCUSSION, 60),))
    return replace(base, sessions=(replace(first, items=items), coffee, closing))


def chair_app(database: Path, clock: FakeClock) -> MeetingApp:
    return build_app(chair_agenda(), make_roster(), database, clock)
