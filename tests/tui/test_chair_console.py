"""What a chair running a whole item found: each flow pressed as the chair presses it."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Static

from moderator.core import FakeClock
from moderator.core.model import InterventionKind as Kind
from moderator.core.views import ItemStatus
from moderator.tui.clock_app import build_clock_app
from moderator.tui.screens.add_request import AddRequest
from moderator.tui.screens.help import HelpScreen
from moderator.tui.screens.set_limit import SetLimit, parse_limit
from moderator.tui.widgets.agenda import AgendaPanel
from moderator.tui.widgets.big_countdown import BigCountdown
from moderator.tui.widgets.break_face import BreakFace
from moderator.tui.widgets.floor import FloorPanel
from moderator.tui.widgets.log import SpeakingLog
from moderator.tui.widgets.speakers import SpeakersPanel
from tests.tui.chair_meeting import chair_agenda, chair_app
from tests.tui.conftest import (
    add_request,
    make_roster,
    notices,
    paste,
    press,
    rendered,
    settle,
)

SIZE = (120, 36)
SMALL = (80, 24)


def floor_text(app) -> str:
    return "\n".join(str(s.render()) for s in app.screen.query_one(FloorPanel).query("Static"))


def screen_lines(pilot) -> list[str]:
    """The screen's rows as text, from the screenshot (each piece at its column)."""
    width, height = pilot.app.size
    rows = [[" "] * width for _ in range(height)]
    svg = pilot.app.export_screenshot()
    pattern = (r'<text [^>]*x="([\d.]+)" y="[\d.]+" textLength="([\d.]+)" '
               r'clip-path="url\(#[\w-]+-line-(\d+)\)">(.*?)</text>')
    for x, length, line, piece in re.findall(pattern, svg):
        text = html.unescape(piece).replace("\xa0", " ")
        cell = float(length) / max(1, len(text))
        start = round(float(x) / cell) if cell else 0
        rows[int(line)][start:start + len(text)] = text
    return ["".join(row).rstrip() for row in rows]


async def france_interrupted_by_ukraine(pilot) -> None:
    """`] a france Enter n o ukraine Enter n`: Ukraine's point of order suspends France."""
    await press(pilot, "right_square_bracket")
    await add_request(pilot, "france")
    await press(pilot, "n")
    await pilot.press("o")
    await pilot.pause()
    await paste(pilot, "ukraine")
    await pilot.press("enter")
    await settle(pilot)
    await press(pilot, "n")


async def test_readd_after_a_point_of_order_puts_back_the_speaker_who_finished(make_app) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await france_interrupted_by_ukraine(pilot)
        await press(pilot, "n", "space", "f", "r")
        top = app.meeting.queue()[0]
        assert (top.who, top.kind) == ("FR", Kind.STATEMENT)
        assert "POINT OF ORDER" not in rendered(app, SpeakersPanel) and "France" in rendered(app, SpeakersPanel)


async def test_next_after_a_point_of_order_resumes_the_speaker_and_says_paused(make_app) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await france_interrupted_by_ukraine(pilot)
        assert app.meeting.queue() == []
        await press(pilot, "n")
        assert app.meeting.floor().who == "FR" and not app.meeting.timer().running
        assert "TIMER PAUSED — back after the point of order: space resumes" in floor_text(app)
        assert app.screen.query_one(FloorPanel).has_class("-resumed")
        assert "France has the floor again, TIMER PAUSED" in notices(app)[-1][1]
        await press(pilot, "space")
        assert "TIMER PAUSED" not in floor_text(app)


async def test_giving_the_floor_from_the_list_while_suspended_asks_first(make_app) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await france_interrupted_by_ukraine(pilot)
        await add_request(pilot, "italy")
        await press(pilot, "s", "enter")
        assert app.meeting.floor().who == "UA"  # nothing happened yet
        assert "France is suspended by the point of order: Enter again" in notices(app)[-1][1]
        await press(pilot, "enter")
        assert app.meeting.floor().who == "IT"
        assert "France, suspended by the point of order, did not resume" in notices(app)[-1][1]


