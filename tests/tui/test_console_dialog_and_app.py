"""The add dialog, plain-text names, help, palette, theme, relaunch and a failing store."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual import events

from moderator.core import FakeClock, load_meeting
from moderator.core.model import InterventionKind as Kind
from moderator.store import MeetingStore, StoreError
from moderator.tui.app import build_app
from moderator.tui.screens.add_request import AddRequest
from moderator.tui.screens.console import ConsoleScreen
from moderator.tui.screens.help import HelpScreen
from moderator.tui.widgets.speakers import SpeakersPanel

from .conftest import (
    add_request,
    make_agenda,
    make_roster,
    notices,
    paste,
    press,
    rendered,
    settle,
)

SIZE = (120, 36)


async def test_letters_typed_in_the_dialog_never_fire_console_keys(make_app) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket")
        await add_request(pilot, "turki")
        # "Poland" types n, l and a: none may give the floor, close the list or open a dialog.
        await add_request(pilot, "poland")
        assert app.meeting.floor() is None
        assert not app.meeting.list_closed()
        assert [r.who for r in app.meeting.queue()] == ["TR", "PL"]


async def test_letters_typed_before_the_name_field_has_the_focus_go_in_the_name(
        make_app) -> None:
    """On a loaded machine the dialog can be drawn before its name field takes the focus, and
    a chair typing at once lost the first letters (seen in tmux under a whole suite's load)."""
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket", "a")
        assert isinstance(app.screen, AddRequest)
        app.screen.set_focus(None)  # the moment between the drawing and the focus
        await pilot.press(*"turk")
        await settle(pilot)
        field = app.screen.query_one("#who")
        assert field.value == "turk" and app.screen.focused is field
        await press(pilot, "enter")
        assert [r.who for r in app.meeting.queue()] == ["TR"]
        # Every dialog with a field does the same (tui/screens/typed_first.py): the limit's
        # field, shown with the current limit selected, has it replaced as typing would.
        await press(pilot, "i")
        app.screen.set_focus(None)
        await pilot.press(*"2:30")
        await settle(pilot)
        field = app.screen.query_one("Input")
        assert field.value == "2:30" and app.screen.focused is field


async def test_escape_cancels_and_an_unknown_name_is_a_guest(make_app) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket", "a")
        assert isinstance(app.screen, AddRequest)
        await paste(pilot, "turki")
        await pilot.press("escape")
        await settle(pilot)
        assert app.meeting.queue() == []
        await add_request(pilot, "Zed")  # nobody matches: asked first, in the dialog
        assert isinstance(app.screen, AddRequest) and app.meeting.queue() == []
        assert "add as guest “Zed”? Enter again" in rendered(app, "#problem")
        await press(pilot, "enter")
        (request,) = app.meeting.queue()
        assert (request.who, request.guest) == (None, "Zed")
        await add_request(pilot, "turki", "down")  # the guest line is below the best match
        assert app.meeting.queue()[-1].guest == "turki"


async def test_on_behalf_of_a_group(make_app) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket")
        await add_request(pilot, "austria", "tab", *"europ")
        (request,) = app.meeting.queue()
        assert (request.who, request.on_behalf, request.kind) == ("AT", "EU", Kind.STATEMENT)


async def test_names_show_literally_and_controls_do_not_break_lines(make_app) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket")
        await add_request(pilot, "mk")
        await add_request(pilot, "rtl")
        text = rendered(app, SpeakersPanel)
        assert "[bold]Markup[/bold] \\ Land" in text
        assert "\x1b" not in text and "\ufffd[31m" in text
        assert len(text.splitlines()) == 2


async def test_help_lists_every_key_and_closes(make_app) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("Static").render()
        assert table is not None
        await pilot.press("escape")
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert app.screen.id == "console"


async def test_palette_runs_an_action(make_app) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await paste(pilot, "close or reopen")
        await app.screen.workers.wait_for_complete()  # the palette searches in a worker
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert app.meeting.list_closed()


async def test_theme_choice_persists(make_app) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        assert pilot.app.theme == "moderator-dark"
        await pilot.press("t")
        assert pilot.app.theme == "moderator-light"
    async with make_app().run_test(size=SIZE) as pilot:
        assert pilot.app.theme == "moderator-light"


async def test_relaunch_shows_the_same_state_with_the_timer_running(make_app, clock) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await press(pilot, "right_square_bracket")
        await add_request(pilot, "turki")
        await add_request(pilot, "austria")
        await press(pilot, "n")
        clock.advance(42)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.meeting.floor().who == "TR"
        assert app.meeting.timer().elapsed == 42 and app.meeting.timer().running
        assert [r.who for r in app.meeting.queue()] == ["AT"]


class FailingWriter:
    def submit(self, events, on_done, expect=None) -> None:
        threading.Thread(target=on_done, args=(StoreError("disk full"),)).start()


async def test_a_store_error_is_shown_and_the_console_keeps_running(database: Path) -> None:
    store = MeetingStore.open(database)
    app = build_app(make_agenda(), make_roster(), database, FakeClock(), store=store,
                    writer=FailingWriter())
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "right_square_bracket")
        assert app.meeting.current_item() is None  # never shown before it is on disk
        severity, message = notices(app)[-1]
        assert severity == "error" and "disk full" in message
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)


