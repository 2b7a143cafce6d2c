"""The rapporteur's page as it looks: from 320 to 1920 px nothing runs sideways and every
target is at least 24 px; the background holds over the whole scrolled page in either theme of
the device; axe-core finds nothing in any of its states; unsaved notes recovered are each
reachable. States are built through the core; one browser for the module."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from moderator.core import FakeClock
from tests.web.conftest import artefact
from tests.web.room import Chair, RoomServer
from tests.web.test_room_matrix import axe_violations

WAIT_MS = 15000
WIDTHS = (320, 768, 1920)
LONG = ("Hotels and shopping centres want one contact point per city, and a register of soft "
        "targets kept by the police #rec")

# Every shown button, select, field and summary smaller than 24 px either way.
SMALL_TARGETS = """() => [...document.querySelectorAll('button, select, input, summary, textarea')]
  .filter((el) => el.getClientRects().length)
  .map((el) => [el.id || el.className || el.tagName, el.getBoundingClientRect()])
  .filter(([, r]) => r.width < 24 || r.height < 24)
  .map(([name, r]) => `${name}: ${Math.round(r.width)}x${Math.round(r.height)}`)"""

# The colour behind a point: the first element under it, up to the root, with a background.
BACKGROUND_AT = """([x, y]) => {
  for (let el = document.elementFromPoint(x, y); el; el = el.parentElement) {
    const colour = getComputedStyle(el).backgroundColor;
    if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') return colour;
  }
  return getComputedStyle(document.documentElement).backgroundColor;
}"""


@pytest.fixture
def context(browser) -> Iterator[object]:
    """A fresh context each test, letting axe-core be put into the page (the page's policy
    allows only its own scripts)."""
    context = browser.new_context(bypass_csp=True)
    yield context
    context.close()


@pytest.fixture
def room(database: Path, clock: FakeClock, chair: Chair) -> Iterator[RoomServer]:
    """Austria, then Türkiye on the floor, a long item's notes (one deleted, one edited)."""
    chair.do("start_item", "debate")
    for who in ("AT", "TR", "DK"):
        chair.do("request_floor", who)
    chair.do("give_floor")
    for number in range(12):
        chair.do("add_note", f"{number + 1}. {LONG}")
    first, second = (n.id for n in chair.meeting.notes()[:2])
    chair.do("delete_note", first)
    chair.do("edit_note", second, f"{LONG}, corrected")
    chair.do("give_floor")
    chair.do("set_documents", ["PC.DEL/447/12"])
    chair.do("adopt_decision", "on the dates of the review", number="1041", statements=("TR",))
    server = RoomServer(database, clock, heartbeat_seconds=0.2).start()
    yield server
    server.stop()


def notes_page(context, room: RoomServer, width: int = 1280, height: int = 800):
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": height})
    page.goto(room.link("/notes", "notes"))
    page.wait_for_function("() => Room.doc !== null && Desk.desk !== null"
                           " && document.querySelectorAll('#notes .note').length === 12")
    return page


def with_two_unsaved_notes(page) -> None:
    """Two notes typed and never saved, kept as the server's drafts of this browser, whose own
    storage is gone (another browser profile, cleared): the page is opened again."""
    page.evaluate("""async () => {
      for (const [id, text] of [['unsaved-one-0001', 'First unsaved note on Türkiye'],
                                ['unsaved-two-0002', 'Second unsaved note, on the item']]) {
        await post(`/api/drafts/${id}`, { text, target: null }, 'PUT');
      }
      localStorage.removeItem(Desk.key);
    }""")
    page.reload()
    page.wait_for_function("() => Desk.desk !== null && !document.getElementById('recovered').hidden")


def with_a_conflict(page, chair: Chair) -> None:
    """The first note shown opened, changed here, corrected meanwhile elsewhere, saved: both
    texts shown."""
    note = chair.meeting.notes()[0]
    page.click(f'#notes .note[data-note="{note.id}"] >> text=Edit')
    page.keyboard.type(" (my addition)")
    chair.opened.poll()
    assistant = replace(chair.opened.identity, name="Chair's assistant")
    with chair.meeting.deciding_for(assistant):
        corrected = chair.meeting.edit_note(note.id, "Corrected meanwhile", base=note.revision)
    chair.opened.record(lambda: corrected)
    page.keyboard.press("Control+s")
    page.wait_for_selector("#conflict:not([hidden])", timeout=WAIT_MS)


