"""State reaches the widgets one way: a screen publishes a `Frame` on its reactive, its widgets
are bound to it and draw at their pace, and what they show is a reactive compared by value.

The source is read for the ways that were removed (a widget's `show(meeting, now)` called by a
screen, a private "did it change" attribute, on a widget of its own or set on another); the
console is run to see that a frame equal to the last one refreshes nothing."""

from __future__ import annotations

import ast
from datetime import timedelta
from pathlib import Path

from rich.text import Text

from moderator.tui.frame import Frame, Pace, PublishesFrame, Shown, ShownText
from moderator.tui.widgets.floor import FloorPanel
from moderator.tui.widgets.speakers import SpeakersPanel
from moderator.tui.widgets.status import StatusBar

from .conftest import add_request, press, settle

TUI = Path(__file__).resolve().parents[2] / "moderator" / "tui"
SIZE = (120, 36)
# The home-made caches the frame replaced: none may come back under another widget.
CACHES = {"_quiet_shown", "_shown", "_signature", "_listed", "_floor_shown", "_shown_face",
          "_shown_slow", "_lines", "_meeting"}


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8")))
            for path in sorted(TUI.rglob("*.py"))]


def test_no_screen_pushes_the_meeting_to_a_widget_by_hand() -> None:
    found = []
    for path, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr == "show" and any(
                        "meeting" in ast.unparse(argument) for argument in node.args):
                found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    assert found == []


def test_no_home_made_did_it_change_cache_remains() -> None:
    found = []
    for path, tree in _modules():
        for node in ast.walk(tree):
            targets = node.targets if isinstance(node, ast.Assign) else \
                [node.target] if isinstance(node, ast.AnnAssign) else []
            for target in targets:
                if not isinstance(target, ast.Attribute):
                    continue
                owner = ast.unparse(target.value)
                # A private attribute set on another object (quiet.py did it to Textual's
                # widgets), or one of the caches the frame replaced.
                if (owner != "self" and target.attr.startswith("_")) or target.attr in CACHES:
                    found.append(f"{path.name}:{node.lineno}: {ast.unparse(target)}")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id in ("getattr", "setattr") and len(node.args) > 1 \
                    and isinstance(node.args[1], ast.Constant) and node.args[1].value in CACHES:
                found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    assert found == []
    assert not (TUI / "widgets" / "quiet.py").exists()


def test_shown_compares_everything_that_draws() -> None:
    assert Shown(Text("Austria", style="bold")) == Shown(Text("Austria", style="bold"))
    assert Shown(Text("Austria", style="bold")) != Shown(Text("Austria", style="dim"))
    assert Shown(Text("Austria", overflow="ellipsis")) != Shown(Text("Austria", overflow="fold"))
    assert Shown(Text("Austria", justify="center")) != Shown(Text("Austria"))
    assert Shown(Text("Austria", no_wrap=True)) != Shown(Text("Austria"))
    spanned = Text("Austria")
    spanned.stylize("reverse", 0, 3)
    assert Shown(spanned) != Shown(Text("Austria"))
    assert Shown("Austria") != Shown(Text("Austria"))


async def test_a_frame_equal_to_the_last_refreshes_nothing(make_app, clock) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "right_square_bracket")
        await add_request(pilot, "turki")
        await add_request(pilot, "austria")
        await press(pilot, "n")
        screen = app.screen
        status, floor = screen.query_one(StatusBar), screen.query_one(FloorPanel)
        speakers = screen.query_one(SpeakersPanel)
        assert isinstance(screen, PublishesFrame)
        assert status.frame == floor.frame == speakers.frame == screen.frame
        draws: list[str] = []

        def counted(name: str):
            return lambda frame: draws.append(name)

        for widget in (status, floor, speakers):
            widget.draw = counted(type(widget).__name__)
        refreshed: list[str] = []
        for text in screen.query(ShownText):
            original = text.refresh
            text.refresh = lambda *a, _o=original, _n=text.id, **k: (refreshed.append(_n),
                                                                    _o(*a, **k))[1]
        frame = screen.frame
        screen.tick()  # the clock did not move: an equal frame
        await pilot.pause()
        assert screen.frame is frame
        assert draws == [] and refreshed == []
        clock.advance(1)  # the next second: the clock and the countdown, not the list
        screen.tick()
        await pilot.pause()
        assert screen.frame != frame
        slow = screen.frame.mark(Pace.SLOW) != frame.mark(Pace.SLOW)  # every SLOW_SECONDS
        assert sorted(draws) == ["FloorPanel", *["SpeakersPanel"] * slow, "StatusBar"]


