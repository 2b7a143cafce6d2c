"""Replay: the state is a fold of the events; the same events give the same state."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import ClassVar

from moderator.core import events as ev
from moderator.core.clock import FakeClock
from moderator.core.fold import folds
from moderator.core.meeting import Meeting
from moderator.core.speakers_list import LIST_CLOSED, REQUEST_MADE, ListClosed
from tests.core.conftest import START, play, small_agenda, small_roster
from tests.helpers.views import every_view


def test_a_long_random_meeting_folds_twice_to_the_same_state() -> None:
    clock = FakeClock(START)
    meeting = Meeting(small_agenda(), small_roster(), clock)
    play(meeting, clock, 2_000, seed=7)
    stored = json.loads(json.dumps(meeting.events))  # what the store gives back
    first = Meeting(small_agenda(), small_roster(), clock)
    first.apply_all(stored)
    first.apply_all(stored)  # again: idempotent by id
    second = Meeting(small_agenda(), small_roster(), clock)
    second.apply_all(stored)
    assert len(meeting.log()) > 100
    assert every_view(first, clock.now()) == every_view(second, clock.now())
    assert every_view(first, clock.now()) == every_view(meeting, clock.now())


def test_unknown_types_newer_versions_and_malformed_events_are_kept_and_reported(
        debate: Meeting) -> None:
    before = every_view(debate, debate.clock.now())
    at = debate.clock.now()
    debate.apply(ev.new_event("poll.opened", at, "moderator", question="?"))
    debate.apply(ev.new_event("poll.opened", at, "moderator", question="again?"))
    newer = ev.new_event(LIST_CLOSED, at, "moderator", item_id="debate")
    newer["v"] = ListClosed.VERSION + 1
    debate.apply(newer)
    broken = ev.new_event(REQUEST_MADE, at, "moderator")  # no payload at all
    debate.apply(broken)
    assert every_view(debate, at) == before
    assert len(debate.events) == 5  # kept, for a newer program
    assert debate.unfolded_events() == {
        "poll.opened v1 (unknown type)": 2,
        f"list.closed v{ListClosed.VERSION + 1} (newer version)": 1,
        "request.made v1 (malformed)": 1,
    }


@dataclass(frozen=True, slots=True)
class Tally(ev.Event):
    TYPE: ClassVar[str] = "test.tally"
    n: int


def test_another_module_registers_its_own_fold(debate: Meeting) -> None:
    @folds(Tally, undoable=False)
    def _tally(context, state, event: Tally, at) -> None:
        state.extensions["tally"] = state.extensions.get("tally", 0) + event.n

    at = debate.clock.now()
    debate.record([ev.stamped(Tally(2), at, "rapporteur", action="a1")])
    debate.record([ev.new_event("test.tally", at, "rapporteur", n=3)])
    assert debate.state.extensions["tally"] == 5
    assert debate.state.actions == [debate.events[0]["action"]]  # the debate's own, not a1
    assert debate.unfolded_events() == {}


def test_fifty_thousand_events_fold_the_same_at_once_or_in_batches() -> None:
    # The time this takes is a figure of `make bench`, not an assertion here.
    clock = FakeClock(START)
    meeting = Meeting(small_agenda(), small_roster(), clock)
    # Undo refolds the meeting; leave it out to build a long record quickly.
    play(meeting, clock, 62_000, seed=3, undo=0)
    assert len(meeting.events) >= 50_000
    events = meeting.events[:50_000]
    at_once = Meeting(small_agenda(), small_roster(), clock)
    at_once.apply_all(events)
    in_batches = Meeting(small_agenda(), small_roster(), clock)
    for start in range(0, len(events), 997):
        in_batches.apply_all(events[start:start + 997])
    now = clock.now()
    assert every_view(at_once, now) == every_view(in_batches, now)