def test_no_color_is_respected(make_app, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert make_app().no_color


BUNDLED = Path(__file__).resolve().parents[2] / "moderator" / "data"


async def test_runs_an_item_of_the_bundled_seminar(tmp_path: Path) -> None:
    agenda, roster = load_meeting(BUNDLED / "agenda.yaml", BUNDLED / "speakers.yaml")
    clock = FakeClock()
    app = build_app(agenda, roster, tmp_path / "seminar.db.json", clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "right_square_bracket")
        await add_request(pilot, "turki")
        await add_request(pilot, "oster")
        assert [r.who for r in app.meeting.queue()][-2:] == ["TR", "AT"]
        while app.meeting.queue():
            await press(pilot, "n")
            clock.advance(30)
        assert app.meeting.floor().who == "AT"
        await press(pilot, "f", "right_square_bracket")
        assert app.meeting.item_status(agenda.sessions[0].items[0].id) == "done"


async def test_e_exports_the_summary_beside_the_database_and_says_where(
    make_app, database
) -> None:
    from docx import Document

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await press(pilot, "right_square_bracket")
        await add_request(pilot, "turki")
        await press(pilot, "n")
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        written = database.parent / "seminar.docx"
        assert written.is_file()
        assert ("information", f"Summary written to {written}") in notices(app)
        text = "\n".join(p.text for p in Document(str(written)).paragraphs)
        assert "Protecting soft targets" in text and "Türkiye" in text
        await pilot.press("e")  # a second export never overwrites the first
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert (database.parent / "seminar-2.docx").is_file()


async def test_an_export_that_fails_its_own_way_is_said_and_the_console_goes_on(
    make_app, monkeypatch
) -> None:
    from moderator.export import formats

    def broken(*args, **kwargs):
        raise RuntimeError("a fault of the export's own")

    monkeypatch.setattr(formats, "export_default", broken)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await press(pilot, "right_square_bracket")
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert any(severity == "error" and "Export failed (RuntimeError: a fault of the export's own)"
                   in text for severity, text in notices(app))
        await press(pilot, "n")  # the console still records
        assert app.meeting.events


async def test_keys_typed_right_after_enter_do_not_change_the_request(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await press(pilot, "right_square_bracket")
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AddRequest)
        await pilot.press(*"fran")
        # The next `a` lands in the name field before the submission is handled.
        for key, char in (("enter", "\r"), ("a", "a")):  # as a terminal delivers them
            event = events.Key(key, char)
            event.set_sender(app)
            app._driver.send_message(event)
        await settle(pilot)
        await pilot.pause()
        assert [r.who for r in app.meeting.queue()] == ["FR"]


def _cells(app) -> list[list[tuple[str, str]]]:
    """The whole screen as drawn, cell by cell: (character, style) each."""
    rows = []
    for strip in app.screen._compositor.render_strips():
        row = []
        for segment in strip:
            row.extend((char, str(segment.style)) for char in segment.text)
        rows.append(row)
    return rows


def _console(app) -> ConsoleScreen:
    return next(s for s in app.screen_stack if isinstance(s, ConsoleScreen))


async def _ready_dialog(pilot) -> AddRequest:
    """The add dialog the console made after its first frame (it waits for no key)."""
    for _ in range(50):
        if isinstance(pilot.app.screen, ConsoleScreen) and pilot.app.screen._adding is not None:
            return pilot.app.screen._adding
        await pilot.pause()
    raise AssertionError("the console made no add dialog after its first frame")


async def test_the_add_dialog_is_ready_before_the_first_a(make_app, monkeypatch) -> None:
    """Made, composed and laid out after the console's first frame, before any key: the first
    `a` shows it without a layout, as every later `a` does (it took seven, and twice the time
    of a later `a`). It is not on the screen until then, nor holds the focus."""
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        dialog = await _ready_dialog(pilot)
        console = app.screen
        assert dialog not in app.screen_stack and app.screen is console
        assert dialog.query_one("#who").size.width > 0  # laid out at the app's size
        assert dialog.focused is None  # no cursor blinking unseen
        layouts = []
        original = dialog._refresh_layout
        monkeypatch.setattr(dialog, "_refresh_layout",
                            lambda *a, **k: layouts.append(a) or original(*a, **k))
        await press(pilot, "right_square_bracket", "a")
        assert app.screen is dialog and dialog.focused is dialog.query_one("#who")
        assert layouts == []
        await paste(pilot, "turki")
        await press(pilot, "enter")  # and it adds
        assert app.screen is console
        assert [r.who for r in app.meeting.queue()] == ["TR"]


async def test_an_a_while_the_dialog_is_made_keeps_its_own_dialog(make_app, monkeypatch) -> None:
    """An `a` that comes while the console is still making its dialog opens one of its own; the
    one being made is dropped once made (no second dialog is installed, none left running)."""
    made: list[AddRequest] = []
    real = AddRequest.made_ready

    async def key_meanwhile(self: AddRequest, app) -> None:
        made.append(self)
        console = _console(app)
        console.action_next_item()  # the chair's `]` and `a`, before this dialog is ready
        console.action_add_request()
        await real(self, app)

    monkeypatch.setattr(AddRequest, "made_ready", key_meanwhile)
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        for _ in range(50):
            if made and not made[0].is_running:
                break
            await pilot.pause()
        console = _console(app)
        assert made and console._adding is not None and console._adding is not made[0]
        assert app.screen is console._adding  # the key's dialog is shown
        assert not made[0].is_running  # the other was removed once made
        assert app.get_screen(f"add-request-{id(console)}") is console._adding


async def test_the_add_dialog_shown_again_reads_as_a_new_one(make_app) -> None:
    """The dialog is made once and shown again at each `a` (drawn in one frame): what
    the last request left in it (a name, a group, a kind, a question, the closed list's box)
    is gone, and it reads cell by cell as a dialog made anew."""
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        console = app.screen
        await press(pilot, "right_square_bracket", "a")
        first = app.screen
        assert isinstance(first, AddRequest)
        await paste(pilot, "Zed")
        await press(pilot, "enter")  # nobody matches: the dialog asks, the name stays
        assert "add as guest" in rendered(app, "#problem")
        await pilot.press("tab", *"eu", "f3")
        await pilot.pause()
        assert first.kind is Kind.POINT_OF_ORDER
        await press(pilot, "escape")
        assert app.screen is console and first.focused is None  # no cursor left blinking

        async def fresh(**given) -> list[list[tuple[str, str]]]:
            """The screen with a dialog made anew, as the console made each before."""
            dialog = AddRequest(app.meeting.roster, **given)
            await app.push_screen(dialog)
            dialog.set_focus(dialog.query_one("#who"))
            await pilot.pause()
            drawn = _cells(app)
            dialog.dismiss(None)
            await pilot.pause()
            return drawn

        await press(pilot, "a")
        assert app.screen is first and first.focused is first.query_one("#who")
        assert (first.kind, first.closed) == (Kind.STATEMENT, False)
        again = _cells(app)
        await press(pilot, "escape")
        assert again == await fresh(kind=Kind.STATEMENT)

        await press(pilot, "l", "o")  # the list closed; a point of order
        assert app.screen is first and first.closed
        again = _cells(app)
        assert "Request for the floor (point of order)" in "".join(
            c for row in again for c, _ in row)
        await press(pilot, "escape")
        assert again == await fresh(kind=Kind.POINT_OF_ORDER, closed=True)

        await add_request(pilot, "turki", "f6")  # and it adds, as a new one did
        assert app.screen is console
        assert [r.who for r in app.meeting.queue()] == ["TR"]
        await press(pilot, "l")  # reopened: no box to tick
        await add_request(pilot, "austria")
        assert app.screen is console and not first.query_one("#force").display
        assert [r.who for r in app.meeting.queue()] == ["TR", "AT"]


async def test_the_add_dialog_shown_again_keeps_its_focus_when_its_last_close_is_told_late(
        make_app) -> None:
    """Closed, the dialog drops its focus (no cursor blinking unseen); on a loaded machine the
    chair's next `a` can show it again before it is told of that close: the name keeps the
    focus, so that Enter still adds."""
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket", "a", "escape", "a")
        dialog = app.screen
        assert isinstance(dialog, AddRequest)
        dialog.post_message(events.ScreenSuspend())  # the close of the last time, told now
        await pilot.pause()
        assert dialog.focused is dialog.query_one("#who")
        await paste(pilot, "turki")
        await press(pilot, "enter")
        assert [r.who for r in app.meeting.queue()] == ["TR"]
