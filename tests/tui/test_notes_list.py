"""The list of notes itself: its cursor, its scroll and highlight across refreshes, what a
refresh builds again, the mouse, text shown as typed, and what its keys ask for."""

from __future__ import annotations

from pathlib import Path

import pytest

from moderator.core import FakeClock
from moderator.tui.rapporteur_app import build_rapporteur_app
from moderator.tui.widgets.note_actions import NoteChoice
from moderator.tui.widgets.note_editor import NoteEditor
from moderator.tui.widgets.notes_panel import ItemNotes
from tests.conftest import notified
from tests.tui.conftest import Moderator, follow, make_agenda, make_roster


@pytest.fixture
def chair(moderator: Moderator) -> Moderator:
    """Türkiye on the floor, with 8 notes of two lines each; Austria waiting."""
    m = moderator
    for number in range(8):
        m.do(m.meeting.add_note(f"Point {number}\nsecond line"))
    return m


def rapporteur(database: Path, clock: FakeClock):
    return build_rapporteur_app(make_agenda(), make_roster(), database, clock)


def in_view(notes: ItemNotes) -> list[str]:
    """The lines the list draws now, as text."""
    height = notes.scrollable_content_region.height
    return ["".join(segment.text for segment in notes.render_line(y)) for y in range(height)]


async def test_the_cursor_stops_on_notes_only_and_wraps(chair, database, clock):
    app = rapporteur(database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        notes = app.screen.query_one(ItemNotes)
        notes.focus()
        ids = [n.id for n in app.meeting.notes()]
        assert notes.highlighted_note is None
        await pilot.press("down")  # from nothing to the first note, past the speaker's line
        assert notes.highlighted_note == ids[0] and notes.highlighted == 1
        await pilot.press("up")  # above the first note: the last one
        assert notes.highlighted_note == ids[-1]
        await pilot.press("down")
        assert notes.highlighted_note == ids[0]
        await pilot.press("end")
        assert notes.highlighted_note == ids[-1]
        await pilot.press("home")
        assert notes.highlighted_note == ids[0]
        await pilot.press("pagedown")
        assert notes.highlighted_note == ids[-1]  # 16 lines fit: a page takes it to the end


async def test_the_highlight_and_the_scroll_stay_as_the_floor_moves_and_notes_arrive(
        chair, database, clock):
    for number in range(8, 14):  # 14 notes: 29 lines, more than the list shows at 80x24
        chair.do(chair.meeting.add_note(f"Point {number}\nsecond line"))
    app = rapporteur(database, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        notes = app.screen.query_one(ItemNotes)
        notes.focus()
        await pilot.pause()
        ids = [n.id for n in app.meeting.notes()]
        notes.reveal(ids[12])
        await pilot.pause()
        scrolled = notes.scroll_y
        assert scrolled > 0 and any("Point 12" in line for line in in_view(notes))
        chair.meeting.apply_all(chair.store.read_new())
        chair.do(chair.meeting.give_floor())  # Austria: a group below, Türkiye's line changes
        await follow(pilot)
        assert notes.highlighted_note == ids[12] and notes.scroll_y == scrolled
        assert any("Austria" in line for line in notes.shown())
        chair.do(chair.meeting.add_note("On the whole", intervention_id=None))  # a group above
        await follow(pilot)
        assert notes.shown()[:2] == ["On the item as a whole", "  • On the whole"]
        assert notes.highlighted_note == ids[12]
        assert any("Point 12" in line for line in in_view(notes))  # still in view
        chair.do(chair.meeting.delete_note(ids[12]))  # from the chair's console
        await follow(pilot)
        assert notes.highlighted_note == ids[13]  # the next note takes its place


async def test_a_refresh_builds_again_only_what_changed(chair, database, clock):
    app = rapporteur(database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        notes = app.screen.query_one(ItemNotes)
        before = list(notes.entries)
        assert "speaking" in before[0].text.plain
        chair.meeting.apply_all(chair.store.read_new())
        chair.do(chair.meeting.give_floor())
        await follow(pilot)
        after = list(notes.entries)
        assert "speaking" not in after[0].text.plain and after[0] is not before[0]
        assert all(a is b for a, b in zip(after[1:9], before[1:9], strict=True))  # the notes
        assert "Austria" in after[9].text.plain and len(after) == 10


async def test_a_click_on_a_note_opens_it_in_the_editor(chair, database, clock):
    app = rapporteur(database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        notes = app.screen.query_one(ItemNotes)
        await pilot.pause()
        third = app.meeting.notes()[2]
        line = 1 + 2 * 2  # the speaker's line, then two lines a note
        await pilot.click(ItemNotes, offset=(6, 1 + line))  # 1: the border
        assert notes.highlighted_note == third.id
        editor = app.screen.query_one(NoteEditor)
        assert editor.editing_note == third and editor.has_focus


async def test_markup_and_controls_in_a_note_are_drawn_as_typed(chair, database, clock):
    chair.do(chair.meeting.add_note("[red]not red[/red] \x1b[31mno escape"))
    app = rapporteur(database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        notes = app.screen.query_one(ItemNotes)
        notes.action_last()
        await pilot.pause()
        drawn = "".join(in_view(notes))
        assert "[red]not red[/red] \ufffd[31mno escape" in drawn and "\x1b" not in drawn


async def test_the_keys_ask_for_a_note_or_say_what_is_missing(chair, database, clock):
    app = rapporteur(database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        notes = app.screen.query_one(ItemNotes)
        chosen: list[ItemNotes.Chosen] = []
        app.screen.actions.chosen = chosen.append  # type: ignore[method-assign]
        notes.focus()
        await pilot.press("ctrl+l", "down", "ctrl+g", "ctrl+d", "ctrl+u", "enter")
        await pilot.pause()
        first = app.meeting.notes()[0].id
        assert [(c.what, c.note_id) for c in chosen] == [
            (NoteChoice.REVISIONS, None), (NoteChoice.MOVE, first), (NoteChoice.DELETE, first),
            (NoteChoice.RESTORE, first), (NoteChoice.EDIT, first)]


async def test_with_no_note_highlighted_the_keys_say_so(chair, database, clock):
    app = rapporteur(database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        app.screen.query_one(ItemNotes).focus()
        await pilot.press("ctrl+d", "ctrl+u")
        await pilot.pause()
        said = [n.message for n in notified(app)]
        assert said == ["Choose a note first (↑ ↓).", "No deleted note to restore."]
        assert len(app.meeting.notes()) == 8


async def test_a_note_found_stays_highlighted_when_the_search_closes(chair, database, clock):
    app = rapporteur(database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+f", *"point 6", "enter")  # Enter: to the results
        await pilot.pause()
        notes = app.screen.query_one(ItemNotes)
        assert notes.has_focus and [line for line in notes.shown() if "•" in line] == [
            "  • Point 6\n    second line"]
        await pilot.press("down")
        sixth = app.meeting.notes()[6].id
        assert notes.highlighted_note == sixth
        await pilot.press("escape")
        await pilot.pause()
        assert len(notes.shown()) == 9 and notes.highlighted_note == sixth
