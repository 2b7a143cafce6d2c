"""The matrix, on the room's pages and /api/state: in each state of the room
(tests/helpers/room_states.py), built through the core on the bundled seminar, /api/state holds
it, and each page says what the room must know in words, fits what it shows on the screen (or
says what it left out), and passes axe-core with no violation in both themes.

Quick by design: one chromium and one page per surface for the module, each loaded once from a
real room server. For each state the meeting is recorded in a database of its own, a room server
on it answers /api/state, and that very document goes to the four open pages through their
WebSocket (routed by the test, which is how the WebSocket would carry it: the document is the
same for both); the pages' clock is fixed at the server's, so every countdown shows exactly what
the room view says. With MODERATOR_ROOM_SHOTS=<folder>, every page is also photographed in every
state at 1920x1080, 1280x800 and 390x844 and in the light theme (to look at; nothing compared).
"""

from __future__ import annotations

import json
import os
import re
import urllib.request
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from moderator.core import FakeClock
from moderator.web.room_state import DOCUMENT_VERSION
from tests.helpers.room_states import (
    EVENING,
    MESSAGE,
    MISSING,
    START,
    STATES,
    build,
    bundled,
    expected,
)
from tests.web.room import RoomServer
from tests.web.test_room_state import check

if TYPE_CHECKING:
    from playwright.sync_api import Page, WebSocketRoute

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
# Each page, the link it is opened with, the surface of the room view it is, and its own size.
PAGES = {
    "podium": ("/podium", "podium", (1280, 800)),
    "projector": ("/projector", "projector", (1920, 1080)),
    "phones": ("/speakers", "speakers", (390, 844)),
    "notes": ("/notes", "notes", (1280, 800)),
}
SIZES = [(1920, 1080), (1280, 800), (390, 844)]
SHOTS = os.environ.get("MODERATOR_ROOM_SHOTS")
# What must stay on the screen when it is shown: pages of a fixed height cut nothing silently.
IN_VIEW = ("#face", "#words", "#sitting", "#message", "#resumes", "#speaker", "#break-face",
           "#break-resumes", "#list-closed", "#next > li:last-child", "#next > .more",
           "#next-item", "#time-of-day", "#fullscreen")

# Each shown element whose text reaches outside the screen or outside a box that clips it.
OUT_OF_VIEW = """(selectors) => {
  const out = [];
  for (const selector of selectors) {
    for (const el of document.querySelectorAll(selector)) {
      const range = document.createRange();
      range.selectNodeContents(el);
      const text = range.getBoundingClientRect();
      if (!el.getClientRects().length || !text.width || !text.height) continue;  // not shown
      let clip = {left: 0, top: 0, right: innerWidth, bottom: innerHeight};
      for (let box = el.parentElement; box; box = box.parentElement) {
        if (getComputedStyle(box).overflow === 'visible') continue;
        const edge = box.getBoundingClientRect();
        clip = {left: Math.max(clip.left, edge.left), top: Math.max(clip.top, edge.top),
                right: Math.min(clip.right, edge.right), bottom: Math.min(clip.bottom, edge.bottom)};
      }
      if (text.left < clip.left - 1 || text.top < clip.top - 1 || text.right > clip.right + 1
          || text.bottom > clip.bottom + 1) {
        out.push(`${selector} (${el.textContent.slice(0, 40)}): ${JSON.stringify(text)} outside ${JSON.stringify(clip)}`);
      }
    }
  }
  return out;
}"""

# Lines of a name that break inside a word: after a letter and before one, with no space or
# hyphen between (a hyphen ends a word: "Denmark-European").
BROKEN_WORDS = """(selector) => {
  const broken = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!el.getClientRects().length) continue;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent;
      let top = null;
      for (let i = 0; i < text.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect || !/\\S/.test(text[i])) continue;
        if (top !== null && rect.top > top + 2 && i > 0 && /[^\\s-]/.test(text[i - 1])) {
          broken.push(`${text.slice(Math.max(0, i - 12), i)}|${text.slice(i, i + 12)}`);
        }
        top = rect.top;
      }
    }
  }
  return broken;
}"""


