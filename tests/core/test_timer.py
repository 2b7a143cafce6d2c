"""The speaker timer: states, suspension by a point of order, adjustments, zero drift."""

from __future__ import annotations

import pytest

from moderator.core.clock import FakeClock
from moderator.core.meeting import Meeting, Refused
from moderator.core.views import TimerState
from tests.core.conftest import ask


def test_no_speaker_is_idle(debate: Meeting) -> None:
    view = debate.timer()
    assert (view.state, view.intervention) == (TimerState.IDLE, None)


def test_giving_the_floor_starts_the_timer_and_space_pauses_and_resumes(
    debate: Meeting, clock: FakeClock
) -> None:
    ask(debate, "TR")
    debate.record(debate.give_floor())
    clock.advance(60)
    assert (debate.timer().state, debate.timer().elapsed, debate.timer().remaining) == (
        TimerState.RUNNING, 60, 120,
    )
    debate.record(debate.toggle_timer())
    clock.advance(100)
    view = debate.timer()
    assert (view.state, view.elapsed, view.running) == (TimerState.PAUSED, 60, False)
    assert view.intervention.paused_seconds(clock.now()) == 100
    debate.record(debate.toggle_timer())
    clock.advance(30)
    assert (debate.timer().state, debate.timer().elapsed) == (TimerState.RUNNING, 90)


def test_warning_then_overtime_counted(debate: Meeting, clock: FakeClock) -> None:
    ask(debate, "TR")
    debate.record(debate.give_floor())
    clock.advance(149)
    assert debate.timer().state is TimerState.RUNNING
    clock.advance(1)
    assert debate.timer().state is TimerState.WARNING  # 30 s left
    debate.record(debate.toggle_timer())
    assert (debate.timer().state, debate.timer().running) == (TimerState.WARNING, False)
    debate.record(debate.toggle_timer())
    clock.advance(45)
    view = debate.timer()
    assert (view.state, view.remaining) == (TimerState.OVERTIME, -15)
    debate.record(debate.finish_intervention())
    spoken = debate.log()[0]
    assert spoken.overtime_seconds(clock.now()) == 15
    assert spoken.ended_at == clock.now()


def test_space_with_nobody_on_the_floor_gives_it_to_the_next(debate: Meeting) -> None:
    with pytest.raises(Refused, match="Nobody is waiting"):
        debate.toggle_timer()
    ask(debate, "TR")
    debate.record(debate.toggle_timer())
    assert debate.floor().who == "TR"
    assert debate.timer().running


def test_adjust_time_live_and_never_below_zero(debate: Meeting, clock: FakeClock) -> None:
    ask(debate, "TR")
    debate.record(debate.give_floor())
    debate.record(debate.adjust_time(30))
    assert debate.timer().allotted == 210
    debate.record(debate.adjust_time(-300))
    assert debate.timer().allotted == 0
    with pytest.raises(Refused):
        debate.adjust_time(-30)


def test_a_point_of_order_suspends_the_speaker_without_charging_them(
    debate: Meeting, clock: FakeClock
) -> None:
    ask(debate, "TR")
    debate.record(debate.give_floor())
    clock.advance(40)
    ask(debate, "AT", "point-of-order")
    debate.record(debate.give_floor())
    assert debate.floor().who == "AT"
    assert debate.suspended().who == "TR"
    assert debate.timer().allotted == 60
    clock.advance(50)
    debate.record(debate.finish_intervention())
    # Türkiye holds the floor again, paused: the chair resumes when they speak.
    assert debate.floor().who == "TR" and debate.suspended() is None
    view = debate.timer()
    assert (view.state, view.elapsed) == (TimerState.PAUSED, 40)
    debate.record(debate.toggle_timer())
    clock.advance(20)
    assert debate.timer().elapsed == 60
    debate.record(debate.finish_intervention())
    tr = debate.log()[0]
    assert (tr.speaking_seconds(clock.now()), tr.paused_seconds(clock.now())) == (60, 50)
    assert [i.who for i in debate.log()] == ["TR", "AT"]


def test_next_after_a_point_of_order_resumes_the_suspended_speaker(
    debate: Meeting, clock: FakeClock
) -> None:
    ask(debate, "TR")
    debate.record(debate.give_floor())
    clock.advance(20)
    ask(debate, "AT", "point-of-order")
    ask(debate, "JP")
    debate.record(debate.give_floor())
    clock.advance(30)
    debate.record(debate.give_floor())  # `n`: the point of order ends, Türkiye resumes
    assert debate.floor().who == "TR" and debate.suspended() is None
    assert [r.who for r in debate.queue()] == ["JP"]
    assert debate.timer().elapsed == 20
    debate.record(debate.toggle_timer())
    clock.advance(100)
    debate.record(debate.give_floor())  # now Japan, and Türkiye's statement ends at 2:00
    assert debate.floor().who == "JP"
    assert debate.log()[0].speaking_seconds(clock.now()) == 120


def test_choosing_a_new_speaker_during_a_point_of_order_ends_both(
    debate: Meeting, clock: FakeClock
) -> None:
    ask(debate, "TR")
    debate.record(debate.give_floor())
    ask(debate, "AT", "point-of-order")
    ask(debate, "JP")
    debate.record(debate.give_floor())
    clock.advance(10)
    japan = debate.queue()[0].id
    debate.record(debate.give_floor(japan))  # the chair picks Japan from the list
    assert debate.floor().who == "JP" and debate.suspended() is None
    assert all(i.ended_at == clock.now() for i in debate.log()[:2])


def test_a_second_point_of_order_replaces_the_first_and_keeps_the_suspended_speaker(
    debate: Meeting,
) -> None:
    ask(debate, "TR")
    debate.record(debate.give_floor())
    ask(debate, "AT", "point-of-order")
    ask(debate, "US", "point-of-order")
    debate.record(debate.give_floor())
    debate.record(debate.give_floor())
    assert debate.floor().who == "US" and debate.suspended().who == "TR"
    debate.record(debate.finish_intervention())
    assert debate.floor().who == "TR"


def test_three_hours_of_timing_have_zero_drift(debate: Meeting, clock: FakeClock) -> None:
    ask(debate, "TR")
    debate.record(debate.give_floor())
    debate.record(debate.adjust_time(3 * 3600))
    # 10,800 one-second steps with a pause of 0.1 s every 100 s.
    for step in range(10_800):
        clock.advance(1)
        if step % 100 == 0:
            debate.record(debate.toggle_timer())
            clock.advance(0.1)
            debate.record(debate.toggle_timer())
    view = debate.timer()
    assert view.elapsed == pytest.approx(10_800, abs=1e-6)
    assert view.intervention.paused_seconds(clock.now()) == pytest.approx(10.8, abs=1e-6)


def test_elapsed_is_never_negative_with_a_clock_behind(debate: Meeting, clock: FakeClock) -> None:
    ask(debate, "TR")
    debate.record(debate.give_floor())
    clock.advance(-5)
    assert debate.timer().elapsed == 0
