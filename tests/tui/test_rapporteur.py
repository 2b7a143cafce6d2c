"""The rapporteur's console on a real store: follows the moderator, saves, edits, moves notes."""

from __future__ import annotations

from dataclasses import replace

from textual.events import Paste
from textual.widgets import OptionList

from moderator.store import MeetingStore
from moderator.tui.rapporteur_app import build_rapporteur_app
from moderator.tui.widgets.note_editor import NoteEditor
from moderator.tui.widgets.notes_panel import ItemNotes
from tests.conftest import notified
from tests.tui.conftest import (
    Moderator,
    drafts_read,
    follow,
    listed_notes,
    make_agenda,
    make_roster,
    paste,
    saved,
)


async def test_the_empty_editor_names_the_new_speaker_as_soon_as_the_floor_moves(
        moderator, database, clock):
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        editor = app.screen.query_one(NoteEditor)
        assert "Türkiye" in str(editor.border_title)
        moderator.meeting.apply_all(moderator.store.read_new())
        moderator.do(moderator.meeting.give_floor())  # Austria, from the moderator's console
        await follow(pilot)  # at once: no second passes for a draft to be kept meanwhile
        title = str(editor.border_title)
        assert "Austria" in title and "when typing begins" in title


async def test_a_note_typed_during_a_statement_is_stamped_to_it(moderator, database, clock):
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        turkiye = app.meeting.floor()
        assert turkiye is not None and turkiye.who == "TR"
        assert "Türkiye" in str(app.screen.query_one("#floor-line").render())
        await pilot.press(*"PPPs matter #rec", "enter", *"[b]second[/b] line")
        await pilot.press("ctrl+s")
        await saved(pilot)
        [note] = app.meeting.notes("discussion-1")
        assert note.intervention_id == turkiye.id and note.role == "rapporteur"
        assert note.text == "PPPs matter #rec\n[b]second[/b] line" and note.tags == ("rec",)
        assert app.screen.query_one(NoteEditor).text == ""
        # Durable before it shows as saved: the moderator's handle reads it from disk.
        moderator.meeting.apply_all(moderator.store.read_new())
        assert moderator.meeting.notes_for(turkiye.id)[0].text == note.text
        options = app.screen.query_one(ItemNotes)
        assert any("[b]second[/b]" in line for line in options.shown())


async def test_follows_the_moderator_and_never_changes_the_floor(moderator, database, clock):
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        moderator.do(moderator.meeting.give_floor())  # Austria now
        await follow(pilot)
        assert app.meeting.floor().who == "AT"
        assert "Austria" in str(app.screen.query_one("#floor-line").render())
        await paste(pilot, "Austria agrees")
        await pilot.press("ctrl+s")
        await saved(pilot)
        roles = {e["type"]: e["role"] for e in MeetingStore.open(database).events()}
        assert roles["note.added"] == "rapporteur"
        assert all(role == "moderator" for kind, role in roles.items() if not kind.startswith("note"))


async def test_edit_delete_restore_and_move_from_the_list(moderator, database, clock):
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        turkiye = app.meeting.floor()
        moderator.do(moderator.meeting.give_floor())
        await follow(pilot)
        austria = app.meeting.floor()
        await paste(pilot, "Said by Türkiye really")
        await pilot.press("ctrl+s")
        await saved(pilot)
        note = app.meeting.notes()[0]
        assert note.intervention_id == austria.id
        await pilot.press("escape")  # to the list
        notes = app.screen.query_one(ItemNotes)
        assert notes.has_focus
        notes.highlighted = notes.index_of(note.id)
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("down", "enter")  # first intervention: Türkiye
        await saved(pilot)
        assert app.meeting.note(note.id).intervention_id == turkiye.id
        await pilot.press("enter")
        await pilot.press("end", *" #quote", "ctrl+s")
        await saved(pilot)
        edited = app.meeting.note(note.id)
        assert edited.text == "Said by Türkiye really #quote"
        assert [r.text for r in edited.history] == ["Said by Türkiye really"]
        await pilot.press("escape", "ctrl+d")
        await saved(pilot)
        assert app.meeting.notes() == []
        assert any("ctrl+u" in n.message and "restores" in n.message for n in notified(app))
        await pilot.press("ctrl+u")
        await saved(pilot)
        assert [n.id for n in app.meeting.notes()] == [note.id]
        # The restored note is selected again: Enter edits it, no "Choose a note first".
        assert notes.highlighted_note == note.id
        await pilot.press("enter")
        assert app.screen.query_one(NoteEditor).editing_note.id == note.id


