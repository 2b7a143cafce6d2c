"""The core's tests run on the small hand-built meeting (tests/helpers/small_meeting.py) with the
`clock`, `meeting` and `debate` fixtures of tests/conftest.py."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, time, timedelta

from moderator.core.actions import AskAgain, Refused
from moderator.core.clock import FakeClock
from moderator.core.meeting import Meeting
from moderator.core.model import (
    Agenda,
    Category,
    Defaults,
    Delegation,
    EventInfo,
    InterventionKind,
    Item,
    ItemKind,
    Roster,
    Session,
)

# Still importable from here, as the core's tests have always imported them.
from tests.helpers.small_meeting import START, ask, small_agenda, small_roster, whos

__all__ = ["START", "ask", "small_agenda", "small_roster", "whos"]


WHO = ["TR", "AT", "JP", "US", "EG", "NGO", "CORP", "DK", "ODIHR", "UNOCT"]


def pressed_twice(command: Callable[..., list[dict]]) -> list[dict]:
    """A command that may ask (`AskAgain`), confirmed by the second press."""
    try:
        return command()
    except AskAgain as asked:
        return command(asked.action)


def play(meeting: Meeting, clock: FakeClock, steps: int, seed: int, undo: int = 2,
         day: bool = False) -> None:
    """A long random sequence of the moderator's commands; `day`: with those of a whole day
    too (`]` asking, breaks timed, adjournments, suspensions, corrected requests)."""
    chance = random.Random(seed)
    kinds = [k for k in InterventionKind if k is not InterventionKind.SCHEDULED]
    commands = [
        lambda: meeting.request_floor(chance.choice(WHO), chance.choice(kinds)),
        lambda: meeting.give_floor(),
        lambda: meeting.toggle_timer(),
        lambda: meeting.finish_intervention(),
        lambda: meeting.adjust_time(chance.choice([30, -30])),
        lambda: meeting.move_request(chance.choice(meeting.queue()).id, chance.randrange(8)),
        lambda: meeting.withdraw(chance.choice(meeting.queue()).id),
        lambda: meeting.readd_last_speaker(),
        lambda: meeting.close_list() if chance.random() < 0.5 else meeting.reopen_list(),
        lambda: meeting.undo(),
        lambda: meeting.next_item() if chance.random() < 0.7 else meeting.previous_item(),
        # (At the last item `]` finishes the meeting: the long sessions go back instead.)
        lambda: pressed_twice(meeting.move_on) if meeting.next_item_id() or
        meeting.adjournment() else meeting.previous_item(),
        lambda: meeting.adjust_break(chance.choice([300, -300])),
        lambda: meeting.adjourn(meeting.now() + timedelta(hours=chance.choice([1, 14])))
        if meeting.next_item_id() else meeting.previous_item(),
        lambda: meeting.correct_request(chance.choice(meeting.queue()).id, chance.choice(WHO),
                                        chance.choice(kinds)),
        lambda: meeting.suspend_sitting(meeting.now() + timedelta(minutes=30))
        if chance.random() < 0.5 else meeting.resume_sitting(),
    ]
    weights = [8, 5, 3, 2, 1, 1, 1, 1, 1, undo, 1] + ([1, 1, 0.2, 1, 0.5] if day else [0] * 5)
    for _ in range(steps):
        clock.advance(chance.uniform(0, 90))
        try:
            meeting.record(chance.choices(commands, weights)[0]())
        except (Refused, IndexError):
            pass


def make_meeting(clock: FakeClock, role: str = "rapporteur") -> Meeting:
    ps = Category.PARTICIPATING_STATE
    roster = Roster({ref: Delegation(ref, name, ps) for ref, name in
                     [("TR", "Türkiye"), ("AT", "Austria"), ("DE", "Germany")]})
    items = (Item("opening", "Opening", ItemKind.ADDRESS, 15),
             Item("debate", "Partnerships", ItemKind.DISCUSSION, 60))
    session = Session("s1", "Session 1", date(2026, 12, 10), time(9, 0), time(10, 30), items=items)
    agenda = Agenda(EventInfo("seminar", "Soft targets"), Defaults(), (session,))
    return Meeting(agenda, roster, clock, role=role)
