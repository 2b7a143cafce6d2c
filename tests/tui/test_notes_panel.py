"""The notes panel of the moderator's console: ctrl+n to write, ctrl+s saves, escape to the floor."""

from __future__ import annotations

from moderator.core.model import InterventionKind
from moderator.session import open_meeting
from moderator.store import MeetingStore
from moderator.tui.screens.note_conflict import NoteConflict
from moderator.tui.widgets.note_editor import NoteEditor
from moderator.tui.widgets.notes_panel import ItemNotes
from moderator.tui.widgets.speakers import SpeakersPanel
from tests.tui.conftest import (
    PLAYED,
    listed_notes,
    make_agenda,
    make_roster,
    saved,
    settle,
    until,
)


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
        shown = notes.shown()
        assert any("Türkiye" in line for line in shown)
        assert any("no decision yet" in line for line in shown)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one(SpeakersPanel).has_focus


async def give_floor_to_turkiye(app, pilot) -> None:
    meeting = app.meeting
    for command in (lambda: meeting.start_item("discussion-1"),
                    lambda: meeting.request_floor("TR"), meeting.give_floor):
        app.link.run(command)
        await settle(pilot)


async def test_the_keys_of_the_console_notes_list_edit_move_delete_and_restore(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await give_floor_to_turkiye(app, pilot)
        meeting = app.meeting
        turkiye = meeting.floor()
        await pilot.press("ctrl+n", *"Türkiye on hotels", "ctrl+s")
        await saved(pilot)
        [note] = meeting.notes()
        await pilot.press("shift+tab")  # from the editor back to the list of notes
        notes = app.screen.query_one(ItemNotes)
        assert notes.has_focus
        notes.highlighted = notes.index_of(note.id)
        await pilot.press("enter")
        editor = app.screen.query_one(NoteEditor)
        assert editor.has_focus and editor.editing_note == note
        await pilot.press("end", *" #rec", "ctrl+s")
        await saved(pilot)
        assert meeting.note(note.id).text == "Türkiye on hotels #rec"
        assert meeting.floor().id == turkiye.id  # Enter edited; it did not give the floor
        notes.focus()
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("enter")  # the first target: the item as a whole
        await saved(pilot)
        assert meeting.note(note.id).intervention_id is None
        notes.reveal(note.id)
        await pilot.press("ctrl+d")
        await saved(pilot)
        assert meeting.notes() == []
        await pilot.press("ctrl+u")
        await saved(pilot)
        assert [n.id for n in meeting.notes()] == [note.id]
        assert notes.highlighted_note == note.id  # selected again, so Enter edits it


async def test_typing_in_the_console_notes_list_types_into_the_editor(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await give_floor_to_turkiye(app, pilot)
        meeting = app.meeting
        await pilot.press("ctrl+n", *"Türkiye on hotels", "ctrl+s")
        await saved(pilot)
        await pilot.press("shift+tab")
        notes = app.screen.query_one(ItemNotes)
        assert notes.has_focus and notes.highlighted_note is not None
        # "n" gives the floor and "e" exports elsewhere on the console; "d" deleted a note.
        await pilot.press(*"and delegates agreed")
        await settle(pilot)
        editor = app.screen.query_one(NoteEditor)
        assert editor.has_focus and editor.text == "and delegates agreed"
        assert [n.text for n in meeting.notes()] == ["Türkiye on hotels"]
        assert meeting.floor().who == "TR" and len(meeting.log("discussion-1")) == 1


async def test_the_console_notes_list_scrolls_to_the_note_just_saved(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await give_floor_to_turkiye(app, pilot)
        notes = app.screen.query_one(ItemNotes)
        meeting = app.meeting
        for number in range(28):  # a long list already (recorded, not typed: typing is slow)
            app.link.run(lambda n=number: meeting.add_note(f"Point {n}\nmore"))
            await settle(pilot)
        assert notes.max_scroll_y > 0 and notes.scroll_y < notes.max_scroll_y
        for number in (28, 29):  # then typed and saved in the editor
            await pilot.press("ctrl+n", *f"Point {number}", "enter", *"more", "ctrl+s")
            await saved(pilot)
        await pilot.pause()
        last = app.meeting.notes()[-1]
        assert notes.highlighted_note == last.id
        assert notes.max_scroll_y > 0 and notes.scroll_y == notes.max_scroll_y


async def test_a_note_on_an_undone_intervention_stays_under_the_item(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await give_floor_to_turkiye(app, pilot)
        await pilot.press("ctrl+n", *"Türkiye on hotels", "ctrl+s")
        await saved(pilot)
        await pilot.press("escape", "ctrl+z")
        await settle(pilot)
        meeting = app.meeting
        assert meeting.floor() is None and meeting.log("discussion-1") == []
        shown = listed_notes(app.screen.query_one(ItemNotes))
        assert any("Türkiye on hotels" in line for line in shown)
        assert any("its intervention was undone" in line for line in shown)


async def test_a_speaker_suspended_by_a_point_of_order_is_not_shown_speaking(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await give_floor_to_turkiye(app, pilot)
        meeting = app.meeting
        for command in (lambda: meeting.request_floor("AT", InterventionKind.POINT_OF_ORDER),
                        meeting.give_floor):
            app.link.run(command)
            await settle(pilot)
        assert meeting.suspended().who == "TR"
        shown = listed_notes(app.screen.query_one(ItemNotes))
        [turkiye] = [line for line in shown if "Türkiye" in line]
        [austria] = [line for line in shown if "Austria" in line]
        assert "suspended" in turkiye and "speaking" not in turkiye
        assert "speaking" in austria


async def test_the_link_tells_the_editor_once_the_note_is_durable_and_folded(make_app, database):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        meeting = app.meeting
        told: list[tuple[list[str], str | None, list[str]]] = []

        def on_recorded(events: list[dict], error: BaseException | None) -> None:
            # What the meeting holds at the moment it is told.
            told.append(([e["note"] for e in events], error and str(error),
                         [n.text for n in meeting.notes()]))

        app.link.run(lambda: meeting.add_note("On record"), on_recorded=on_recorded)
        app.link.run(lambda: meeting.edit_note("no-such-note", "x"), on_recorded=on_recorded)
        app.link.run(lambda: [], on_recorded=on_recorded)
        await settle(pilot)
        [note] = meeting.notes()
        assert told == [([note.id], None, ["On record"]),
                        ([], "There is no such note.", ["On record"]),
                        ([], None, ["On record"])]
        with MeetingStore.open(database) as store:  # on disk before it was told
            assert any(e.get("note") == note.id for e in store.events())


async def test_the_chairs_notes_panel_shows_both_texts_of_a_note_changed_meanwhile(
        make_app, database, clock):
    """The rapporteur corrects a note while the chair edits it in the console's panel: the
    chair's save is not applied over it; both texts, and "keep yours" saves it on theirs."""
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await give_floor_to_turkiye(app, pilot)
        await pilot.press("ctrl+n", *"Türkiye on hotels", "ctrl+s")
        await saved(pilot)
        [note] = app.meeting.notes()
        await pilot.press("shift+tab")  # the list of notes, the note highlighted
        await pilot.press("enter", *" and malls")
        editor = app.screen.query_one(NoteEditor)
        assert editor.text == "Türkiye on hotels and malls"  # typed at the end
        rapporteur = open_meeting(make_agenda(), make_roster(), database, role="rapporteur",
                                  clock=clock, seat="Rapporteur session 1")
        PLAYED.append(rapporteur)
        rapporteur.record(lambda: rapporteur.meeting.edit_note(
            note.id, "Türkiye on hotels and sports events", base=note.revision))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, NoteConflict), "both texts shown")
        shown = "\n".join(str(s.render()) for s in app.screen.query("Static"))
        assert "Meanwhile Rapporteur session 1 changed this note" in shown
        assert "Türkiye on hotels and malls" in shown and "sports events" in shown
        await pilot.press("k")
        await until(pilot, lambda: app.link.idle and editor._saving is None, "saved")
        assert [v.text for v in app.meeting.note(note.id).versions()] == [
            "Türkiye on hotels", "Türkiye on hotels and sports events",
            "Türkiye on hotels and malls"]


async def test_a_console_opened_narrower_than_the_notes_panel_lists_no_note_until_it_shows(
        make_app):
    """The width's class is set before the first frame: the notes panel it hides is not filled
    and measured at the launch (it was, a frame before Textual's first resize hid it)."""
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await give_floor_to_turkiye(app, pilot)
        for number in range(5):
            app.link.run(lambda n=number: app.meeting.add_note(f"Point {n}"))
            await settle(pilot)
    listings: list[int] = []
    relaunched = make_app()
    async with relaunched.run_test(size=(120, 36)) as pilot:
        notes = relaunched.screen.query_one(ItemNotes)
        original = notes.set_entries
        notes.set_entries = lambda entries, **kw: (listings.append(len(entries)),
                                                   original(entries, **kw))[1]
        await pilot.pause()
        assert relaunched.screen.has_class("-wide") and not notes.entries
        await pilot.press("ctrl+n")  # the panel shows to write a note: its notes are listed
        await settle(pilot)
        assert len(notes.entries) > 5
    assert listings and listings[0] > 5  # listed once shown, never while hidden