async def test_search_by_tag_and_accentless_word(moderator, database, clock):
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        for text in ("Turkiye on hotels #rec", "Nothing to note"):
            await pilot.press(*text, "ctrl+s")
            await saved(pilot)
        await pilot.press("ctrl+f", *"#REC hotels")
        await pilot.pause()
        notes = app.screen.query_one(ItemNotes)
        found = notes.shown()
        assert any("hotels" in line for line in found)
        assert not any("Nothing" in line for line in found)


async def test_a_draft_left_by_a_crash_is_offered_back(moderator, database, clock):
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await paste(pilot, "Half a thought")
        editor = app.screen.query_one(NoteEditor)
        editor.keep_draft()  # what the one-second interval does
        editor.keeper.flush()
    # The store keeps the draft; a new process offers it back in the editor.
    again = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with again.run_test(size=(120, 36)) as pilot:
        await drafts_read(pilot)
        assert again.screen.query_one(NoteEditor).text == "Half a thought"
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert [n.text for n in again.meeting.notes()] == ["Half a thought"]
        with MeetingStore.open(database) as store:  # saved: no draft is left to offer back
            assert {key: draft.text for key, draft in store.drafts().items()} == {}


async def test_the_draft_timer_sleeps_at_rest_and_wakes_with_the_text(moderator, database,
                                                                       clock):
    """The editor keeps its text each second while it changes; a second that finds nothing
    new puts that timer to sleep (an idle console is not woken by it), and the next change
    wakes it: what is typed then is kept at its next second, as before."""
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await drafts_read(pilot)
        editor = app.screen.query_one(NoteEditor)
        timer = editor._drafting
        editor._draft_tick()  # its seconds, run here: no test waits for a clock
        editor._draft_tick()
        assert not timer._active.is_set()  # nothing new for a second: asleep
        await paste(pilot, "Half a thought")
        assert timer._active.is_set()  # the text changed: awake
        editor._draft_tick()  # kept, and awake while it may change again
        assert timer._active.is_set()
        editor.keeper.flush()
        with MeetingStore.open(database) as store:
            assert [d.text for d in store.drafts().values()] == ["Half a thought"]
        editor._draft_tick()
        assert not timer._active.is_set()
        await pilot.press(*" more")
        assert timer._active.is_set()
        editor._draft_tick()
        editor.keeper.flush()
        with MeetingStore.open(database) as store:
            assert [d.text for d in store.drafts().values()] == ["Half a thought more"]


async def test_an_edit_left_by_a_crash_is_offered_back_on_its_note(moderator, database, clock):
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await paste(pilot, "Austria agrees")
        await pilot.press("ctrl+s")
        await saved(pilot)
        [note] = app.meeting.notes()
        await pilot.press("escape")
        notes = app.screen.query_one(ItemNotes)
        notes.highlighted = notes.index_of(note.id)
        await pilot.press("enter", "end", *" with reservations")
        editor = app.screen.query_one(NoteEditor)
        editor.keep_draft()  # what the one-second interval does
        editor.keeper.flush()
        assert MeetingStore.open(database).draft("rapporteur") is None
    again = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with again.run_test(size=(120, 36)) as pilot:
        await drafts_read(pilot)
        editor = again.screen.query_one(NoteEditor)
        assert editor.editing_note is not None and editor.editing_note.id == note.id
        assert editor.text == "Austria agrees with reservations"
        assert any(n.title == "Draft recovered" for n in notified(again))
        await pilot.press("ctrl+s")
        await saved(pilot)
        edited = again.meeting.note(note.id)
        assert edited.text == "Austria agrees with reservations"
        assert [r.text for r in edited.history] == ["Austria agrees"]
        assert len(again.meeting.notes()) == 1  # an edit, not a second note
        editor.keeper.flush()
        # Nothing left to offer back (the one-second keeper may have saved the emptied editor).
        with MeetingStore.open(database) as store:
            assert not [d for d in store.drafts().values() if d.text.strip()]