def axe_violations(page, rules: list[str] | None = None) -> list[dict]:
    """axe-core's violations on the page as it is now: of every rule axe runs by default and
    WCAG 2.2's target size (off by default), or of `rules`."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(content=AXE)
    chosen = {"runOnly": rules} if rules else {"rules": {"target-size": {"enabled": True}}}
    options = {"resultTypes": ["violations"], **chosen}
    return page.evaluate("""async (options) => (await axe.run(document, options))
        .violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                               nodes: v.nodes.map(n => `${n.target.join(' ')}: ${n.failureSummary}`)}))""",
                         options)


@pytest.fixture(scope="module")
def pages(browser, tmp_path_factory) -> Iterator[dict[str, Page]]:
    """The four pages, loaded once from a room server; each state's document reaches them
    through their WebSocket (`show_state`). axe-core is put into each by the test."""
    database = tmp_path_factory.mktemp("room") / "meeting.db.json"
    clock = FakeClock(START)
    build("nobody_on_the_floor", database, clock)
    agenda, roster = bundled()
    server = RoomServer(database, clock, agenda=agenda, roster=roster).start()
    context = browser.new_context(bypass_csp=True)
    opened: dict[str, Page] = {}
    try:
        for surface, (path, role, (width, height)) in PAGES.items():
            page = opened[surface] = context.new_page()
            page.set_viewport_size({"width": width, "height": height})
            page.route_web_socket(re.compile(r"/ws(\?|$)"), lambda socket, page=page: SOCKETS.__setitem__(page, socket))
            page.goto(server.link(path, role))
            page.wait_for_function("() => Room.socket !== null && Room.socket.readyState === 1")
            assert page in SOCKETS
            page.add_script_tag(content=AXE)
        yield opened
    finally:
        context.close()
        server.stop()


# The WebSocket of each page, routed by the test: what it sends, the page receives.
SOCKETS: dict[Page, WebSocketRoute] = {}


def show_state(page: Page, surface: str, document: str, clock: FakeClock) -> None:
    """`page` as it is once `document` reaches it, its clock at the document's."""
    page.set_viewport_size(dict(zip(("width", "height"), PAGES[surface][2], strict=True)))
    page.emulate_media(color_scheme="dark")
    page.clock.set_fixed_time(clock.now())
    page.evaluate("() => { Room.doc = null; }")
    SOCKETS[page].send(document)
    page.wait_for_function("() => Room.doc !== null")
    page.evaluate("() => render()")


def resize(page, width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.evaluate("() => render()")  # laid out again at once, not at the next tick


def api_document(server: RoomServer) -> str:
    with urllib.request.urlopen(server.link("/api/state", "speakers")) as answer:
        return answer.read().decode()


def check_api(state: str, document: dict) -> None:
    """/api/state holds the state in its fields (docs/ROOM_STATE.md)."""
    check(document)
    assert document["version"] == DOCUMENT_VERSION
    timer, speakers = document["timer"], document["speakers"]
    says = {
        "running": lambda: timer["state"] == "running",
        "warning": lambda: timer["state"] == "warning",
        "overtime": lambda: timer["state"] == "overtime" and timer["remaining"] < 0,
        "paused": lambda: timer["state"] == "paused" and not timer["running"],
        "point_of_order": lambda: document["floor"]["kind"] == "point-of-order"
        and document["suspended"]["name"] == "Ukraine"
        and speakers[0]["resumes"] and speakers[0]["position"] is None,
        "list_closed": lambda: document["list_closed"],
        "suspended_with_speaker": lambda: document["sitting_suspended"]["since"] == "09:30"
        and document["floor"]["name"] == "Ukraine" and not timer["running"],
        "suspended_without_speaker": lambda: document["sitting_suspended"] is not None
        and document["floor"] is None,
        "suspended_until": lambda: document["sitting_suspended"] == {
            "since_at": "2026-12-10T08:30:40+00:00", "since": "09:30",
            "resumes_at": "2026-12-10T09:00:00+00:00", "resumes": "10:00"}
        and document["floor"]["name"] == "Ukraine" and document["recess"] is None,
        "break": lambda: document["recess"] == {
            "kind": "break", "title": "Lunch break", "since_at": "2026-12-10T08:30:00+00:00",
            "since": "09:30", "resumes_at": "2026-12-10T10:00:00+00:00", "resumes": "11:00"},
        "break_extended": lambda: document["recess"] == {
            "kind": "break", "title": "Lunch break", "since_at": "2026-12-10T08:30:00+00:00",
            "since": "09:30", "resumes_at": "2026-12-10T10:15:00+00:00", "resumes": "11:15"},
        "adjourned": lambda: document["recess"] == {
            "kind": "adjournment", "title": "Meeting adjourned",
            "since_at": "2026-12-10T17:02:00+00:00", "since": "18:02",
            "resumes_at": "2026-12-11T08:30:00+00:00", "resumes": "Friday 09:30"}
        and document["item"] is None and document["next_item"]["id"] == "s5-panel"
        and document["floor"] is None and not speakers,
        "message": lambda: document["message"]["text"] == MESSAGE
        and document["message"]["shown_on"] == ["clock", "podium"],
        "nobody_on_the_floor": lambda: document["floor"] is None and len(speakers) == 3,
        "forty_waiting": lambda: len(speakers) == 40
        and any(s["short_name"].endswith("(with 8 countries in alignment)") for s in speakers),
        "remote": lambda: document["floor"]["remote"] and [s["remote"] for s in speakers] == [
            False, True],
    }
    assert says[state](), f"/api/state does not hold {state}: {document}"
    if state != "message":
        assert document["message"] is None
    assert document["next_item"] is not None


def check_words(page, state: str, surface: str) -> None:
    want = expected(state, surface)
    shown = page.inner_text("body")
    for words in want.words:
        assert words in shown, f"{state}: {surface} does not say {words!r}:\n{shown}"
    for words in want.never:
        assert words not in shown, f"{state}: {surface} says {words!r}"
    if want.face is not None:
        assert page.inner_text("#face") == want.face, f"{state}: {surface}'s countdown"
    if surface in ("projector", "phones", "podium"):
        assert page.inner_text("#time-of-day") == page.evaluate("() => timeOfDay(Room.doc)")
        assert page.inner_text("#time-of-day").startswith(want.time_of_day)
    if surface == "projector":
        assert page.inner_text("#next-item").startswith(("Next item: ", "The last item"))


def check_layout(page, state: str, surface: str, size: tuple[int, int]) -> None:
    """Nothing runs off the screen unsaid, and names break between words only."""
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth"), (
        f"{state}: {surface} at {size} scrolls sideways")
    if surface in ("podium", "projector"):  # a fixed screen: what does not fit is lost
        assert page.evaluate(OUT_OF_VIEW, list(IN_VIEW)) == [], f"{state}: {surface} at {size}"
    assert page.evaluate(BROKEN_WORDS, ".name, .floor-speaker, .podium-speaker, .item") == [], (
        f"{state}: {surface} at {size} breaks a name inside a word")
    if surface == "projector" and state == "forty_waiting":
        rows = page.locator("#next > li.speaker")
        more = page.locator("#next > li.more")
        hidden = int(more.inner_text().split()[1]) if more.count() else 0
        assert rows.count() + hidden == 40
        assert hidden > 0 or size == (1920, 1080) and rows.count() == 40
        kinds = page.eval_on_selector_all("#next > li.speaker", "rows => rows.map(r => r.className)")
        assert sum("right-of-reply" in k for k in kinds) == 2, "a right of reply was dropped"
        assert sum("point-of-order" in k for k in kinds) == 1, "the point of order was dropped"