def test_a_widget_draws_when_the_part_of_the_frame_it_shows_moved(make_app) -> None:
    meeting = make_app().meeting
    frame = Frame.of(meeting)
    later = Frame(meeting, frame.now, frame.record, frame.second + 1, frame.timer)
    assert later != frame
    assert later.mark(Pace.SECOND) != frame.mark(Pace.SECOND)
    assert later.mark(Pace.STATE) == frame.mark(Pace.STATE)
    assert later.mark(Pace.RECORD) == frame.mark(Pace.RECORD)
    folded = Frame(meeting, frame.now, (*frame.record[:2], frame.record[2] + 1), frame.second,
                   frame.timer)
    assert folded.mark(Pace.RECORD) != frame.mark(Pace.RECORD)
    assert folded.mark(Pace.STATE) == frame.mark(Pace.STATE)  # a note leaves the log be
    # The agenda: the state and the day, not the seconds (nor a note).
    assert later.mark(Pace.DAY) == folded.mark(Pace.DAY) == frame.mark(Pace.DAY)
    changed = Frame(meeting, frame.now, (frame.record[0], frame.record[1] + 1, frame.record[2]),
                    frame.second, frame.timer)
    assert changed.mark(Pace.DAY) != frame.mark(Pace.DAY)
    tomorrow = Frame(meeting, frame.now + timedelta(days=1), frame.record,
                     frame.second + 86400, frame.timer)
    assert tomorrow.mark(Pace.DAY) != frame.mark(Pace.DAY)


async def test_a_floor_key_draws_the_lines_that_changed_not_the_whole_screen(make_app) -> None:
    """The blank screen under the console (`Backdrop`) never repaints the console whole, and
    the floor's classes change in one restyle, however many change."""
    from textual._compositor import Compositor

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "right_square_bracket")
        await add_request(pilot, "turki")
        await press(pilot, "n")
        await pilot.pause()
        whole: list[int] = []
        full = Compositor.render_full_update

        def counted(compositor, *args, **kwargs):
            whole.append(1)
            return full(compositor, *args, **kwargs)

        restyled: list[str] = []
        floor = app.screen.query_one(FloorPanel)
        update_styles = app.update_styles
        app.update_styles = lambda node=None, animate=True: (
            restyled.append(getattr(node, "id", None)), update_styles(node, animate))[1]
        Compositor.render_full_update = counted
        try:
            for _ in range(3):  # start, stop (paused: three classes change), start again
                classes = set(floor.classes)
                await press(pilot, "space")
                await pilot.pause()
                assert set(floor.classes) != classes
        finally:
            Compositor.render_full_update = full
        assert whole == []
        assert restyled.count("floor") == 3


async def test_a_line_added_to_a_full_log_scrolls_it_in_the_same_frame(make_app, clock) -> None:
    """The log follows its latest line by its anchor, in the layout the new line needs: not by
    a scroll of its own afterwards, which drew the whole screen again."""
    from textual._compositor import Compositor

    from moderator.tui.widgets.log import SpeakingLog

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "right_square_bracket")
        names = ("turki", "austria", "germany", "france", "italy", "spain", "poland")
        for name in names:
            await add_request(pilot, name)
        for _ in names[:5]:
            await press(pilot, "n")
            clock.advance(30)
        log = app.screen.query_one(SpeakingLog)
        assert log.max_scroll_y > 0
        whole: list[int] = []
        full = Compositor.render_full_update
        Compositor.render_full_update = lambda compositor, *a, **k: (whole.append(1),
                                                                     full(compositor, *a, **k))[1]
        try:
            for _ in names[5:]:
                await press(pilot, "n")
                await pilot.pause()
                assert log.scroll_y == log.max_scroll_y
        finally:
            Compositor.render_full_update = full
        assert whole == []


