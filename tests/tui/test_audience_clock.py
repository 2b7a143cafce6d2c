"""The audience clock: speaker, huge countdown, warning and overtime, who is next; never writes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from moderator.core import FakeClock
from moderator.store import StoreError
from moderator.tui.clock_app import build_clock_app
from moderator.tui.widgets.big_countdown import BigCountdown, big_lines
from tests.tui.conftest import make_agenda, make_roster
from tests.tui.test_rapporteur import Moderator


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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


async def test_shows_speaker_countdown_next_and_the_states(moderator, database, clock):
    app = build_clock_app(make_agenda(), make_roster(), database, clock)
    before = digest(database)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert "Türkiye" in text_of(app, "#speaker")
        assert screen.query_one(BigCountdown).face == "3:00"
        assert "Austria" in text_of(app, "#next") and "France" in text_of(app, "#next")
        assert "Italy" not in text_of(app, "#next")  # two or three, not the whole list
        clock.advance(160)
        screen.tick()
        await pilot.pause()
        assert screen.has_class("-warning") and "NEARLY UP" in text_of(app, "#state")
        clock.advance(25)
        screen.tick()
        await pilot.pause()
        assert screen.has_class("-overtime") and not screen.has_class("-warning")
        assert screen.query_one(BigCountdown).face == "-0:05"
        assert "TIME IS UP" in text_of(app, "#state")
        moderator.do(moderator.meeting.give_floor())  # Austria, followed live
        app.link.poll()  # what the follower thread does 4 times a second
        await pilot.pause()
        assert "Austria" in text_of(app, "#speaker")
        assert screen.query_one(BigCountdown).face == "3:00"
        assert "Austria" not in text_of(app, "#next")
        await pilot.resize_terminal(50, 14)
        await pilot.pause()
        countdown = screen.query_one(BigCountdown)
        rendered = str(countdown.render()).splitlines()
        assert rendered and max(len(line) for line in rendered) <= countdown.size.width
        moderator.do(moderator.meeting.finish_intervention())
        app.link.poll()
        await pilot.pause()
        assert "floor is open" in text_of(app, "#speaker")
    assert digest(database) != before  # the moderator wrote ...
    moderator.store.close()
    after_moderator = digest(database)
    app2 = build_clock_app(make_agenda(), make_roster(), database, clock)
    async with app2.run_test(size=(80, 24)) as pilot:
        clock.advance(600)
        app2.screen.tick()
        await pilot.pause()
    assert digest(database) == after_moderator  # ... the clock never does


def test_the_clock_never_creates_a_database(tmp_path, clock):
    with pytest.raises(StoreError, match="no meeting database"):
        build_clock_app(make_agenda(), make_roster(), tmp_path / "none.db.json", clock)
    assert not (tmp_path / "none.db.json").exists()
