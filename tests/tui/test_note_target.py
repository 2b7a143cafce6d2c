"""A note is filed where the rapporteur meant it: the target is fixed at the first keystroke."""

from __future__ import annotations

import json

from moderator.core import Meeting
from moderator.export import json_export
from moderator.export.build import build_summary
from moderator.store import MeetingStore
from moderator.tui.app import build_app
from moderator.tui.rapporteur_app import build_rapporteur_app
from moderator.tui.screens.move_note import MoveNote
from moderator.tui.widgets.note_editor import NoteEditor
from moderator.tui.widgets.notes_panel import ItemNotes
from tests.tui.conftest import follow, make_agenda, make_roster, paste, saved, settle


async def test_a_note_begun_during_austria_and_saved_after_norway_is_austrias(
        moderator, database, clock):  # noqa: F811
    moderator.do(moderator.meeting.give_floor())  # Austria has the floor (Türkiye ends)
    austria = moderator.meeting.floor()
    assert austria.who == "AT"
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        editor = app.screen.query_one(NoteEditor)
        await pilot.press(*"Austria: supports PPP")
        assert editor.target.intervention_id == austria.id
        assert "→ Austria · Statement" in str(editor.border_title)
        # The chair gives the floor to Norway while the rapporteur is still typing.
        moderator.do(moderator.meeting.request_floor("NO"))
        moderator.do(moderator.meeting.give_floor())
        clock.advance(15)
        await follow(pilot)
        assert app.meeting.floor().who == "NO"
        await pilot.press(*" #rec", "ctrl+s")
        await saved(pilot)
        [note] = app.meeting.notes()
        assert note.intervention_id == austria.id
        assert "→ Norway" in str(editor.border_title)  # the next note goes to Norway
        notes = app.screen.query_one(ItemNotes)
        lines = notes.shown()
        under = lines.index(next(line for line in lines if "Austria" in line))
        assert "supports PPP" in lines[under + 1]
    # The moderator's console and every export file it under Austria too.
    moderator.meeting.apply_all(moderator.store.read_new())
    assert [n.text for n in moderator.meeting.notes_for(austria.id)] == [note.text]
    with MeetingStore.open(database) as store:
        again = Meeting(make_agenda(), make_roster(), clock)
        again.apply_all(store.events())
    document = json.loads(json_export.render(build_summary([again], clock)))
    placed = {x["speaker"]: [n["text"] for n in x["notes"]]
              for s in document["sessions"] for i in s["items"] for x in i["interventions"]}
    assert placed["Austria"] == ["Austria: supports PPP #rec"] and placed["Norway"] == []


async def test_ctrl_t_retargets_to_the_current_speaker(moderator, database, clock):  # noqa: F811
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await paste(pilot, "About the next one")
        moderator.do(moderator.meeting.give_floor())  # Austria
        await follow(pilot)
        await pilot.press("ctrl+t", "ctrl+s")
        await saved(pilot)
        [note] = app.meeting.notes()
        assert note.intervention_id == app.meeting.floor().id


async def test_with_nobody_on_the_floor_the_title_says_the_item(moderator, database, clock):  # noqa: F811
    moderator.do(moderator.meeting.finish_intervention())
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        editor = app.screen.query_one(NoteEditor)
        assert "(the item as a whole)" in str(editor.border_title)
        await paste(pilot, "General remark")
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert app.meeting.notes()[0].intervention_id is None


async def test_m_moves_a_note_to_an_intervention_of_another_item(database, clock):
    app = build_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(160, 45)) as pilot:
        meeting = app.meeting
        for events in (meeting.next_item(),):
            app.link.run(lambda events=events: events)
        await settle(pilot)
        first_item = meeting.current_item().id
        app.link.run(lambda: meeting.request_floor("TR"))
        app.link.run(meeting.give_floor)
        await settle(pilot)
        turkiye = meeting.floor()
        app.link.run(meeting.next_item)
        app.link.run(lambda: meeting.add_note("Belongs to Türkiye", intervention_id=None))
        await settle(pilot)
        [note] = meeting.notes()
        assert note.item_id != first_item
        dialog = MoveNote(meeting, note)
        choices = []
        app.push_screen(dialog, choices.append)
        await settle(pilot)
        targets = dialog.query_one("#targets")
        ids = [targets.get_option_at_index(i).id for i in range(targets.option_count)]
        assert turkiye.id in ids  # another item's intervention is offered
        targets.highlighted = ids.index(turkiye.id)
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one(NoteEditor)  # back on the console
        app.link.run(lambda: meeting.move_note(*choices[0]))
        await settle(pilot)
        moved = meeting.note(note.id)
        assert (moved.item_id, moved.intervention_id) == (first_item, turkiye.id)
