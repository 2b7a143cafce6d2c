"""What a console does between keys: the collector kept out of the key path (frozen after the
first frame, no full pass by itself while it runs), and a tick only when the time shown moves."""

from __future__ import annotations

import gc

from moderator.tui.ticking import next_change

from .conftest import press

SIZE = (120, 36)


async def test_the_collector_is_frozen_after_the_first_frame_and_restored_at_exit(
        make_app) -> None:
    threshold = gc.get_threshold()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert gc.get_freeze_count() > 0  # the opening's objects: out of every later pass
        assert gc.get_threshold()[:2] == threshold[:2]  # the young generations still run
        assert gc.get_threshold()[2] > 10 ** 6  # no full pass by itself while keys come
        await press(pilot, "right_square_bracket")
        assert app.meeting.current_item() is not None
    assert gc.get_threshold() == threshold
    assert gc.get_freeze_count() == 0


async def test_a_launched_console_turns_the_collector_on_at_its_first_frame(make_app) -> None:
    """Launched as the command launches it (`collector.launching`): no pass of the collector
    until the first frame is shown, and the collector runs again from then on."""
    from moderator.store import collector

    collector.launching()
    try:
        app = make_app()  # the opening folds with the collector off
        assert not gc.isenabled()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.pause()
            assert gc.isenabled()
            await press(pilot, "right_square_bracket")
        assert gc.isenabled()
    finally:
        collector.launched()  # (whatever failed above: the next tests with the collector on)


def test_the_next_tick_is_the_next_second_of_the_clock_or_the_timer(make_app, clock) -> None:
    app = make_app()
    meeting = app.meeting
    clock.advance(0.25)  # a quarter past a whole second, nobody on the floor
    assert abs(next_change(meeting, clock.now()) - 0.755) < 1e-6
    meeting.apply_all(meeting.start_item())
    meeting.apply_all(meeting.request_floor("TR"))
    meeting.apply_all(meeting.give_floor())  # the timer starts a quarter past
    clock.advance(0.6)  # the clock at .85: its next second comes before the timer's (.25)
    assert abs(next_change(meeting, clock.now()) - 0.155) < 1e-6
    clock.advance(0.3)  # .15 past the second, the timer .9 into its second
    assert abs(next_change(meeting, clock.now()) - 0.105) < 1e-6
    app.opened.close()


def test_with_nobody_on_the_floor_a_console_ticks_at_most_once_a_second(make_app,
                                                                       clock) -> None:
    app = make_app()
    assert clock.now().timestamp() % 1 == 0
    assert next_change(app.meeting, clock.now()) == 1.0
    clock.advance(0.999)
    assert next_change(app.meeting, clock.now()) == 0.02  # never sooner than that
    app.opened.close()