async def speak(pilot, clock, *delegations: str) -> None:
    """Each delegation asks, is given the floor, speaks 30 s and finishes, each decision
    recorded through the console's loop on the state the last one made."""
    app, meeting = pilot.app, pilot.app.meeting
    for delegation in delegations:
        app.link.run(lambda d=delegation: meeting.request_floor(d))
        app.link.run(meeting.give_floor)
        await settle(pilot)
        clock.advance(30)
        app.link.run(meeting.finish_intervention)
    await settle(pilot)


async def test_a_line_added_to_a_long_log_draws_the_lines_in_view_alone(make_app, clock) -> None:
    """The log is on Textual's Line API: with 12 lines spoken and 7 in view, a new one draws
    the lines in view, not every line of the item (a `Static` of all of them did)."""
    from moderator.tui.widgets.log import SpeakingLog

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        app.link.run(lambda: app.meeting.start_item("discussion-1"))
        await speak(pilot, clock, *["TR", "AT"] * 6)
        log = app.screen.query_one(SpeakingLog)
        assert len(log.lines) == 12 and log.size.height == 7
        drawn: list[int] = []
        line = SpeakingLog.render_line
        SpeakingLog.render_line = lambda self, y: (drawn.append(y), line(self, y))[1]
        try:
            await speak(pilot, clock, "DE")
        finally:
            SpeakingLog.render_line = line
        assert len(log.lines) == 13 and "Germany" in log.text.splitlines()[-1]
        assert drawn and set(drawn) <= set(range(log.size.height))
        assert len(drawn) == log.size.height  # one frame of what is in view


async def test_the_log_read_back_down_to_its_end_follows_the_latest_again(make_app, clock) -> None:
    """Scrolled up to read, then down again with the arrows (not `end`): the next line is in
    view, as at the end of any log."""
    from moderator.tui.widgets.log import SpeakingLog

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        app.link.run(lambda: app.meeting.start_item("discussion-1"))
        await speak(pilot, clock, *["TR", "AT"] * 5)
        log = app.screen.query_one(SpeakingLog)
        await press(pilot, "h", "up", "up")
        assert log.scroll_y < log.max_scroll_y
        await speak(pilot, clock, "DE")
        assert log.scroll_y < log.max_scroll_y  # left where the chair reads
        await press(pilot, "down", "down", "down")
        assert log.scroll_y == log.max_scroll_y
        await speak(pilot, clock, "FR")
        assert log.scroll_y == log.max_scroll_y and "France" in log.text.splitlines()[-1]


async def test_the_log_makes_a_new_line_alone_and_reads_as_made_anew(make_app, clock) -> None:
    """A finished intervention's line is made once: a new one makes that line alone, an undo
    takes its line away, and the log reads, style for style, as lines made anew for each
    (numbers, times over, names)."""
    from moderator.tui.widgets import log as log_module
    from moderator.tui.widgets.log import SpeakingLog

    made = []
    original = log_module._line
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        log = app.screen.query_one(SpeakingLog)
        log_module._line = lambda *a: made.append(a[1]) or original(*a)
        try:
            app.link.run(lambda: app.meeting.start_item("discussion-1"))
            await speak(pilot, clock, "TR", "AT", "DE")
            app.link.run(lambda: app.meeting.request_floor("FR"))
            app.link.run(app.meeting.give_floor)
            await settle(pilot)
            clock.advance(400)  # over its time
            app.link.run(app.meeting.finish_intervention)
            await settle(pilot)
            assert made == [1, 2, 3, 4]  # each line once, at the event that finished it
            shown = log.lines

            def anew() -> tuple[Shown, ...]:
                log._made = {}
                log.draw(Frame.of(app.meeting))
                return log.lines

            assert [line.key for line in anew()] == [line.key for line in shown]
            assert "France" in log.text and "over" in log.text.splitlines()[-1]
            made.clear()
            app.link.run(lambda: app.meeting.undo(confirmed=True))  # the last finish undone
            await settle(pilot)
            assert made == [] and len(log.lines) == 3
            assert [line.key for line in log.lines] == [line.key for line in shown[:3]]
        finally:
            log_module._line = original


