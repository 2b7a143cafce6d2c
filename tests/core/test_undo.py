"""Undo: an event naming the action it takes back; the state returns exactly to before it."""

from __future__ import annotations

import pytest

from moderator.core import events as ev
from moderator.core.clock import FakeClock
from moderator.core.meeting import Meeting, Refused
from moderator.core.model import InterventionKind
from tests.core.conftest import ask, small_agenda, small_roster
from tests.helpers.views import every_view


def test_nothing_to_undo_at_first(meeting: Meeting) -> None:
    assert not meeting.can_undo()
    with pytest.raises(Refused, match="Nothing to undo"):
        meeting.undo()


def test_undo_gave_the_floor_returns_the_speaker_and_the_request(
    debate: Meeting, clock: FakeClock
) -> None:
    ask(debate, "TR")
    ask(debate, "AT")
    debate.record(debate.give_floor())
    clock.advance(30)
    given = debate.record(debate.give_floor())
    clock.advance(10)
    undo = debate.record(debate.undo())
    assert debate.floor().who == "TR" and [r.who for r in debate.queue()] == ["AT"]
    # Austria's ten seconds are not Türkiye's: they count as paused, and her clock runs on.
    timer = debate.timer()
    assert timer.running and timer.elapsed == 30
    assert debate.floor().paused_seconds(clock.now()) == 10
    clock.advance(5)
    assert debate.timer().elapsed == 35
    assert debate.describe(undo) == "Undone: Gave the floor to Austria"
    assert undo[0]["undoes"] == given[0]["action"]
    # History is kept: the undone events are still there, plus the undo.
    assert debate.events[-1]["type"] == ev.UNDO and given[-1] in debate.events


def test_twenty_steps_back_reach_the_empty_meeting(meeting: Meeting, clock: FakeClock) -> None:
    meeting.record(meeting.start_item("debate"))
    for who in ("TR", "AT", "JP", "US", "EG", "NGO", "CORP", "ODIHR"):
        ask(meeting, who)
        meeting.record(meeting.give_floor())
        clock.advance(7)
    assert len(meeting.state.actions) == 17
    meeting.record(meeting.close_list())
    meeting.record(meeting.adjust_time(30))
    meeting.record(meeting.toggle_timer())
    for _ in range(19):
        meeting.record(meeting.undo())
    assert meeting.current_item().id == "debate" and meeting.floor() is None
    meeting.record(meeting.undo())
    empty = Meeting(small_agenda(), small_roster(), clock)
    assert every_view(meeting, clock.now()) == every_view(empty, clock.now())
    assert not meeting.can_undo()


def test_undo_of_an_item_start_restores_the_previous_item_and_its_list(meeting: Meeting) -> None:
    meeting.record(meeting.start_item("debate"))
    ask(meeting, "TR", InterventionKind.STATEMENT)
    meeting.record(meeting.next_item())
    meeting.record(meeting.undo())
    assert meeting.current_item().id == "debate"
    assert [r.who for r in meeting.queue()] == ["TR"]


def test_notes_are_not_taken_back_by_the_floor_undo(debate: Meeting) -> None:
    ask(debate, "TR")
    note = ev.new_event("note.added", debate.clock.now(), "rapporteur", note="n1", text="x",
                        session_id="s1", item_id="debate", intervention_id=None)
    debate.record([note])
    debate.record(debate.undo())
    assert debate.queue() == []


def test_a_second_process_folding_the_same_events_agrees(debate: Meeting, clock: FakeClock) -> None:
    ask(debate, "TR")
    debate.record(debate.give_floor())
    debate.record(debate.undo())
    other = Meeting(small_agenda(), small_roster(), clock)
    for event in debate.events:  # one at a time, as the store delivers them
        other.apply(event)
    assert every_view(other, clock.now()) == every_view(debate, clock.now())
