"""The notes panel of the moderator's console: ctrl+n to write, ctrl+s saves, escape to the floor."""

from __future__ import annotations

from moderator.tui.widgets.note_editor import NoteEditor
from moderator.tui.widgets.notes_panel import ItemNotes
from moderator.tui.widgets.speakers import SpeakersList
from tests.tui.conftest import settle
from tests.tui.test_rapporteur import saved


async def test_a_note_from_the_console_lands_under_the_speaker(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        meeting = app.meeting
        for command in (lambda: meeting.start_item("discussion-1"),
                        lambda: meeting.request_floor("TR"), meeting.give_floor):
            app.link.run(command)
            await settle(pilot)
        turkiye = meeting.floor()
        await pilot.press("ctrl+n")
        editor = app.screen.query_one(NoteEditor)
        assert editor.has_focus
        # Letters that are console keys elsewhere ("n" gives the floor) only type here.
        await pilot.press(*"no decision yet #decision", "ctrl+s")
        await saved(pilot)
        assert meeting.floor().id == turkiye.id
        [note] = meeting.notes_for(turkiye.id)
        assert note.text == "no decision yet #decision" and note.role == "moderator"
        assert editor.text == ""
        notes = app.screen.query_one(ItemNotes)
        shown = [str(notes.get_option_at_index(i).prompt) for i in range(notes.option_count)]
        assert any("Türkiye" in line for line in shown)
        assert any("no decision yet" in line for line in shown)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one(SpeakersList).has_focus
