"""Two rapporteurs' consoles on one meeting edit one note: a save never replaces a text its
author did not see; the conflict shows both texts and each choice does what it says."""

from __future__ import annotations

from contextlib import AsyncExitStack

from textual.widgets import OptionList

from moderator.tui.rapporteur_app import RapporteurApp, build_rapporteur_app
from moderator.tui.screens.note_conflict import NoteConflict
from moderator.tui.screens.note_history import NoteHistory
from moderator.tui.widgets.note_editor import NoteEditor
from moderator.tui.widgets.notes_panel import ItemNotes
from tests.tui.conftest import drafts_read, follow, make_agenda, make_roster, until


async def saved(pilot) -> None:
    """Until the store has answered and the editor knows it (a dialog may be on top)."""
    app: RapporteurApp = pilot.app
    editor = app.screen_stack[1].query_one(NoteEditor)  # under a dialog, if one is open
    await until(pilot, lambda: app.link.idle and editor._saving is None, "the save answered")
    await pilot.pause()


async def two_consoles(stack: AsyncExitStack, database, clock, names=("Ann", "Bob")):
    """Ann's and Bob's consoles (`--console NAME`), each with its pilot, the drafts read."""
    pilots = []
    for name in names:
        app = build_rapporteur_app(make_agenda(), make_roster(), database, clock, console=name)
        pilot = await stack.enter_async_context(app.run_test(size=(120, 36)))
        app.follower.stop()  # each reads the other's when the test says (`follow`)
        await drafts_read(pilot)
        pilots.append(pilot)
    return pilots


async def open_first_note(pilot) -> NoteEditor:
    """Escape to the list, Enter on its note: the note in the editor, the cursor at its end."""
    app: RapporteurApp = pilot.app
    await pilot.press("escape")
    notes = app.screen.query_one(ItemNotes)
    notes.highlighted = notes.index_of(app.meeting.notes()[0].id)
    await pilot.press("enter")
    editor = app.screen.query_one(NoteEditor)
    assert editor.editing_note is not None and editor.has_focus
    assert editor.cursor_location == editor.document.end  # new words go after the text
    return editor


async def test_two_rapporteurs_edit_one_note_and_merge_by_hand(moderator, database, clock):
    async with AsyncExitStack() as stack:
        ann, bob = await two_consoles(stack, database, clock)
        await ann.press(*"v1", "ctrl+s")
        await saved(ann)
        await follow(bob)
        ann_editor, bob_editor = await open_first_note(ann), await open_first_note(bob)
        await ann.press("backspace", "2", "ctrl+s")  # Ann corrects it to v2
        await saved(ann)
        await bob.press(*" and more")  # Bob, on v1, has not read it yet
        await bob.press("ctrl+s")
        await saved(bob)
        await until(bob, lambda: isinstance(bob.app.screen, NoteConflict), "the conflict shown")
        dialog = bob.app.screen
        shown = "\n".join(str(s.render()) for s in dialog.query("Static"))
        assert "Meanwhile Ann changed this note" in shown
        assert "Yours (not saved)" in shown and "v1 and more" in shown
        assert "Ann's (saved)" in shown and "v2" in shown
        [note] = bob.app.meeting.notes()
        assert note.text == "v2"  # Ann's, folded; Bob's text was not recorded
        await bob.press("m")  # merge by hand: both texts in the editor
        await bob.pause()
        assert bob_editor.text == "v2\n\nv1 and more"
        assert bob_editor.cursor_location == bob_editor.document.end
        await bob.press("ctrl+s")
        await saved(bob)
        await follow(ann)
        [note] = ann.app.meeting.notes()
        assert [(v.text, v.by) for v in note.versions()] == [
            ("v1", "Ann"), ("v2", "Ann"), ("v2\n\nv1 and more", "Bob")]
        assert ann_editor.editing_note is None  # Ann's save started a new note
        # Ann's revisions dialog names each author.
        await ann.press("escape")
        ann.app.screen.query_one(ItemNotes).reveal(note.id)
        await ann.press("ctrl+l")
        await ann.pause()
        assert isinstance(ann.app.screen, NoteHistory)
        versions = ann.app.screen.query_one("#revisions", OptionList)
        history = "\n".join(str(versions.get_option_at_index(i).prompt)
                            for i in range(versions.option_count))
        assert "Version 3  (current)" in history and "by Bob" in history
        assert "Version 1" in history and "by Ann" in history


async def test_keep_mine_take_theirs_and_an_unchanged_edit_that_follows(moderator, database,
                                                                         clock):
    async with AsyncExitStack() as stack:
        ann, bob = await two_consoles(stack, database, clock)
        await ann.press(*"v1", "ctrl+s")
        await saved(ann)
        await follow(bob)
        await open_first_note(ann)
        bob_editor = await open_first_note(bob)
        # An edit left unchanged follows the note; saved, it sends nothing.
        await ann.press("backspace", "2", "ctrl+s")
        await saved(ann)
        await follow(bob)
        assert bob_editor.text == "v2" and bob_editor.editing_note is not None
        await bob.press("ctrl+s")
        await saved(bob)
        assert bob_editor.editing_note is None and bob_editor.text == ""
        assert "nothing changed" in str(bob_editor.border_subtitle)
        assert len(bob.app.meeting.notes()[0].versions()) == 2
        # Keep mine: Bob's text goes over Ann's, now that Bob has seen it.
        await open_first_note(ann)
        await open_first_note(bob)
        await ann.press("backspace", "3", "ctrl+s")
        await saved(ann)
        await bob.press(*" by Bob", "ctrl+s")
        await saved(bob)
        await until(bob, lambda: isinstance(bob.app.screen, NoteConflict), "the conflict shown")
        await bob.press("k")
        await saved(bob)
        assert bob.app.meeting.notes()[0].text == "v2 by Bob"
        assert [v.text for v in bob.app.meeting.notes()[0].versions()] == [
            "v1", "v2", "v3", "v2 by Bob"]
        # Take theirs: Bob's text is dropped, by his choice, and the editor starts anew.
        await follow(ann)
        await open_first_note(ann)
        await open_first_note(bob)
        await ann.press(*" and Ann", "ctrl+s")
        await saved(ann)
        await bob.press(*"!", "ctrl+s")
        await saved(bob)
        await until(bob, lambda: isinstance(bob.app.screen, NoteConflict), "the conflict shown")
        await bob.press("t")
        await bob.pause()
        assert bob_editor.editing_note is None and bob_editor.text == ""
        assert bob.app.meeting.notes()[0].text == "v2 by Bob and Ann"


async def test_escape_keeps_an_edit_as_it_keeps_a_new_note(moderator, database, clock):
    async with AsyncExitStack() as stack:
        [ann] = await two_consoles(stack, database, clock, names=("Ann",))
        await ann.press(*"Austria agrees", "ctrl+s")
        await saved(ann)
        editor = await open_first_note(ann)
        await ann.press(*" with reservations", "escape")
        notes = ann.app.screen.query_one(ItemNotes)
        assert notes.has_focus
        assert editor.editing_note is not None and editor.text == "Austria agrees with reservations"
        # Enter on it in the list brings it back as typed; then it saves.
        await ann.press("enter")
        assert editor.text == "Austria agrees with reservations" and editor.has_focus
        await ann.press("ctrl+s")
        await saved(ann)
        assert ann.app.meeting.notes()[0].text == "Austria agrees with reservations"