async def test_a_group_statement_by_a_non_member_is_refused_in_words(make_app) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket")
        await add_request(pilot, "switz", "tab", *"EU")
        assert app.meeting.queue() == []
        assert "Switzerland is not a member of European Union" in rendered(app, "#problem")
        # The dialog stays open with what was typed, to be corrected.
        assert isinstance(app.screen, AddRequest)
        assert app.screen.query_one("#on-behalf").value == "EU"
        await pilot.press("escape")
        await add_request(pilot, "austria", "tab", *"EU")
        await add_request(pilot, "austria")  # her national statement is another request
        assert [(r.who, r.on_behalf) for r in app.meeting.queue()] == [("AT", "EU"), ("AT", None)]


async def test_a_with_no_item_open_says_at_once_which_key_opens_one(make_app) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await press(pilot, "a")
        assert not any(isinstance(s, AddRequest) for s in app.screen_stack)
        assert notices(app)[-1] == (
            "warning", "No agenda item is open for a request for the floor: ] opens “Opening of "
            "the seminar”")


async def test_in_questions_to_the_panel_the_dialog_starts_on_question(make_app) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        app.link.run(lambda: app.meeting.start_item("qa-1"))  # the keys are not the subject
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        kinds = str(app.screen.query_one("#kind").render())
        assert "◉ F5 Question" in kinds and "○ F2 Statement" in kinds  # a sign, not a colour
        await pilot.press("f2")
        await pilot.pause()
        assert "◉ F2 Statement" in str(app.screen.query_one("#kind").render())
        await pilot.press("f5", *"japan", "enter")
        await settle(pilot)
        assert [(r.who, r.kind) for r in app.meeting.queue()] == [("JP", Kind.QUESTION)]


async def test_k_skips_the_next_item_and_undo_takes_it_back(make_app) -> None:
    async with make_app().run_test(size=SMALL) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket", "k")
        assert app.meeting.item_status("discussion-1") is ItemStatus.SKIPPED
        assert notices(app)[-1][1] == "Skipped “Public-private partnerships”"
        strip = str(app.screen.query_one(AgendaPanel).render())
        assert "Next  10:15 Questions to the panel" in strip.replace("→ ", "")
        await press(pilot, "ctrl+z")
        assert app.meeting.item_status("discussion-1") is ItemStatus.PENDING
        assert notices(app)[-1][1] == "Undone: Skipped “Public-private partnerships”"


async def test_the_chair_sets_the_speakers_limit_and_the_items(make_app) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket")
        await add_request(pilot, "turki")
        await add_request(pilot, "austria")
        await press(pilot, "n", "equals_sign")
        assert isinstance(app.screen, SetLimit)
        await paste(pilot, "2:30")
        await pilot.press("enter")
        await settle(pilot)
        assert app.meeting.floor().allotted == 150
        assert notices(app)[-1][1] == "Limit for Türkiye: 2:30"
        await press(pilot, "i")
        await paste(pilot, "two")
        await pilot.press("enter")  # not a time: the dialog stays, and says so
        await pilot.pause()
        assert isinstance(app.screen, SetLimit)
        assert "is not a time" in notices(app)[-1][1]
        await pilot.press(*["backspace"] * 3, "2", "enter")
        await settle(pilot)
        assert app.meeting.queue()[0].seconds == 120
        assert app.meeting.floor().allotted == 150  # the speaker keeps theirs
        assert notices(app)[-1][1] == ("Limit for each statement on “Opening of the seminar”: "
                                       "2:00")


def test_limits_are_typed_as_a_chair_says_them() -> None:
    assert [parse_limit(t) for t in ("3", "2:30", "90s", "2.5", "1,5 min", " 4 m ")] == [
        180, 150, 90, 150, 90, 240]
    assert [parse_limit(t) for t in ("", "0", "two", "3:75", "-1")] == [None] * 5


