"""Durations from the steady clock: a wall-clock step while someone speaks moves nothing."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from moderator.core import FakeClock, Meeting, new_event
from moderator.export import json_export
from moderator.export.build import build_summary
from tests.core.conftest import ask, small_agenda, small_roster

HOUR = 3600.0


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def speaking(clock: FakeClock) -> Meeting:
    """Türkiye has the floor on "debate" (180 s allotted), 60 s into the statement."""
    meeting = Meeting(small_agenda(), small_roster(), clock)
    meeting.record(meeting.start_item("debate"))
    ask(meeting, "TR")
    ask(meeting, "AT")
    meeting.record(meeting.give_floor())
    clock.advance(60)
    return meeting


def exported_seconds(meeting: Meeting, clock: FakeClock) -> list[tuple[str, int, str, str]]:
    document = json.loads(json_export.render(build_summary([meeting], clock)))
    return [(x["speaker"], x["speaking_seconds"], x["started_at"], x["ended_at"])
            for s in document["sessions"] for i in s["items"] for x in i["interventions"]]


def test_events_carry_the_steady_reading_its_boot_and_the_console(speaking, clock) -> None:
    [event] = speaking.toggle_timer()
    assert event["steady"] == clock.steady() and event["boot"] == clock.boot()
    assert event["console"] == speaking.console.id and event["host"] == speaking.console.host


@pytest.mark.parametrize("step", [HOUR, -70 * 60.0])
def test_a_wall_clock_step_leaves_the_countdown_and_the_recorded_time(speaking, clock, step):
    clock.step(step)
    clock.advance(10)
    # Between events: the countdown runs on the steady clock.
    assert speaking.timer().elapsed == pytest.approx(70, abs=1)
    assert speaking.timer().remaining == pytest.approx(110, abs=1)
    # The next event is decided at the stepped wall time: the fold still counts 70 s.
    speaking.record(speaking.toggle_timer())  # pause
    clock.advance(5)
    assert speaking.timer().elapsed == pytest.approx(70, abs=1)
    speaking.record(speaking.toggle_timer())  # resume
    clock.advance(20)
    speaking.record(speaking.give_floor())  # Austria next
    turkiye = speaking.log()[0]
    assert turkiye.speaking_seconds(speaking.now()) == pytest.approx(90, abs=1)
    assert turkiye.paused_seconds(speaking.now()) == pytest.approx(5, abs=1)
    # The record is consistent: the end is the start plus the time it took, never before it.
    assert (turkiye.ended_at - turkiye.started_at).total_seconds() == pytest.approx(95, abs=1)
    clock.advance(30)
    speaking.record(speaking.finish_intervention())
    rows = exported_seconds(speaking, clock)
    assert [(name, seconds) for name, seconds, _, _ in rows] == [("Türkiye", 90), ("Austria", 30)]
    for _, _, start, end in rows:
        assert start <= end


def test_pausing_during_a_backward_step_keeps_what_was_spoken(speaking, clock) -> None:
    clock.step(-70 * 60.0)
    speaking.record(speaking.toggle_timer())
    assert speaking.timer().elapsed == pytest.approx(60, abs=1)
    clock.advance(600)
    assert speaking.timer().elapsed == pytest.approx(60, abs=1)


def test_a_forward_step_is_not_overtime(speaking, clock) -> None:
    clock.step(HOUR)
    assert speaking.timer().state.value == "running"
    speaking.record(speaking.adjust_time(30))
    assert speaking.timer().remaining == pytest.approx(150, abs=1)


def test_the_item_time_is_steady_too(speaking, clock) -> None:
    clock.step(HOUR)
    clock.advance(40)
    speaking.record(speaking.finish_item())
    progress = speaking.state.progress["debate"]
    assert progress.seconds_spent == pytest.approx(100, abs=1)
    assert progress.last_ended - progress.first_started == timedelta(seconds=100)


def test_across_a_reboot_the_wall_clock_counts(speaking, clock) -> None:
    # The laptop restarted mid-statement: 5 minutes passed on the wall clock, steady restarted.
    clock.reboot(wall_seconds=300)
    assert speaking.timer().elapsed == pytest.approx(360, abs=1)
    speaking.record(speaking.toggle_timer())
    assert speaking.timer().elapsed == pytest.approx(360, abs=1)


def test_a_refold_agrees_with_the_live_fold_after_a_step(speaking, clock) -> None:
    clock.step(HOUR)
    clock.advance(15)
    speaking.record(speaking.give_floor())
    clock.advance(20)
    speaking.record(speaking.undo())  # Türkiye gets the floor back; Austria's 20 s are paused
    again = Meeting(small_agenda(), small_roster(), clock)
    again.apply_all(speaking.events)
    assert again.state == speaking.state
    turkiye = speaking.floor()
    assert turkiye.speaking_seconds(speaking.now()) == pytest.approx(75, abs=1)
    assert turkiye.paused_seconds(speaking.now()) == pytest.approx(20, abs=1)


def test_events_without_steady_readings_fold_by_wall_time(clock) -> None:
    """A database written before steady readings existed opens and folds as it did."""
    meeting = Meeting(small_agenda(), small_roster(), clock)
    at = clock.now()

    def old(type: str, seconds: float, **payload) -> dict:
        return new_event(type, at + timedelta(seconds=seconds), "moderator", action=type, **payload)

    meeting.record([old("item.started", 0, item="debate")])
    meeting.record([old("request.made", 1, request="r1", item="debate", who="TR", guest=None,
                        kind="statement", on_behalf=None, alignment=[], top=False)])
    meeting.record([old("floor.given", 2, intervention="x1", request="r1", item="debate",
                        session="s1", who="TR", guest=None, kind="statement", on_behalf=None,
                        alignment=[], allotted=180, suspends=None, running=True)])
    meeting.record([old("floor.ended", 47, intervention="x1")])
    assert "steady" not in meeting.events[0]
    assert meeting.log()[0].speaking_seconds(at) == 45


@pytest.mark.parametrize("disagreement_us", [0, 1, 9_899, 9_900, 9_950, 9_999, 10_000, 10_001,
                                             250_000, -9_999, -10_000, -10_001, -3_600_000_000])
def test_a_step_is_one_at_the_tolerance_exactly(disagreement_us: int,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The quick float check decides as the exact one does: a step from 10 ms on, either way."""
    from datetime import UTC, datetime

    from moderator.core import steady
    from moderator.core.state import MeetingState

    shifted: list[timedelta] = []
    state = MeetingState()
    at = datetime(2027, 3, 26, 9, 0, tzinfo=UTC)
    first = {"steady": 1000.123456, "boot": "b"}
    steady.place(state, first, at)
    later = at + timedelta(seconds=61.5, microseconds=disagreement_us)
    monkeypatch.setattr(steady, "shift_open", lambda _state, step: shifted.append(step))
    steady.place(state, {"steady": 1061.623456, "boot": "b"}, later)
    exact = later - (at + timedelta(seconds=1061.623456 - 1000.123456))
    assert shifted == ([exact] if abs(exact) >= steady.STEP_TOLERANCE else [])
    assert (shifted != []) == (abs(disagreement_us) >= 10_000)
    assert state.anchor == ("b", 1061.623456, later)