async def test_typing_on_in_the_list_never_changes_a_note(moderator, database, clock):
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        for text in ("First point", "Second point"):
            await pilot.press(*text, "ctrl+s")
            await saved(pilot)
        await pilot.press("escape")
        notes = app.screen.query_one(ItemNotes)
        assert notes.has_focus and notes.highlighted_note is not None
        # "d" deleted, "e" opened an edit, "m" a dialog, "u" restored: each only types now.
        await pilot.press(*"delegates agreed to meet", "ctrl+s")
        await saved(pilot)
        assert [n.text for n in app.meeting.notes()] == [
            "First point", "Second point", "delegates agreed to meet"]
        assert all(not n.history for n in app.meeting.notes())
        assert len(app.screen_stack) == 2  # no dialog opened


async def test_an_edit_of_a_note_deleted_meanwhile_is_kept_as_a_new_note(moderator, database,
                                                                         clock):
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await paste(pilot, "Austria agrees")
        await pilot.press("ctrl+s")
        await saved(pilot)
        [note] = app.meeting.notes()
        await pilot.press("escape", "enter", "end", *" with reservations")
        editor = app.screen.query_one(NoteEditor)
        assert editor.editing_note.id == note.id
        moderator.meeting.apply_all(moderator.store.read_new())
        moderator.do(moderator.meeting.delete_note(note.id))  # from the moderator's console
        await follow(pilot)
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert app.meeting.note(note.id).deleted and not app.meeting.note(note.id).history
        assert editor.text == "Austria agrees with reservations"  # nothing lost
        assert editor.editing_note is None and "deleted" in str(editor.border_subtitle)
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert [n.text for n in app.meeting.notes()] == ["Austria agrees with reservations"]


async def test_the_list_scrolls_to_the_note_just_saved(moderator, database, clock):
    for number in range(10):  # a long list already (recorded, not typed: typing is slow)
        moderator.do(moderator.meeting.add_note(f"Point {number}\nwith a second line"))
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        notes = app.screen.query_one(ItemNotes)
        await pilot.pause()
        assert notes.max_scroll_y > 0 and notes.scroll_y < notes.max_scroll_y
        for number in (10, 11):  # then typed and saved in the editor
            await pilot.press(*f"Point {number}", "enter", *"with a second line", "ctrl+s")
            await saved(pilot)
        await pilot.pause()
        last = app.meeting.notes()[-1]
        assert notes.highlighted_note == last.id
        assert notes.max_scroll_y > 0 and notes.scroll_y == notes.max_scroll_y


async def test_search_finds_the_speaker_and_the_item(moderator, database, clock):
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await paste(pilot, "Hotels want one contact point")
        await pilot.press("ctrl+s")
        await saved(pilot)
        moderator.do(moderator.meeting.give_floor())  # Austria
        await follow(pilot)
        await paste(pilot, "Agrees #rec")
        await pilot.press("ctrl+s")
        await saved(pilot)
        notes = app.screen.query_one(ItemNotes)
        await pilot.press("ctrl+f", *"turkiye")
        await pilot.pause()
        found = listed_notes(notes)
        assert any("Hotels" in line for line in found) and not any("Agrees" in line
                                                                 for line in found)
        search = app.screen.query_one("#search")
        search.value = "partnerships recommendation"  # the item's title, the tag's meaning
        await pilot.pause()
        found = listed_notes(notes)
        assert any("Agrees" in line for line in found) and not any("Hotels" in line
                                                                 for line in found)


