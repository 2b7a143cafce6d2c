"""The rapporteur's console on a real store: follows the moderator, saves, edits, moves notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from moderator.core import FakeClock, Meeting
from moderator.store import MeetingStore
from moderator.tui.app import MeetingApp
from moderator.tui.rapporteur_app import RapporteurApp, build_rapporteur_app
from moderator.tui.widgets.note_editor import NoteEditor
from moderator.tui.widgets.notes_panel import ItemNotes
from tests.tui.conftest import make_agenda, make_roster


class Moderator:
    """The moderator's process, played in the test: its own meeting and its own store handle."""

    def __init__(self, database: Path, clock: FakeClock) -> None:
        self.store = MeetingStore.open(database, clock)
        self.meeting = Meeting(make_agenda(), make_roster(), clock)

    def do(self, events: list[dict]) -> None:
        self.meeting.apply_all(self.store.read_new())
        self.store.append(events)
        self.meeting.apply_all(events)


@pytest.fixture
def moderator(database: Path, clock: FakeClock) -> Moderator:
    m = Moderator(database, clock)
    m.do(m.meeting.start_item("discussion-1"))
    m.do(m.meeting.request_floor("TR"))
    m.do(m.meeting.request_floor("AT"))
    m.do(m.meeting.give_floor())
    return m


async def saved(pilot: Pilot) -> None:
    """Until the store has answered and the editor knows it."""
    app = pilot.app
    assert isinstance(app, RapporteurApp | MeetingApp)
    editor = app.screen.query_one(NoteEditor)
    for _ in range(500):
        await pilot.pause()
        if app.link.idle and editor._saving is None:
            return
        await pilot.pause(0.01)
    raise AssertionError("the store never answered")


async def drafts_read(pilot: Pilot) -> None:
    """Until the editor has read the last run's drafts (on a worker thread, off the UI's)."""
    editor = pilot.app.screen.query_one(NoteEditor)
    for _ in range(500):
        await pilot.pause()
        if not editor._recovering:
            return
        await pilot.pause(0.01)
    raise AssertionError("the drafts were never read")


async def follow(pilot: Pilot) -> None:
    pilot.app.link.poll()  # what the follower thread does 4 times a second
    await pilot.pause()


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
        assert any("[b]second[/b]" in str(options.get_option_at_index(i).prompt)
                   for i in range(options.option_count))


async def test_follows_the_moderator_and_never_changes_the_floor(moderator, database, clock):
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        moderator.do(moderator.meeting.give_floor())  # Austria now
        await follow(pilot)
        assert app.meeting.floor().who == "AT"
        assert "Austria" in str(app.screen.query_one("#floor-line").render())
        await pilot.press(*"Austria agrees", "ctrl+s")
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
        await pilot.press(*"Said by Türkiye really", "ctrl+s")
        await saved(pilot)
        note = app.meeting.notes()[0]
        assert note.intervention_id == austria.id
        await pilot.press("escape")  # to the list
        notes = app.screen.query_one(ItemNotes)
        assert notes.has_focus
        notes.highlighted = [notes.get_option_at_index(i).id
                             for i in range(notes.option_count)].index(note.id)
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("down", "enter")  # first intervention: Türkiye
        await saved(pilot)
        assert app.meeting.note(note.id).intervention_id == turkiye.id
        await pilot.press("e")
        await pilot.press("end", *" #quote", "ctrl+s")
        await saved(pilot)
        edited = app.meeting.note(note.id)
        assert edited.text == "Said by Türkiye really #quote"
        assert [r.text for r in edited.history] == ["Said by Türkiye really"]
        await pilot.press("escape", "d")
        await saved(pilot)
        assert app.meeting.notes() == []
        await pilot.press("u")
        await saved(pilot)
        assert [n.id for n in app.meeting.notes()] == [note.id]


async def test_search_by_tag_and_accentless_word(moderator, database, clock):
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        for text in ("Turkiye on hotels #rec", "Nothing to note"):
            await pilot.press(*text, "ctrl+s")
            await saved(pilot)
        await pilot.press("ctrl+f", *"#REC hotels")
        await pilot.pause()
        notes = app.screen.query_one(ItemNotes)
        found = [str(notes.get_option_at_index(i).prompt) for i in range(notes.option_count)]
        assert any("hotels" in line for line in found)
        assert not any("Nothing" in line for line in found)


async def test_a_draft_left_by_a_crash_is_offered_back(moderator, database, clock):
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"Half a thought")
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
        assert MeetingStore.open(database).draft("rapporteur") is None or not \
            MeetingStore.open(database).draft("rapporteur").text


async def test_an_edit_left_by_a_crash_is_offered_back_on_its_note(moderator, database, clock):
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"Austria agrees", "ctrl+s")
        await saved(pilot)
        [note] = app.meeting.notes()
        await pilot.press("escape")
        notes = app.screen.query_one(ItemNotes)
        notes.highlighted = [notes.get_option_at_index(i).id
                             for i in range(notes.option_count)].index(note.id)
        await pilot.press("e", "end", *" with reservations")
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
        assert any(n.title == "Draft recovered" for n in again._notifications)
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


async def test_the_tick_redraws_the_floor_line_alone(moderator, database, clock, monkeypatch):
    """Four ticks a second move the speaker's time: the line is redrawn, the screen (and the
    notes list in it) is never laid out again for it."""
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press(*"A note in the list", "ctrl+s")
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
        shown = screen._floor_shown
        screen.tick()
        assert screen._floor_shown is shown