def _screen_cells(app) -> list[list[tuple[str, str]]]:
    """The whole screen as drawn, cell by cell: (character, style) each."""
    return [[(char, str(segment.style)) for segment in strip for char in segment.text]
            for strip in app.screen._compositor.render_strips()]


async def test_a_list_taller_than_its_box_grows_without_a_layout(make_app, clock,
                                                                 monkeypatch) -> None:
    """The log at its most (7 lines) and the notes list taller than its box: a new line is no
    layout of the screen (their size and scrollbars cannot change), the log stays at its
    latest line, and the screen reads cell by cell as the same screen laid out anew. A log
    below its most grows, and that is laid out."""
    from textual.geometry import Size

    from moderator.tui.widgets.listing import Entry
    from moderator.tui.widgets.log import SpeakingLog
    from moderator.tui.widgets.notes_panel import ItemNotes

    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:  # the notes panel shown
        screen = app.screen
        log, notes = screen.query_one(SpeakingLog), screen.query_one(ItemNotes)
        layouts = []
        original = screen._refresh_layout
        monkeypatch.setattr(screen, "_refresh_layout",
                            lambda *a, **k: layouts.append(a) or original(*a, **k))

        async def laid_out_anew() -> list:
            screen.refresh(layout=True)
            await pilot.pause()
            return _screen_cells(app)

        log.show([Text(f"line {n}") for n in range(3)])  # below its most: it grows
        await pilot.pause()
        assert layouts and log.size.height == 3
        lines = [Text(f"line {n}") for n in range(20)]
        log.show(lines)
        await pilot.pause()
        await pilot.pause()  # (a new height's layout may ask for a second)
        assert log.size.height == 7 and log.scroll_y == log.max_scroll_y
        layouts.clear()
        log.show([*lines, Text("the latest")])
        await pilot.pause()
        assert layouts == [] and log.virtual_size == Size(0, 21)
        assert log.scroll_y == log.max_scroll_y == 14  # the latest in view
        drawn = _screen_cells(app)
        assert any("the latest" in "".join(c for c, _ in row) for row in drawn)
        assert drawn == await laid_out_anew()

        entries = [Entry(Text(f"note {n}"), key=f"n{n}") for n in range(80)]
        notes.set_entries(entries, highlight=0)
        await pilot.pause()
        await pilot.pause()
        assert notes.show_vertical_scrollbar
        layouts.clear()
        notes.set_entries([*entries, Entry(Text("one more"), key="more")], highlight=0)
        await pilot.pause()
        assert layouts == [] and notes.virtual_size.height == 81
        drawn = _screen_cells(app)
        assert drawn == await laid_out_anew()
        assert notes.virtual_size.height == 81 and notes.show_vertical_scrollbar


async def test_a_new_second_draws_the_rows_that_changed_and_they_read_as_a_whole_redraw(
        make_app, clock) -> None:
    """Each second the status bar draws its clock's row, not its item's, and the floor its
    "spoken" row, not the speaker's state; the rows kept and the rows drawn read as the text
    drawn whole."""
    from textual.geometry import Region

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "right_square_bracket")
        await add_request(pilot, "turki")
        await press(pilot, "n")
        screen = app.screen
        status, state = screen.query_one(StatusBar), screen.query_one("#timer-state", ShownText)
        refreshed: dict[str, list[tuple]] = {"status": [], "timer-state": []}
        for widget in (status, state):
            original = widget.refresh
            widget.refresh = lambda *regions, _o=original, _n=widget.id, **kw: (
                refreshed[_n].append(regions), _o(*regions, **kw))[1]
        for _ in range(3):
            for calls in refreshed.values():
                calls.clear()
            clock.advance(1)
            screen.tick()
            await pilot.pause()
            assert refreshed["status"] == [(Region(0, 0, status.content_size.width, 1),)]
            assert refreshed["timer-state"] == [(Region(0, 1, state.content_size.width, 1),)]
            for widget in (status, state):
                whole = widget.region.reset_offset
                kept = [strip.text for strip in widget.render_lines(whole)]
                widget.refresh()  # drawn whole, from nothing kept
                assert [strip.text for strip in widget.render_lines(whole)] == kept
        assert "spoken 0:03" in str(state.render())
