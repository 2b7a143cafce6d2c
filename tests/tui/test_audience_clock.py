"""The audience clock: speaker, huge countdown, warning and overtime, who is next; never writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.visual import Visual, visualize

from moderator.core import FakeClock, Meeting
from moderator.tui.clock_app import build_clock_app
from moderator.tui.widgets.big_countdown import BigCountdown, big_lines
from tests.helpers.files import file_digest
from tests.tui.conftest import Moderator, make_agenda, make_roster, rendered, until, with_a_break


@pytest.fixture
def moderator(database: Path, clock: FakeClock) -> Moderator:
    m = Moderator(database, clock)
    m.do(m.meeting.start_item("discussion-1"))
    for who in ("TR", "AT", "DE", "FR", "IT"):
        m.do(m.meeting.request_floor(who))
    m.do(m.meeting.give_floor())
    return m


def test_big_lines_fill_the_width_and_refuse_what_cannot_fit():
    lines = big_lines("2:59", 100, 30)
    assert lines is not None and len(lines) % 5 == 0
    assert max(len(line) for line in lines) <= 100
    assert max(len(line) for line in lines) > 60  # large, not the 3-row digits
    assert big_lines("2:59", 10, 4) is None


async def test_a_new_second_draws_the_digits_that_changed_and_the_face_reads_whole(
        moderator, database, clock):
    """Each second the big countdown refreshes a box over the cells that changed, not its ten
    rows across the screen; what it draws there, over what was drawn, is the whole new face."""
    app = build_clock_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        countdown = app.screen.query_one(BigCountdown)
        width, height = countdown.size
        # The faces are the test's alone: the screen's second (a real timer; the clock stands
        # still) sets the meeting's face again, and one that came during the last face's
        # pause failed the test under a loaded suite.
        app.screen.show = lambda: None
        refreshed: list[tuple] = []
        refresh = countdown.refresh
        countdown.refresh = lambda *regions, **kw: (refreshed.append(regions),
                                                    refresh(*regions, **kw))[1]

        def drawn() -> list[str]:
            return [countdown.render_line(y).text for y in range(height)]

        shown = drawn()
        assert "█" in "".join(shown)
        faces = [f"{m}:{s:02}" for m in (2, 1, 0) for s in range(59, -1, -1)]
        faces += ["-0:01", "-0:10", "-1:00", "-10:00"]
        partial, areas = 0, []
        for face in faces:
            refreshed.clear()
            countdown.face = face
            await pilot.pause()
            new = drawn()
            boxes = [box for regions in refreshed for box in regions]
            if () not in refreshed:  # boxes alone, not the whole face (a new colour is)
                areas.append(sum(box.area for box in boxes))
                # The screen kept what it showed outside the boxes: that is the new face.
                for y, (old_row, new_row) in enumerate(zip(shown, new, strict=True)):
                    for x, (was, now) in enumerate(zip(old_row, new_row, strict=True)):
                        if not any(box.contains(x, y) for box in boxes):
                            assert was == now, (face, x, y)
                partial += 1
            shown = new
            # Each row as the face rendered whole (Textual's own way) draws it.
            whole = Visual.to_strips(countdown, visualize(countdown, countdown.render()),
                                     width, height, countdown.visual_style, pad=True)
            assert [strip.text for strip in whole] == new[:len(whole)]
            assert all(not row.strip() for row in new[len(whole):])
        assert countdown.face == "-10:00" and partial > 150
        # Most seconds change the last digit alone: a box over that digit, a fifth of the face.
        assert sorted(areas)[len(areas) // 2] <= width * height / 5


async def test_shows_speaker_countdown_next_and_the_states(moderator, database, clock):
    app = build_clock_app(make_agenda(), make_roster(), database, clock)
    before = file_digest(database)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert "Türkiye" in rendered(app, "#speaker")
        assert screen.query_one(BigCountdown).face == "3:00"
        assert "Austria" in rendered(app, "#next") and "France" in rendered(app, "#next")
        assert "Italy" not in rendered(app, "#next")  # two or three, not the whole list
        clock.advance(160)
        screen.tick()
        await pilot.pause()
        assert screen.has_class("-warning") and "NEARLY UP" in rendered(app, "#state")
        clock.advance(25)
        screen.tick()
        await pilot.pause()
        assert screen.has_class("-overtime") and not screen.has_class("-warning")
        assert screen.query_one(BigCountdown).face == "-0:05"
        assert "TIME IS UP" in rendered(app, "#state")
        moderator.do(moderator.meeting.give_floor())  # Austria, followed live
        app.link.poll()  # what the follower thread does 4 times a second
        await pilot.pause()
        assert "Austria" in rendered(app, "#speaker")
        assert screen.query_one(BigCountdown).face == "3:00"
        assert "Austria" not in rendered(app, "#next")
        await pilot.resize_terminal(50, 14)
        await pilot.pause()
        countdown = screen.query_one(BigCountdown)
        face = str(countdown.render()).splitlines()
        assert face and max(len(line) for line in face) <= countdown.size.width
        moderator.do(moderator.meeting.finish_intervention())
        app.link.poll()
        await pilot.pause()
        assert "Nobody has the floor" in rendered(app, "#speaker")
    assert file_digest(database) != before  # the moderator wrote ...
    moderator.store.close()
    after_moderator = file_digest(database)
    app2 = build_clock_app(make_agenda(), make_roster(), database, clock)
    async with app2.run_test(size=(80, 24)) as pilot:
        clock.advance(600)
        app2.screen.tick()
        await pilot.pause()
    assert file_digest(database) == after_moderator  # ... the clock never does


async def test_a_clock_started_first_waits_for_the_database_and_never_creates_it(tmp_path,
                                                                                  clock):
    database = tmp_path / "later.db.json"
    app = build_clock_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        app.watch.interval = 0.01  # the thread looks often; the test waits for it, not a clock
        await pilot.pause()
        assert "Waiting for the meeting's database" in rendered(app, "#speaker")
        assert str(database) in rendered(app, "#lost") and "does not exist yet" in rendered(
            app, "#lost")
        assert app.screen.query_one(BigCountdown).face == "-:--"
        await pilot.pause(0.05)
        assert not database.exists() and list(tmp_path.iterdir()) == []
        moderator = Moderator(database, clock)  # the moderator's console creates it
        moderator.do(moderator.meeting.start_item("discussion-1"))
        moderator.do(moderator.meeting.request_floor("TR"))
        moderator.do(moderator.meeting.give_floor())
        await until(pilot, lambda: app.waiting_for is None, "the clock found the database")
        await until(pilot, lambda: app.link.poll() or app.meeting.floor() is not None,
                    "the clock followed the floor")
        await pilot.pause()
        assert "Türkiye" in rendered(app, "#speaker")
        assert not app.screen.query_one("#lost").display
        moderator.do(moderator.meeting.finish_intervention())  # followed live from now on
        await until(pilot, lambda: app.link.poll() or app.meeting.floor() is None, "followed")
        await pilot.pause()
        assert "Nobody has the floor" in rendered(app, "#speaker")


async def test_a_break_shows_when_the_meeting_resumes_and_counts_down_to_it(database, clock):
    m = Moderator(database, clock)
    m.meeting = Meeting(with_a_break(make_agenda()), make_roster(), clock)
    clock.advance(3 * 60)
    m.do(m.meeting.start_item("coffee"))  # opened at 09:03 (Vienna): resumes at 09:18
    app = build_clock_app(with_a_break(make_agenda()), make_roster(), database, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        face = screen.query_one("#break-countdown", BigCountdown)
        assert screen.has_class("-break")
        assert "COFFEE BREAK" in rendered(app, "#break-title")
        assert "resumes at 09:18" in rendered(app, "#break-title")
        assert face.face == "15:00"
        assert "Questions to the panel" in rendered(app, "#break-next")
        assert not screen.query_one("#speaker").display  # no "floor is open" during a break
        clock.advance(14 * 60 + 30)
        screen.tick()
        await pilot.pause()
        assert face.face == "0:30"
        clock.advance(60)
        screen.tick()
        await pilot.pause()
        # Overdue: the room sees by how much, and the chair sees the same on the console.
        assert face.face == "-0:30"
        assert "0:30 overdue" in rendered(app, "#break-next")


async def test_a_pause_in_overtime_says_paused_and_the_item_is_shown(moderator, database, clock):
    app = build_clock_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert "Public-private partnerships" in rendered(app, "#item")
        clock.advance(186)
        moderator.do(moderator.meeting.toggle_timer())  # paused 6 s over time
        app.link.poll()
        clock.advance(30)
        screen.tick()
        await pilot.pause()
        assert "TIME IS UP  +0:06  ·  PAUSED" in rendered(app, "#state")
        assert screen.query_one(BigCountdown).face == "-0:06"  # paused: it does not move
        clock.advance(40)
        moderator.do(moderator.meeting.toggle_timer())  # resumed
        app.link.poll()
        screen.tick()
        await pilot.pause()
        assert "PAUSED" not in rendered(app, "#state")


async def test_a_deleted_database_is_said_lastingly_and_the_stale_speaker_goes(moderator,
                                                                               database, clock):
    app = build_clock_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "Türkiye" in rendered(app, "#speaker")
        moderator.store.close()
        database.unlink()
        await until(pilot, lambda: app.screen.lost is not None, "the follower saw it")
        for _ in range(3):  # long after a toast would have gone
            clock.advance(60)
            app.screen.tick()
            await pilot.pause()
            assert "has been deleted" in rendered(app, "#lost") and database.name in rendered(
                app, "#lost")
            assert app.screen.query_one("#lost").display
            assert "Türkiye" not in rendered(app, "#speaker")
            assert app.screen.query_one(BigCountdown).face == "-:--"
        assert not database.exists()  # the clock never writes it back