def test_from_320_to_1920_px_nothing_runs_sideways_and_targets_are_24_px(
        context, room: RoomServer, chair: Chair) -> None:
    page = notes_page(context, room)
    with_two_unsaved_notes(page)
    with_a_conflict(page, chair)
    page.click("#notes .note:not(.deleted) >> text=Revisions")
    page.wait_for_selector("#notes .revision")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_function("() => true")  # laid out again
        assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth"), (
            f"the page scrolls sideways at {width} px")
        assert page.evaluate(SMALL_TARGETS) == [], f"targets under 24 px at {width} px"
        for card in page.query_selector_all("#notes .note"):
            box, actions = card.bounding_box(), card.query_selector(".actions").bounding_box()
            assert actions["x"] + actions["width"] <= box["x"] + box["width"] + 1, (
                f"a note's actions run past its card at {width} px")
        page.screenshot(path=artefact(f"notes-{width}.png"), full_page=True)


def test_the_background_holds_over_the_whole_scrolled_page_in_both_themes(
        context, room: RoomServer) -> None:
    page = notes_page(context, room, 768, 600)
    for scheme in ("dark", "light"):
        page.emulate_media(color_scheme=scheme)
        assert page.evaluate("() => document.documentElement.scrollHeight > 2 * innerHeight")
        page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_function("() => scrollY > 0")
        seen = {page.evaluate(BACKGROUND_AT, [x, y]) for x in (2, 384, 765) for y in (5, 300, 595)}
        assert seen <= {"rgb(247, 247, 245)", "rgb(255, 255, 255)"}, (scheme, seen)
        assert page.evaluate("() => getComputedStyle(document.documentElement).backgroundColor")\
            == "rgb(247, 247, 245)"
        # The text down there is dark on that light ground (axe measures every contrast).
        assert axe_violations(page, ["color-contrast"]) == [], scheme
        page.evaluate("() => window.scrollTo(0, 0)")


def test_axe_core_finds_nothing_in_any_state_of_the_page(
        context, room: RoomServer, chair: Chair) -> None:
    page = notes_page(context, room)
    states = {
        "notes": lambda: None,
        "revisions open": lambda: (
            page.click("#notes .note:not(.deleted) >> text=Revisions"),
            page.wait_for_selector("#notes .revision")),
        "keys shown": lambda: page.click(".keys summary"),
        "typing": lambda: page.fill("#text", "A note being typed #rec"),
        "refused": lambda: page.evaluate("() => refused('Not saved: an example of a refusal')"),
        "recovered": lambda: with_two_unsaved_notes(page),
        "conflict": lambda: with_a_conflict(page, chair),
    }
    for state, reach in states.items():
        reach()
        for scheme in ("dark", "light"):
            page.emulate_media(color_scheme=scheme)
            assert axe_violations(page) == [], f"{state} ({scheme})"
        if state == "conflict":
            page.set_viewport_size({"width": 390, "height": 844})
            assert axe_violations(page) == [], f"{state} (a phone)"


def test_both_unsaved_notes_recovered_are_reachable(context, room: RoomServer) -> None:
    page = notes_page(context, room)
    with_two_unsaved_notes(page)
    assert "Recovered 2 unsaved notes" in page.inner_text("#recovered")
    first = page.input_value("#text")
    assert first in ("First unsaved note on Türkiye", "Second unsaved note, on the item")
    [other] = page.query_selector_all("#recovered-list button")
    other.click()  # the one open is saved as it goes (as "New note" and "Edit" do)
    second = page.input_value("#text")
    assert {first, second} == {"First unsaved note on Türkiye", "Second unsaved note, on the item"}
    page.wait_for_function("(text) => [...document.querySelectorAll('#notes .note .body')]"
                           ".some((body) => body.textContent === text)", arg=first,
                           timeout=WAIT_MS)
    page.keyboard.press("Control+s")
    page.wait_for_function("() => document.getElementById('recovered').hidden", timeout=WAIT_MS)
    page.wait_for_function("() => document.querySelectorAll('#notes .note').length === 14",
                           timeout=WAIT_MS)