async def test_the_revisions_of_a_note_show_who_wrote_each_and_when(moderator, database, clock):
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock,
                               console="Rapporteur session 1")
    async with app.run_test(size=(120, 36)) as pilot:
        await paste(pilot, "Said by Türkiye")
        await pilot.press("ctrl+s")
        await saved(pilot)
        [note] = app.meeting.notes()
        clock.advance(120)
        moderator.meeting.apply_all(moderator.store.read_new())
        moderator.do(moderator.meeting.edit_note(note.id, "Said by Türkiye, [b]firmly[/b]"))
        await follow(pilot)
        await pilot.press("escape")
        app.screen.query_one(ItemNotes).reveal(note.id)
        await pilot.press("ctrl+l")
        await pilot.pause()
        from moderator.tui.screens.note_history import NoteHistory

        assert isinstance(app.screen, NoteHistory)
        versions = app.screen.query_one("#revisions", OptionList)
        shown = "\n".join(str(versions.get_option_at_index(i).prompt)
                          for i in range(versions.option_count))
        # Each version by its console's name (`--console`), else its role and host.
        by_chair = moderator.opened.identity.author
        assert by_chair == f"moderator ({moderator.opened.identity.host})"
        assert f"Version 2  (current)  2026-12-10 09:02:00  by {by_chair}" in shown
        assert "Version 1  2026-12-10 09:00:00  by Rapporteur session 1" in shown
        assert "[b]firmly[/b]" in shown  # text, never markup
        assert shown.index("Version 2") < shown.index("Version 1")  # newest first
        await pilot.press("escape")
        assert not isinstance(app.screen, NoteHistory)


async def test_a_pasted_speech_is_shown_in_the_list_as_its_beginning(moderator, database, clock):
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    speech = "\n".join(" ".join(f"word{i}" for i in range(line * 10, line * 10 + 10))
                       for line in range(500))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.post_message(Paste(speech))  # as the terminal driver sends it
        await pilot.pause()
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert app.meeting.notes()[0].text == speech  # the whole of it is recorded
        [shown] = [line for line in listed_notes(app.screen.query_one(ItemNotes)) if "word0" in line]
        assert "word4999" not in shown and "4,940 more words" in shown


async def test_the_speaker_line_shows_at_80x24_under_a_long_item_title(database, clock):
    m = Moderator(database, clock)
    agenda = make_agenda()
    m.do(m.meeting.start_item("discussion-1"))
    m.do(m.meeting.request_floor("TR"))
    m.do(m.meeting.give_floor())
    long_title = "Public-private partnerships " * 6
    item = agenda.sessions[0].items[1]
    agenda = replace(agenda, sessions=(replace(agenda.sessions[0], items=(
        agenda.sessions[0].items[0], replace(item, title=long_title),
        agenda.sessions[0].items[2])),))
    app = build_rapporteur_app(agenda, make_roster(), database, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        floor = app.screen.query_one("#floor-line")
        lines = [floor.render_line(y).text for y in range(floor.size.height)]  # as drawn
        assert len(lines) == 2
        assert "Public-private" in lines[0]
        assert "Türkiye" in lines[1] and "left" in lines[1]


async def test_the_tick_redraws_the_floor_line_alone(moderator, database, clock, monkeypatch):
    """Four ticks a second move the speaker's time: the line is redrawn, the screen (and the
    notes list in it) is never laid out again for it."""
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(160, 40)) as pilot:
        await paste(pilot, "A note in the list")
        await pilot.press("ctrl+s")
        await saved(pilot)
        await pilot.pause()
        screen = app.screen
        layouts: list[object] = []
        original = type(screen)._refresh_layout

        def counting(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            layouts.append(args)
            return original(self, *args, **kwargs)

        monkeypatch.setattr(type(screen), "_refresh_layout", counting)
        line = screen.query_one("#floor-line")
        before = str(line.render())
        for _ in range(8):
            clock.advance(1)
            screen.tick()
            await pilot.pause()
        assert str(line.render()) != before  # the time moved on screen
        assert layouts == []
        # A tick that changes nothing redraws nothing.
        shown = line.shown
        screen.tick()
        assert line.shown is shown
