"""The rapporteur's page in a real browser: nothing typed is ever lost, nothing is recorded twice."""

from __future__ import annotations

from collections.abc import Iterator
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
