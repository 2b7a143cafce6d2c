"""The smaller things a live day found, each as it was seen: figures that disagree on one
screen, a hint for a key that would be refused, unmarked points of order among the speakers
heard, silent `+` and moves, a footer deaf to the focus, a cut dialog, a list misaligned after
a restart, a note saved out of sight, a break named twice, a second chair unannounced; and the
rapporteur's move dialog, search count and revisions."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import OptionList

from moderator.core.model import InterventionKind as Kind
from moderator.tui.app import MeetingApp
from moderator.tui.consoles import OtherConsoles
from moderator.tui.rapporteur_app import build_rapporteur_app
from moderator.tui.screens.add_request import AddRequest
from moderator.tui.screens.move_note import MoveNote
from moderator.tui.screens.note_history import NoteHistory
from moderator.tui.widgets.floor import FloorPanel
from moderator.tui.widgets.log import SpeakingLog
from moderator.tui.widgets.note_editor import NoteEditor
from moderator.tui.widgets.notes_panel import ItemNotes
from moderator.tui.widgets.speakers import SpeakersPanel
from moderator.tui.widgets.status import StatusBar
from tests.tui.chair_meeting import chair_app
from tests.tui.conftest import (
    OtherChair,
    drafts_read,
    make_agenda,
    make_roster,
    notices,
    press,
    rendered,
    saved,
    settle,
    wait,
)
from tests.tui.test_chair_console import screen_lines

SIZE = (120, 36)


async def do(pilot: Pilot, command) -> None:
    pilot.app.link.run(command)
    await settle(pilot)


async def turkiye_speaking(pilot: Pilot) -> None:
    """The discussion open, Türkiye on the floor."""
    meeting = pilot.app.meeting
    await do(pilot, lambda: meeting.start_item("discussion-1"))
    await do(pilot, lambda: meeting.request_floor("TR"))
    await do(pilot, meeting.give_floor)


def floor_text(app: MeetingApp) -> str:
    return "\n".join(str(s.render()) for s in app.screen.query_one(FloorPanel).query("Static"))


async def test_overtime_spoken_and_the_countdown_agree_on_one_screen(make_app, clock):
    """As seen: "OVERTIME +0:07" beside "allotted 0:40 · spoken 0:46"."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        meeting = app.meeting
        await turkiye_speaking(pilot)
        await do(pilot, lambda: meeting.set_speaker_limit(40))
        await wait(pilot, clock, 46.5)
        shown = floor_text(app)
        assert "OVERTIME +0:06" in shown and "allotted 0:40 · spoken 0:46" in shown
        assert app.screen.query_one("#big-countdown").face == "-0:06"