@pytest.mark.parametrize("state", STATES)
def test_every_page_says_every_state(pages, tmp_path: Path, state: str) -> None:
    if state in MISSING:
        pytest.skip(MISSING[state])
    clock = FakeClock(START)
    database = tmp_path / "meeting.db.json"
    build(state, database, clock)
    agenda, roster = bundled()
    server = RoomServer(database, clock, agenda=agenda, roster=roster).start()
    try:
        document = api_document(server)
    finally:
        server.stop()
    check_api(state, json.loads(document))
    for surface, page in pages.items():
        show_state(page, surface, document, clock)
        check_words(page, state, surface)
        # Every rule in the dark theme; the light theme changes only the colours.
        assert axe_violations(page) == [], f"{state}: {surface} (dark)"
        page.emulate_media(color_scheme="light")
        assert axe_violations(page, ["color-contrast"]) == [], f"{state}: {surface} (light)"
        if SHOTS:
            shoot(page, f"{state}-{surface}-light")
        page.emulate_media(color_scheme="dark")
        for size in SIZES if surface != "notes" else [PAGES[surface][2]]:
            resize(page, *size)
            check_layout(page, state, surface, size)
            if SHOTS:
                shoot(page, f"{state}-{surface}-{size[0]}x{size[1]}")


def shoot(page: Page, name: str) -> None:
    folder = Path(SHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=folder / f"{name}.png")


def test_a_face_as_long_as_the_last_but_wider_is_fitted_again(pages, tmp_path: Path) -> None:
    """An overdue break ("-7:02:07") then the adjournment ("15:27:53"): as many characters,
    but a sign is narrower than a digit; the countdown is fitted again, never cut."""
    agenda, roster = bundled()
    evening = FakeClock(EVENING + timedelta(seconds=7))  # the lunch break's time long gone
    documents = {}
    for state in ("break", "adjourned"):
        clock = FakeClock(START)
        build(state, tmp_path / f"{state}.db.json", clock)
        clock.set(evening.now())
        server = RoomServer(tmp_path / f"{state}.db.json", clock, agenda=agenda,
                            roster=roster).start()
        try:
            documents[state] = api_document(server)
        finally:
            server.stop()
    page = pages["projector"]
    show_state(page, "projector", documents["break"], evening)
    assert page.inner_text("#break-face") == "-7:02:07"
    show_state(page, "projector", documents["adjourned"], evening)
    assert page.inner_text("#break-face") == "15:27:53"
    assert page.evaluate(OUT_OF_VIEW, ["#break-face"]) == []