async def test_the_item_does_not_close_on_one_press_while_scheduled_speakers_wait(
        database: Path, clock: FakeClock) -> None:
    async with chair_app(database, clock).run_test(size=SIZE) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket")
        clock.advance(60)
        await press(pilot, "right_square_bracket")
        assert app.meeting.current_item().id == "opening"
        assert notices(app)[-1] == ("warning", "Press ] again to finish the item and open "
                                    "“Public-private partnerships”: 2 scheduled speakers not heard "
                                    "(Anna Berger, Japan (Partner for Co-operation)).")
        await press(pilot, "right_square_bracket")
        assert app.meeting.current_item().id == "discussion-1"


async def test_requests_dropped_by_the_end_of_an_item_are_named(make_app) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket")
        await add_request(pilot, "turki")
        await add_request(pilot, "austria")
        await press(pilot, "right_square_bracket", "right_square_bracket")
        assert "2 waiting requests dropped: Türkiye, Austria" in notices(app)[-1][1]
        assert ("Not heard on “Opening of the seminar” (dropped): Türkiye, Austria"
                in rendered(app, SpeakersPanel))
        await add_request(pilot, "italy")
        assert "(dropped): Türkiye, Austria" in rendered(app, SpeakersPanel)  # until someone speaks
        await press(pilot, "n", "f")
        assert "dropped" not in rendered(app, SpeakersPanel)


async def test_a_break_counts_down_to_the_resumption_on_the_console_and_the_clock(
        database: Path, clock: FakeClock) -> None:
    app = chair_app(database, clock)
    async with app.run_test(size=SMALL) as pilot:
        app.link.run(lambda: app.meeting.start_item("coffee-1"), announce=True)
        await settle(pilot)
        clock.advance(300)
        app.screen.tick()
        await pilot.pause()
        assert app.screen.has_class("-break")
        face = app.screen.query_one(BreakFace)
        assert face.display and not app.screen.query_one(FloorPanel).display
        assert rendered(app, "#break-title") == "COFFEE BREAK  ·  the meeting resumes at 09:15"
        assert face.query_one(BigCountdown).face == "10:00"
        assert rendered(app, "#break-next") == "Next: Closing discussion"
    clock_app = build_clock_app(chair_agenda(), make_roster(), database, clock)
    async with clock_app.run_test(size=(100, 30)) as pilot:
        clock.advance(660)  # a minute past the resumption
        clock_app.screen.tick()
        await pilot.pause()
        assert clock_app.screen.has_class("-break")
        assert clock_app.screen.query_one(BreakFace).query_one(BigCountdown).face == "-1:00"
        assert "the meeting resumes at 09:15" in rendered(clock_app, "#break-title")
        assert "Resumption is 1:00 overdue" in rendered(clock_app, "#break-next")


async def test_the_audience_clock_says_paused_not_time_is_up(make_app, database, clock) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await france_interrupted_by_ukraine(pilot)
        clock.advance(70)
        await press(pilot, "n")  # France back, paused
    clock_app = build_clock_app(chair_agenda(), make_roster(), database, clock)
    async with clock_app.run_test(size=(100, 30)) as pilot:
        assert str(clock_app.screen.query_one("#state").render()) == "PAUSED"


async def test_notifications_are_one_line_and_never_cover_the_floor_or_the_list(make_app) -> None:
    async with make_app().run_test(size=SMALL, notifications=True) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket")
        for name in ("turki", "markup", "united states", "united kingdom"):
            await add_request(pilot, name)
        await press(pilot, "right_square_bracket", "right_square_bracket", "right_square_bracket",
                    "l", "l")
        await pilot.pause()
        assert len(notices(app)) >= 4
        floor = app.screen.query_one(FloorPanel).region
        speakers = app.screen.query_one(SpeakersPanel).region
        messages = app.screen.query_one("#messages").region
        assert messages.height == 1
        assert not messages.overlaps(floor) and not messages.overlaps(speakers)
        assert all(toast.region.height <= 1 for toast in app.screen.query("Toast"))
        # The newest alone on the messages row; the older ones nowhere on the screen.
        lines = screen_lines(pilot)
        assert lines[messages.y].strip(" ▌") == "Reopened the list of speakers"
        for older in ("Closed the list of speakers", "Opened “Questions to the panel”"):
            assert not any(older in line for line in lines)
        assert lines[-1].startswith("space Timer")  # the footer stays in view