async def test_the_idle_hint_names_a_key_that_works(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        meeting = app.meeting
        await do(pilot, lambda: meeting.start_item("discussion-1"))
        assert "Nobody is waiting: a adds a request for the floor" in floor_text(app)
        assert "n gives the floor" not in floor_text(app)
        await do(pilot, lambda: meeting.request_floor("TR"))
        assert "n gives the floor to the next speaker" in floor_text(app)


async def test_the_speakers_heard_mark_points_of_order_and_replies(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        meeting = app.meeting
        await do(pilot, lambda: meeting.start_item("discussion-1"))
        await do(pilot, lambda: meeting.request_floor("TR"))
        await do(pilot, lambda: meeting.request_floor("AT", Kind.RIGHT_OF_REPLY))
        await do(pilot, lambda: meeting.request_floor("UA", Kind.POINT_OF_ORDER))
        for _ in range(3):
            await do(pilot, meeting.give_floor)
            clock.advance(20)
        await do(pilot, meeting.finish_intervention)
        heard = app.screen.query_one(SpeakingLog).text
        assert "POINT OF ORDER Ukraine" in heard and "RIGHT OF REPLY Austria" in heard
        assert "Türkiye" in heard and "STATEMENT" not in heard


async def test_plus_minus_and_moves_are_confirmed(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        meeting = app.meeting
        await do(pilot, lambda: meeting.start_item("discussion-1"))
        for who in ("TR", "AT", "DE"):
            await do(pilot, lambda who=who: meeting.request_floor(who))
        await do(pilot, meeting.give_floor)
        await press(pilot, "plus")
        assert notices(app)[-1][1] == "Added 30 s for Türkiye"
        await press(pilot, "minus")
        assert notices(app)[-1][1] == "Took 30 s from Türkiye"
        await press(pilot, "s", "shift+down")
        assert notices(app)[-1][1] == "Moved Austria to number 2 on the list"


async def test_the_footer_shows_the_lists_keys_while_it_has_the_focus(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        meeting = app.meeting
        await do(pilot, lambda: meeting.start_item("discussion-1"))
        await do(pilot, lambda: meeting.request_floor("TR"))
        await press(pilot, "s")
        footer = screen_lines(pilot)[-1]
        assert "space Timer" in footer and "x Withdraw" in footer and "c Correct" in footer
        await press(pilot, "h")  # the speakers heard have the focus: not the list's keys
        footer = screen_lines(pilot)[-1]
        assert "space Timer" in footer and "Withdraw" not in footer


async def test_the_add_dialog_is_never_cut(make_app):
    for size in ((80, 24), (120, 36)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await do(pilot, lambda app=app: app.meeting.start_item("discussion-1"))
            await press(pilot, "a")
            assert isinstance(app.screen, AddRequest)
            shown = "\n".join(screen_lines(pilot))
            for words in ("◉ F2 Statement", "○ F5 Question", "Esc cancels"):
                assert words in shown, (size, words)
            await press(pilot, "escape")


async def test_the_lists_columns_are_aligned_from_the_first_frame_after_a_restart(
        make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        meeting = app.meeting
        await do(pilot, lambda: meeting.start_item("discussion-1"))
        for who in ("TR", "US", "MK"):
            await do(pilot, lambda who=who: meeting.request_floor(who))
    clock.advance(100)
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        speakers = again.screen.query_one(SpeakersPanel)
        lines = [line for line in str(speakers.render()).splitlines() if "waited" in line]
        assert len(lines) == 3
        # The expected times end every line at the list's right edge, in one column.
        assert {len(line.rstrip()) for line in lines} == {speakers.size.width}


async def test_a_note_saved_after_its_item_closed_says_where_it_went(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        meeting = app.meeting
        await turkiye_speaking(pilot)
        await press(pilot, "ctrl+n")
        await pilot.press(*"Hotels want one contact point")
        await do(pilot, lambda: meeting.start_item("qa-1"))  # the chair moves on meanwhile
        await pilot.press("ctrl+s")
        await saved(pilot)
        editor = app.screen.query_one(NoteEditor)
        assert ("→ Türkiye · Statement · 09:00, not the item in progress"
                in str(editor.border_subtitle))


async def test_a_break_is_named_once_in_the_header(database, clock):
    for size in ((80, 24), (120, 36)):
        app = chair_app(database, clock)
        async with app.run_test(size=size) as pilot:
            await do(pilot, lambda app=app: app.meeting.start_item("coffee-1"))
            assert "Coffee break  ·  Coffee break" not in "\n".join(screen_lines(pilot)), size
            assert "Coffee break" in rendered(app, StatusBar) or size == (80, 24)


async def test_the_first_chair_is_told_when_a_second_chair_console_opens(make_app, database,
                                                                         clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        banner = app.screen.query_one(OtherConsoles)
        assert not banner.display
        other = OtherChair(database, clock)
        try:
            banner.show_others(app.presence.others(role="moderator"))  # its next look
            await pilot.pause()
            assert banner.display
            severity, message = notices(app)[-1]
            assert severity == "warning"
            assert message.startswith("A second chair console opened on this meeting (")
        finally:
            other.close()


async def test_the_move_dialog_shows_the_note_and_sessions_and_filters(moderator, database,
                                                                      clock):
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=SIZE) as pilot:
        await drafts_read(pilot)
        await pilot.press(*"Hotels want one contact point", "ctrl+s")
        await saved(pilot)
        [note] = app.meeting.notes()
        await pilot.press("escape")
        app.screen.query_one(ItemNotes).reveal(note.id)
        await press_in(pilot, "ctrl+g")
        dialog = app.screen
        assert isinstance(dialog, MoveNote)
        shown = "\n".join(screen_lines(pilot))
        assert "Move the note “Hotels want one contact point”" in shown
        assert "now on: Public-private partnerships · Türkiye" in shown
        assert "Questions to the panel  (the item as a whole)  ·  Session 1: Partnerships" in shown
        await pilot.press(*"questions")
        await pilot.pause()
        targets = dialog.query_one("#targets", OptionList)
        assert targets.option_count == 1
        await pilot.press("enter")
        await saved(pilot)
        moved = app.meeting.note(note.id)
        assert (moved.item_id, moved.intervention_id) == ("qa-1", None)


async def press_in(pilot: Pilot, key: str) -> None:
    await pilot.press(key)
    await pilot.pause()


async def test_the_search_says_how_many_notes_it_found(moderator, database, clock):
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=SIZE) as pilot:
        await drafts_read(pilot)
        for text in ("Hotels want one contact point", "Malls too", "Hotels again"):
            await pilot.press(*text, "ctrl+s")
            await saved(pilot)
        await press_in(pilot, "ctrl+f")
        await pilot.press(*"hotels")
        await pilot.pause()
        assert app.screen.query_one(ItemNotes).shown()[0] == "2 notes found for “hotels”"


async def test_an_old_revision_is_restored_as_a_new_revision(moderator, database, clock):
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=SIZE) as pilot:
        await drafts_read(pilot)
        await pilot.press(*"First text", "ctrl+s")
        await saved(pilot)
        [note] = app.meeting.notes()
        app.link.run(lambda: app.meeting.edit_note(note.id, "Second text"))
        await saved(pilot)
        await pilot.press("escape")
        app.screen.query_one(ItemNotes).reveal(note.id)
        await press_in(pilot, "ctrl+l")
        assert isinstance(app.screen, NoteHistory)
        await pilot.press("enter")  # version 1, highlighted: the one before the current
        await saved(pilot)
        restored = app.meeting.note(note.id)
        assert restored.text == "First text"
        assert [r.text for r in restored.history] == ["First text", "Second text"]
        assert "Version 1 is the note's text again" in notices(app)[-1][1]


async def test_the_chairs_log_is_empty_between_items(make_app, clock):
    """Adjourned overnight, "Spoken on this item" does not list the whole day."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        meeting = app.meeting
        await turkiye_speaking(pilot)
        clock.advance(30)
        await do(pilot, meeting.finish_item)
        assert app.screen.query_one(SpeakingLog).text == \
            "No item in progress"
