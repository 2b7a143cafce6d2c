"""The rapporteur's page in a real browser: nothing typed is ever lost, nothing is recorded twice."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from moderator.core import FakeClock
from moderator.export.formats import RENDERERS, summarise
from moderator.store import MeetingStore
from tests.helpers.small_meeting import small_agenda, small_roster
from tests.web.conftest import artefact
from tests.web.room import Chair, RoomServer

WAIT_MS = 15000


@pytest.fixture
def room(database: Path, clock: FakeClock, chair: Chair) -> Iterator[RoomServer]:
    chair.do("start_item", "debate")
    for who in ("AT", "TR", "DK"):
        chair.do("request_floor", who)
    chair.do("give_floor")  # Austria
    server = RoomServer(database, clock, heartbeat_seconds=0.2).start()
    yield server
    server.stop()


def notes_page(context, room: RoomServer):
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(room.link("/notes", "notes"))
    page.wait_for_function("() => Room.doc !== null && Desk.desk !== null")
    return page


def saved(page) -> None:
    page.wait_for_function("() => document.getElementById('status').textContent === 'saved'",
                           timeout=WAIT_MS)


def recorded(database: Path, clock: FakeClock) -> list[dict]:
    with MeetingStore.open(database, clock) as store:
        return [e for e in store.events() if e["type"].startswith("note.")]


def test_a_note_begun_during_austria_and_saved_after_is_austrias(
        context, room: RoomServer, chair: Chair, database: Path, clock: FakeClock) -> None:
    austria = chair.meeting.floor().id
    page = notes_page(context, room)
    page.fill("#text", "Austria supports the register #rec")
    assert page.eval_on_selector("#target", "s => s.selectedOptions[0].textContent").startswith(
        "Austria")
    chair.do("give_floor")  # Türkiye has the floor now
    page.wait_for_function("() => document.getElementById('speaker').textContent === 'Türkiye'")
    page.keyboard.press("Control+s")
    saved(page)
    page.screenshot(path=artefact("notes.png"))
    [added] = recorded(database, clock)
    assert added["intervention_id"] == austria and added["role"] == "rapporteur"
    assert added["console"].startswith("browser:")
    page.wait_for_selector("#notes .note")
    assert "Austria" in page.inner_text("#notes .note .meta")


def test_a_note_saved_while_the_server_is_down_is_recorded_once_when_it_returns(
        context, room: RoomServer, database: Path, clock: FakeClock) -> None:
    page = notes_page(context, room)
    room.stop()
    page.fill("#text", "Typed while the server was away")
    page.keyboard.press("Control+s")
    page.wait_for_function("() => document.getElementById('status').textContent"
                           ".startsWith('not saved yet')", timeout=WAIT_MS)
    assert recorded(database, clock) == []
    room.start()
    saved(page)
    page.reload()  # a reload after saving offers nothing back: it is recorded
    page.wait_for_function("() => Desk.desk !== null")
    assert page.is_hidden("#recovered")
    [added] = recorded(database, clock)
    assert added["text"] == "Typed while the server was away"


def test_a_network_cut_while_typing_loses_nothing_and_doubles_nothing(
        context, room: RoomServer, database: Path, clock: FakeClock) -> None:
    page = notes_page(context, room)
    page.type("#text", "First half, ")
    context.set_offline(True)
    page.type("#text", "typed offline")
    page.keyboard.press("Control+s")
    page.wait_for_function("() => document.getElementById('status').textContent"
                           ".startsWith('not saved yet')", timeout=WAIT_MS)
    page.keyboard.press("Control+s")  # pressed again, impatiently
    context.set_offline(False)
    saved(page)
    notes = recorded(database, clock)
    assert [n["text"] for n in notes] == ["First half, typed offline"]


def test_a_reload_mid_typing_offers_the_text_back(context, room: RoomServer, database: Path,
                                                 clock: FakeClock) -> None:
    page = notes_page(context, room)
    page.type("#text", "Denmark asks for a #decision on")
    page.reload()
    page.wait_for_function("() => Desk.desk !== null")
    assert page.input_value("#text") == "Denmark asks for a #decision on"
    assert "Recovered 1 unsaved note" in page.inner_text("#recovered")
    page.type("#text", " Thursday")
    page.keyboard.press("Control+s")
    saved(page)
    assert [n["text"] for n in recorded(database, clock)] == [
        "Denmark asks for a #decision on Thursday"]


def test_two_rapporteurs_on_two_laptops(browser, room: RoomServer, database: Path,
                                        clock: FakeClock) -> None:
    first, second = browser.new_context(), browser.new_context()
    try:
        one, two = notes_page(first, room), notes_page(second, room)
        one.type("#text", "First rapporteur's draft")
        two.type("#text", "Second rapporteur's draft")
        for page in (one, two):  # the one-second drafts reach the server
            page.wait_for_function("() => Object.values(Desk.draftsSent)[0] === "
                                   "document.getElementById('text').value", timeout=WAIT_MS)
        for page, mine in ((one, "First"), (two, "Second")):
            drafts = page.evaluate(
                "async () => (await fetch('/api/drafts?console=' + Desk.console)).json()")
            assert [d["text"] for d in drafts] == [f"{mine} rapporteur's draft"]
        one.keyboard.press("Control+s")
        two.keyboard.press("Control+s")
        saved(one)
        saved(two)
        notes = recorded(database, clock)
        assert sorted(n["text"] for n in notes) == ["First rapporteur's draft",
                                                    "Second rapporteur's draft"]
        assert len({n["console"] for n in notes}) == 2
        with MeetingStore.open(database, clock) as store:
            assert store.drafts() == {}  # saved notes leave no draft behind
    finally:
        first.close()
        second.close()


def test_edit_move_delete_restore_and_the_export(context, room: RoomServer, chair: Chair,
                                                 database: Path, clock: FakeClock) -> None:
    page = notes_page(context, room)
    page.fill("#text", "Austria: one contact point #action")
    page.keyboard.press("Control+Enter")  # saves and starts a new note
    page.wait_for_selector("#notes .note")
    page.click("#notes .note >> text=Edit")
    page.fill("#text", "Austria: one contact point per city #action")
    page.keyboard.press("Control+s")
    saved(page)
    page.wait_for_function("() => document.querySelector('#notes .note .body').textContent"
                           ".includes('per city')")
    page.select_option("#notes .note select", label="the item as a whole")
    page.click("#notes .note >> text=Move")
    page.wait_for_function("() => document.querySelector('#notes .note .meta').textContent"
                           ".includes('the item as a whole')")
    page.fill("#search", "#action")
    page.wait_for_function("() => Desk.desk.query === '#action' && Desk.desk.notes.length === 1")
    page.fill("#search", "")
    page.click("#notes .note >> text=Delete")
    page.wait_for_selector("#notes .note.deleted")
    page.click("#notes .note >> text=Restore")
    page.wait_for_selector("#notes .note:not(.deleted)")
    chair.do("send_podium_message", "Please conclude")
    summary = summarise([database], small_agenda(), small_roster(), clock)
    markdown = RENDERERS["md"](summary)
    text = markdown if isinstance(markdown, str) else markdown.decode()
    assert "Austria: one contact point per city" in text
    assert "Please conclude" not in text  # the chair's message is not part of the record


# -- two rapporteurs: no save replaces a text its author did not see ------------------------

def shown_text(page, note_id: str) -> str:
    return page.inner_text(f'#notes .note[data-note="{note_id}"] .body')


def until_shown(page, note_id: str, text: str) -> None:
    page.wait_for_function(
        "([id, text]) => { const body = document.querySelector(`#notes .note[data-note=\"${id}\"] .body`);"
        " return body !== null && body.textContent === text; }", arg=[note_id, text], timeout=WAIT_MS)


def assistant_edits(chair: Chair, note_id: str, text: str) -> None:
    """The chair's assistant corrects the note from the chair's console, on its current text."""
    chair.opened.poll()
    note = chair.meeting.note(note_id)
    assistant = replace(chair.opened.identity, name="Chair's assistant")

    def correct() -> list[dict]:
        with chair.meeting.deciding_for(assistant):
            return chair.meeting.edit_note(note_id, text, base=note.revision)

    chair.opened.record(correct)


def test_a_correction_is_never_undone_by_new_note_save_or_edit(
        browser, room: RoomServer, database: Path, clock: FakeClock) -> None:
    """A saves v1; B corrects it to v2; A only clicks "New note": the note says v2. A opens
    it, B corrects it again; A's "New note", Ctrl+Enter, Ctrl+S and "Edit" on another note send
    nothing: the open note did not change here."""
    first, second = browser.new_context(), browser.new_context()
    try:
        a, b = notes_page(first, room), notes_page(second, room)
        a.fill("#text", "v1")
        a.keyboard.press("Control+s")
        saved(a)
        assert a.input_value("#text") == ""  # the editor started a new note
        [note] = [e["note"] for e in recorded(database, clock)]
        until_shown(b, note, "v1")
        b.click(f'#notes .note[data-note="{note}"] >> text=Edit')
        assert b.input_value("#text") == "v1"
        b.fill("#text", "v2")
        b.keyboard.press("Control+s")
        saved(b)
        a.click("#new")
        until_shown(a, note, "v2")
        # A opens the note (v2), makes another, then B corrects the first again.
        a.fill("#text", "another note")
        a.keyboard.press("Control+Enter")
        saved(a)
        a.click(f'#notes .note[data-note="{note}"] >> text=Edit')
        assert a.input_value("#text") == "v2"
        until_shown(b, note, "v2")
        b.click(f'#notes .note[data-note="{note}"] >> text=Edit')
        b.fill("#text", "v3")
        b.keyboard.press("Control+s")
        saved(b)
        other = next(e["note"] for e in recorded(database, clock) if e["note"] != note)
        sent: list[str] = []  # what A posts from here on: nothing
        a.on("request", lambda request: sent.append(request.url) if request.method == "POST"
             and request.url.endswith("/api/notes") else None)
        a.click(f'#notes .note[data-note="{other}"] >> text=Edit')
        a.click(f'#notes .note[data-note="{note}"] >> text=Edit')
        a.keyboard.press("Control+s")
        a.click("#new")
        a.keyboard.press("Alt+n")
        a.keyboard.press("Control+Enter")
        until_shown(a, note, "v3")
        assert sent == [] and a.is_hidden("#conflict")
        texts = [(e["type"], e["text"]) for e in recorded(database, clock) if e["note"] == note]
        assert texts == [("note.added", "v1"), ("note.edited", "v2"), ("note.edited", "v3")]
        assert b.inner_text(f'#notes .note[data-note="{note}"] .by') == "by Rapporteur (version 3)"
    finally:
        first.close()
        second.close()


def corrected_meanwhile(page, chair: Chair, note: str, typed: str, theirs: str) -> None:
    """The page opens the note and types at its end; the chair's assistant corrects it
    meanwhile to `theirs`; the page saves: both texts shown."""
    page.click(f'#notes .note[data-note="{note}"] >> text=Edit')
    page.keyboard.type(typed)  # the cursor is at the end of the text
    assistant_edits(chair, note, theirs)
    page.keyboard.press("Control+s")
    page.wait_for_selector("#conflict:not([hidden])", timeout=WAIT_MS)


def test_a_stale_save_shows_both_texts_and_each_choice_does_what_it_says(
        context, room: RoomServer, chair: Chair, database: Path, clock: FakeClock) -> None:
    page = notes_page(context, room)
    page.fill("#text", "v1")
    page.keyboard.press("Control+s")
    saved(page)
    [note] = [e["note"] for e in recorded(database, clock)]
    until_shown(page, note, "v1")
    corrected_meanwhile(page, chair, note, " and more", "v2")
    assert page.inner_text("#conflict-mine") == "v1 and more"
    assert page.inner_text("#conflict-theirs") == "v2"
    assert page.inner_text("#conflict-by") == "Chair's assistant's (saved)"
    assert "Meanwhile Chair's assistant changed this note" in page.inner_text("#conflict-words")
    assert [e.get("text") for e in recorded(database, clock)] == ["v1", "v2"]
    page.screenshot(path=artefact("notes-conflict.png"))
    page.click("#merge")  # both texts in the editor, to merge by hand
    assert page.input_value("#text") == "v2\n\nv1 and more"
    page.fill("#text", "v2 and more")
    page.keyboard.press("Control+s")
    saved(page)
    until_shown(page, note, "v2 and more")
    # Keep yours: written over theirs, once seen.
    corrected_meanwhile(page, chair, note, "!", "v3")
    page.click("#keep-mine")
    saved(page)
    assert page.is_hidden("#conflict")
    until_shown(page, note, "v2 and more!")
    # Take theirs: yours is dropped here, nothing more is sent.
    corrected_meanwhile(page, chair, note, "?", "v4")
    page.click("#take-theirs")
    assert page.is_hidden("#conflict")
    assert page.evaluate("() => Object.keys(Desk.book.notes)") == []
    until_shown(page, note, "v4")
    assert [e.get("text") for e in recorded(database, clock)] == [
        "v1", "v2", "v2 and more", "v3", "v2 and more!", "v4"]
    # The revisions name who wrote each text.
    page.click(f'#notes .note[data-note="{note}"] >> text=Revisions')
    page.wait_for_selector(f'#notes .note[data-note="{note}"] .revision')
    revisions = page.inner_text(f'#notes .note[data-note="{note}"] .revision-list')
    assert "Version 6 (current)" in revisions and "by Chair's assistant" in revisions
    assert "Version 5" in revisions and "by Rapporteur" in revisions


def test_the_list_keeps_a_move_target_a_note_on_choice_and_focus_across_updates(
        context, room: RoomServer, chair: Chair, database: Path, clock: FakeClock) -> None:
    austria = chair.meeting.floor().id
    for text in ("First point", "Second point"):
        chair.do("add_note", text)
    page = notes_page(context, room)
    page.wait_for_function("() => document.querySelectorAll('#notes .note').length === 2")
    first, second = (e["note"] for e in recorded(database, clock))
    card = f'#notes .note[data-note="{first}"]'
    page.select_option(f"{card} .move-to", label="the item as a whole")
    page.select_option("#target", label="the item as a whole")  # before typing
    page.focus(f'#notes .note[data-note="{second}"] .revisions')
    # The meeting moves on: another speaker, a note added, the first note corrected.
    chair.do("give_floor")  # Türkiye
    chair.do("add_note", "Third point")
    assistant_edits(chair, first, "First point, corrected")
    until_shown(page, first, "First point, corrected")
    page.wait_for_function("() => document.querySelectorAll('#notes .note').length === 3"
                           " && Desk.desk.interventions.length === 2")
    assert page.eval_on_selector(f"{card} .move-to", "s => s.value") == ""
    assert page.eval_on_selector("#target", "s => s.selectedOptions[0].textContent") == \
        "the item as a whole"
    assert page.evaluate("() => document.activeElement.closest('.note').dataset.note") == second
    assert page.evaluate("() => document.activeElement.className") == "revisions"
    page.click(f"{card} .move")
    page.wait_for_function(f"() => document.querySelector('{card} .where').textContent"
                           " === 'the item as a whole'", timeout=WAIT_MS)
    page.fill("#text", "On the item, typed while Türkiye speaks")
    page.keyboard.press("Control+s")
    saved(page)
    moved, added = [e for e in recorded(database, clock) if e["type"] in ("note.moved",
                                                                          "note.added")][-2:]
    assert moved["intervention_id"] is None and added["intervention_id"] is None
    assert austria != chair.meeting.floor().id
    # Alt+T: the next note goes to the speaker on the floor now.
    page.keyboard.press("Alt+t")
    assert page.eval_on_selector("#target", "s => s.selectedOptions[0].textContent").startswith(
        "Türkiye")


def test_documents_and_decisions_are_alt_keys_and_the_browsers_own_keys_stay_its_own(
        context, room: RoomServer) -> None:
    """Ctrl+R reloads and Ctrl+O opens a file in every browser: the page leaves them alone
    (a rapporteur reloading a stuck page must not land in the decision's number) and takes
    Alt+O and Alt+R, as it takes Alt+N and Alt+T for the terminal's ctrl+n and ctrl+t."""
    page = notes_page(context, room)
    page.focus("#text")
    page.keyboard.press("Alt+o")
    assert page.evaluate("() => document.activeElement.id") == "documents"
    page.focus("#text")
    page.keyboard.press("Alt+r")
    assert page.evaluate("() => document.activeElement.id") == "decision-number"
    page.focus("#text")
    for key in ("r", "o"):
        # dispatchEvent answers false when a handler called preventDefault.
        left_alone = page.evaluate(
            """(key) => document.activeElement.dispatchEvent(new KeyboardEvent('keydown', {
                 key, code: 'Key' + key.toUpperCase(), ctrlKey: true, bubbles: true,
                 cancelable: true}))""", key)
        assert left_alone, f"Ctrl+{key.upper()} was taken from the browser"
        assert page.evaluate("() => document.activeElement.id") == "text"
    keys = page.inner_text("body")
    assert "Alt+R" in keys and "Alt+O" in keys and "Ctrl+R" not in keys
