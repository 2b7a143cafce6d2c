"""Every meeting screen stays current: what arrives while a dialog, the help or the palette is
open reaches the screen under it too; and the console's interval runs the tick tested here."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import Digits

from moderator.tui.clock_app import build_clock_app
from moderator.tui.rapporteur_app import build_rapporteur_app
from moderator.tui.screens.audience_clock import AudienceClockScreen
from moderator.tui.screens.console import ConsoleScreen
from moderator.tui.screens.help import HelpScreen
from moderator.tui.screens.rapporteur import RapporteurScreen
from moderator.tui.screens.record_dialogs import DocumentsDialog
from moderator.tui.widgets.floor import FloorPanel
from moderator.tui.widgets.note_editor import NoteEditor
from moderator.tui.widgets.speakers import SpeakersPanel
from moderator.tui.widgets.status import StatusBar
from tests.tui.conftest import (
    Moderator,
    OtherChair,
    add_request,
    drafts_read,
    follow,
    make_agenda,
    make_roster,
    press,
)


async def test_a_request_recorded_while_help_is_open_is_listed_when_it_closes(
        make_app, database, clock):
    other = OtherChair(database, clock)
    try:
        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            await press(pilot, "right_square_bracket")
            await add_request(pilot, "turki")
            await press(pilot, "question_mark")
            assert isinstance(app.screen, HelpScreen)
            other.do(lambda m: m.request_floor("AT"))  # on the other chair console
            app.link.poll()  # what the follower thread does 4 times a second
            await pilot.pause()
            await press(pilot, "escape")
            assert isinstance(app.screen, ConsoleScreen)
            # The fake clock has not moved: no tick redraws it, the event did.
            listed = str(app.screen.query_one(SpeakersPanel).render())
            assert "Türkiye" in listed and "Austria" in listed
    finally:
        other.close()


async def test_the_rapporteur_under_a_dialog_follows_the_floor(database, clock):
    moderator = Moderator(database, clock)
    moderator.do(moderator.meeting.start_item("discussion-1"))
    moderator.do(moderator.meeting.request_floor("TR"))
    moderator.do(moderator.meeting.request_floor("AT"))
    moderator.do(moderator.meeting.give_floor())
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await drafts_read(pilot)
        editor = app.screen.query_one(NoteEditor)
        assert "Türkiye" in str(editor.border_title)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, DocumentsDialog)
        moderator.do(moderator.meeting.give_floor())  # Austria, on the moderator's console
        await follow(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RapporteurScreen)
        # Where a note begun now goes is redrawn by the event alone (no tick draws it).
        assert "Austria" in str(editor.border_title)
    moderator.store.close()


async def test_the_audience_clock_under_the_palette_follows_the_floor(database, clock):
    moderator = Moderator(database, clock)
    moderator.do(moderator.meeting.start_item("discussion-1"))
    moderator.do(moderator.meeting.request_floor("TR"))
    moderator.do(moderator.meeting.request_floor("AT"))
    moderator.do(moderator.meeting.give_floor())
    app = build_clock_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen
        assert isinstance(view, AudienceClockScreen)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        moderator.do(moderator.meeting.give_floor())
        await follow(pilot)
        assert "Austria" in str(view.query_one("#speaker").render())
        assert "Austria" not in str(view.query_one("#next").render())
    moderator.store.close()


async def test_the_tick_draws_the_clock_each_second_and_the_rest_every_slow_period(
        make_app, clock):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, ConsoleScreen)
        await press(pilot, "right_square_bracket")
        await add_request(pilot, "turki")
        await add_request(pilot, "austria")
        await press(pilot, "n")
        listed = str(screen.query_one(SpeakersPanel).render())
        assert "waited    0s" in listed
        clock.advance(1)
        screen.tick()  # the interval's own callback
        await pilot.pause()
        assert "09:00:01" in str(screen.query_one(StatusBar).render())
        assert screen.query_one(FloorPanel).query_one(Digits).value == "2:59"
        # Within the slow period the list is not drawn again: the waited time stays.
        assert str(screen.query_one(SpeakersPanel).render()) == listed
        clock.advance(4)  # 09:00:05: a new slow period
        screen.tick()
        await pilot.pause()
        assert "waited    5s" in str(screen.query_one(SpeakersPanel).render())
        assert screen.query_one(FloorPanel).query_one(Digits).value == "2:55"
        # Nothing changed on the clock's face: the tick draws nothing.
        shown = str(screen.query_one(StatusBar).render())
        screen.tick()
        assert str(screen.query_one(StatusBar).render()) == shown