async def test_the_footer_at_80_columns_has_the_chairs_keys(make_app) -> None:
    async with make_app().run_test(size=SMALL) as pilot:
        await press(pilot, "right_square_bracket")
        footer = screen_lines(pilot)[-1]
        assert footer.startswith("space Timer")
        for key in ("n Next", "f Finish", "a Add", "o Order", "+- Time", "] Item", "l List",
                    "^z Undo", "? Help"):
            assert key in footer
        assert "Withdraw" not in footer


async def test_help_lists_exactly_the_consoles_keys_and_closes(make_app) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await press(pilot, "question_mark")
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        console = Console(width=160, record=True, file=io.StringIO())
        console.print(help_screen.query_one("#keys", Static).content)
        rows = [re.split(r"\s{2,}", line.strip()) for line in console.export_text().splitlines()]
        assert [row[0] for row in rows if row[0]] == [
            "This help", "Escape / q / ? / F1", "↑ / ↓ / PgUp / PgDn",
            "Console", "space", "n", "f", "a", "o", "+", "-", "=", "i", "]", "[", "k", "l", "r",
            "m", "ctrl+z", "ctrl+n", "e", "s", "h", "p", "d / ctrl+o", "ctrl+r",
            "Tab / shift+Tab",
            "Delegations' requests", "y", "w", "A", "v",
            "List of speakers (focused)", "↑", "↓", "shift+↑", "shift+↓", "x", "c", "Enter",
            "List of notes (focused)", "Enter", "ctrl+g", "ctrl+d", "ctrl+u", "ctrl+l",
            "Moving in the list (focused)", "↓", "↑", "Home", "End", "PgDn", "PgUp",
            "Note editor (focused)", "ctrl+s", "ctrl+t", "Escape", "ctrl+z / ctrl+y",
            "Everywhere", "? / F1", "t", "ctrl+p", "ctrl+q"]
        said = dict(row for row in rows if len(row) == 2)
        assert said["k"] == "Skip the next agenda item (ctrl+z takes it back)"
        assert said["ctrl+p"] == "The command palette: every action by name"
        await press(pilot, "escape")
        assert not isinstance(pilot.app.screen, HelpScreen)


@pytest.mark.slow
async def test_the_speakers_heard_scroll_and_the_agenda_is_a_strip_at_80x24(make_app, clock):
    async with make_app().run_test(size=SMALL) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket")
        names = ("turki", "austria", "germany", "france", "italy", "spain", "poland", "sweden")
        for name in names:
            await add_request(pilot, name)
        for _ in names:
            await press(pilot, "n")
            clock.advance(30)
        await press(pilot, "f")
        log = app.screen.query_one(SpeakingLog)
        assert log.size.height == 3 and log.max_scroll_y > 0
        assert log.scroll_y == log.max_scroll_y  # the latest in view
        assert "Sweden" in screen_lines(pilot)[log.region.bottom - 1]  # the log's last line
        await press(pilot, "h", "up", "up")
        assert log.has_focus and log.scroll_y < log.max_scroll_y
        # Reading further up, a new line leaves the log where the chair reads; back at the end,
        # the log follows the latest again.
        await add_request(pilot, "turki")
        await press(pilot, "escape")
        read_at = log.scroll_y
        await press(pilot, "n", "f")
        assert log.scroll_y == read_at < log.max_scroll_y
        await press(pilot, "h", "end")
        await add_request(pilot, "austria")
        await press(pilot, "n", "f")
        assert log.scroll_y == log.max_scroll_y
        assert "Austria" in screen_lines(pilot)[log.region.bottom - 1]
        await press(pilot, "h", "up", "up")
        strip = str(app.screen.query_one(AgendaPanel).render()).splitlines()
        assert len(strip) == 2
        assert "Now" in strip[0] and "Opening of the seminar" in strip[0]
        assert "Next" in strip[1] and "Public-private partnerships" in strip[1]
