"""The schedule forecast on worked examples (Vienna, UTC+1: session 1 is 08:00-09:30 UTC)."""

from __future__ import annotations

from datetime import UTC, datetime

from moderator.core.clock import FakeClock
from moderator.core.meeting import Meeting
from moderator.core.views import ItemStatus
from tests.core.conftest import ask


def utc(hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2026, 12, 10, hour, minute, second, tzinfo=UTC)


def test_planned_times_are_the_agendas_local_times_in_utc(meeting: Meeting) -> None:
    items = {f.item_id: f for f in meeting.forecast().items}
    assert (items["opening"].planned_start, items["opening"].planned_end) == (utc(8, 0), utc(8, 20))
    assert (items["qa"].planned_start, items["qa"].planned_end) == (utc(9, 0), utc(9, 30))
    assert items["closing"].planned_start == utc(10, 30)
    sessions = meeting.forecast().sessions
    assert (sessions[1].planned_start, sessions[1].planned_minutes) == (utc(10, 0), 90)


def test_before_the_start_the_session_is_on_time_and_then_late(
    meeting: Meeting, clock: FakeClock
) -> None:
    forecast = meeting.forecast()
    assert (forecast.projected_session_end, forecast.status) == (utc(9, 30), "starts at 09:00")
    clock.set(utc(8, 10))
    assert meeting.forecast().status == "running 10 min late"


def test_a_late_start_with_scheduled_speakers(meeting: Meeting, clock: FakeClock) -> None:
    clock.set(utc(8, 5))
    meeting.record(meeting.start_item("opening"))
    forecast = meeting.forecast()
    # 600 s + 300 s of scheduled speakers: the item ends 08:20, the session on time.
    assert forecast.projected_item_end == utc(8, 20)
    assert forecast.projected_session_end == utc(9, 30)
    assert (forecast.late_minutes, forecast.status) == (0, "on time")
    assert forecast.fair_limit_seconds == 450  # 15 min left for two speakers

    meeting.record(meeting.give_floor())
    clock.set(utc(8, 17))  # the keynote runs two minutes over
    forecast = meeting.forecast()
    assert forecast.projected_item_end == utc(8, 22)
    assert (forecast.late_minutes, forecast.status) == (2, "running 2 min late")
    assert forecast.fair_limit_seconds == 180


def test_planned_versus_actual_and_ahead_of_time(meeting: Meeting, clock: FakeClock) -> None:
    clock.set(utc(8, 5))
    meeting.record(meeting.start_item("opening"))
    clock.set(utc(8, 22))
    meeting.record(meeting.next_item())
    opening = meeting.forecast().items[0]
    assert (opening.planned_minutes, opening.actual_minutes) == (20, 17)
    assert (opening.started_at, opening.ended_at) == (utc(8, 5), utc(8, 22))
    assert meeting.item_status("opening") is ItemStatus.DONE
    ask(meeting, "TR")
    ask(meeting, "AT")
    forecast = meeting.forecast()
    # Two statements of 180 s, then the 30-minute Q&A: 08:58 against 09:30.
    assert forecast.projected_item_end == utc(8, 28)
    assert forecast.projected_session_end == utc(8, 58)
    assert (forecast.late_minutes, forecast.status) == (-32, "32 min ahead")
    assert forecast.fair_limit_seconds == (38 * 60) // 2


def test_a_break_lasts_its_planned_minutes(meeting: Meeting, clock: FakeClock) -> None:
    clock.set(utc(10, 5))
    meeting.record(meeting.start_item("coffee"))
    forecast = meeting.forecast()
    assert forecast.projected_item_end == utc(10, 35)
    assert (forecast.projected_session_end, forecast.status) == (utc(11, 35), "running 5 min late")
    assert meeting.current_session().id == "s2"


def test_the_fair_limit_is_zero_when_the_time_is_gone(debate: Meeting, clock: FakeClock) -> None:
    clock.set(utc(9, 10))
    ask(debate, "TR")
    assert debate.forecast().fair_limit_seconds == 0


def test_a_session_held_on_another_day_is_measured_on_that_day(
    meeting: Meeting, clock: FakeClock
) -> None:
    # A rehearsal ten days early: 08:05 UTC on that day is five minutes into the slot.
    clock.set(datetime(2026, 11, 30, 8, 5, tzinfo=UTC))
    planned = meeting.plan().times["opening"][0]  # the plan before: the agenda's day
    assert planned == datetime(2026, 12, 10, 8, 0, tzinfo=UTC)
    meeting.record(meeting.start_item("opening"))
    assert meeting.plan().times["opening"][0] == datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    forecast = meeting.forecast()
    assert (forecast.late_minutes, forecast.status) == (0, "on time")
    assert forecast.projected_session_end == datetime(2026, 11, 30, 9, 30, tzinfo=UTC)
    assert forecast.sessions[0].planned_start == datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    assert forecast.items[0].planned_start == datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


def test_before_the_meeting_day_the_status_is_the_plan_not_the_wait(
    meeting: Meeting, clock: FakeClock
) -> None:
    # The evening before, nothing has started: the plan alone, not 14 hours "late".
    clock.set(datetime(2026, 12, 9, 18, 0, tzinfo=UTC))
    forecast = meeting.forecast()
    assert (forecast.projected_session_end, forecast.late_minutes) == (utc(9, 30), 0)
    assert forecast.status == "starts at 09:00"


def test_the_headline_is_the_forecasts_own_at_every_moment(clock: FakeClock) -> None:
    """The status bar's headline, made without each item's forecast, says what the whole
    forecast says: through a random day, before the forecast is made and after."""
    from moderator.core.forecast import held_on, planned_times
    from moderator.core.views import Plan
    from tests.core.conftest import play
    from tests.helpers.small_meeting import small_agenda, small_roster

    meeting = Meeting(small_agenda(), small_roster(), clock)
    for seed in range(30):
        play(meeting, clock, 20, seed=seed, day=True)
        for later in (0, 37, 600):
            now = clock.now()
            alone = meeting.headline(now)
            whole = meeting.forecast(now)
            assert (alone.status, alone.late_minutes, alone.projected_session_end) == (
                whole.status, whole.late_minutes, whole.projected_session_end)
            assert meeting.headline(now) == alone  # read off the forecast made just now
            # The agenda's planned starts, read without the forecast, are the forecast's; the
            # plan the meeting keeps for its state is the plan made afresh.
            days = held_on(meeting)
            assert meeting.plan() == Plan(days, planned_times(meeting.agenda, days))
            assert {i: start for i, (start, _) in meeting.plan().times.items()} == {
                f.item_id: f.planned_start for f in whole.items}
            clock.advance(later)
