"""What the room sees, in a real browser: Debian's chromium driven by Playwright.

The server runs on 127.0.0.1 with an injected clock; the chair records in the same database
from beside it. The page's own clock is fixed (`page.clock.set_fixed_time`) where a test looks
at exact seconds, so the countdown shows exactly what the server's clock says.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from moderator.core import FakeClock
from tests.web.conftest import artefact
from tests.web.room import Chair, RoomServer

SIZES = {"projector": (1920, 1080), "podium": (1280, 800), "speakers": (390, 844)}
# Generous: under load on a shared machine; the latency itself is measured by `make bench`.
SHOWN_WITHIN_MS = 5000


@pytest.fixture
def room(database: Path, clock: FakeClock, chair: Chair) -> Iterator[RoomServer]:
    server = RoomServer(database, clock, heartbeat_seconds=0.2).start()
    yield server
    server.stop()


def open_page(context, room: RoomServer, name: str, *, fixed: bool = True):
    width, height = SIZES[name]
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": height})
    if fixed:
        page.clock.set_fixed_time(room.clock.now())
    page.goto(room.link(f"/{name}"))
    page.wait_for_function("() => Room.doc !== null")
    return page


def busy_debate(chair: Chair) -> None:
    chair.do("start_item", "debate")
    for who in ("TR", "AT", "DK", "JP"):
        chair.do("request_floor", who)
    chair.do("request_floor", "US", "point-of-order")
    chair.do("request_floor", "FR", "right-of-reply")
    chair.do("give_floor")  # the point of order first
    chair.do("finish_intervention")
    chair.do("give_floor")  # Türkiye


def test_the_pages_render_at_their_sizes(context, room: RoomServer, chair: Chair,
                                         clock: FakeClock) -> None:
    busy_debate(chair)
    clock.advance(100)
    chair.do("close_list")
    pages = {name: open_page(context, room, name) for name in SIZES}
    for name, page in pages.items():
        page.wait_for_function("() => document.getElementById('speaker').textContent === 'Türkiye'")
        page.screenshot(path=artefact(f"{name}.png"))
    podium, projector, phone = pages["podium"], pages["projector"], pages["speakers"]
    assert podium.inner_text("#face") == "1:20"
    assert projector.inner_text("#item") == "Discussion"
    assert projector.is_visible("#list-closed")
    assert projector.inner_text("#next").split("\n")[:2] == ["1", "Austria"]
    assert "RIGHT OF REPLY" in projector.inner_text("#next")
    rows = phone.locator("#list li")
    assert rows.count() == 4
    assert rows.nth(0).inner_text().split("\n") == ["1", "Austria", "09:03"]
    assert phone.is_visible("#list-closed")
    # Nothing runs off the screen: the podium's countdown fits its width.
    box = podium.locator("#face").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= SIZES["podium"][0]
    assert box["height"] > SIZES["podium"][1] * 0.3  # readable from across the room


def test_a_floor_change_reaches_the_open_page(context, room: RoomServer, chair: Chair) -> None:
    busy_debate(chair)
    page = open_page(context, room, "projector", fixed=False)
    page.wait_for_function("() => document.getElementById('speaker').textContent === 'Türkiye'")
    started = time.monotonic()
    chair.do("give_floor")  # n
    page.wait_for_function("() => document.getElementById('speaker').textContent === 'Austria'",
                           timeout=SHOWN_WITHIN_MS)
    print(f"n on the chair's side shown on the page after {time.monotonic() - started:.3f} s")


def test_the_countdown_turns_amber_and_red_at_the_right_seconds(
        context, room: RoomServer, chair: Chair, clock: FakeClock) -> None:
    chair.do("start_item", "debate")
    chair.do("request_floor", "TR")
    chair.do("give_floor")  # 180 s, the warning from 30 s left
    page = open_page(context, room, "podium")
    steps = [(149, "0:31", "running", ""), (150, "0:30", "warning", "TIME IS NEARLY UP"),
             (179.5, "0:01", "warning", "TIME IS NEARLY UP"), (180, "0:00", "warning", "TIME IS NEARLY UP"),
             (180.5, "-0:01", "overtime", "TIME IS UP"), (200, "-0:20", "overtime", "TIME IS UP")]
    for elapsed, face, state, words in steps:
        at = chair.meeting.floor().started_at + timedelta(seconds=elapsed)
        # The page's clock first: a document made at the new time and taken in at the old
        # one would count the difference twice.
        page.clock.set_fixed_time(at)
        clock.set(at)
        # The document made at that moment, not one still on its way from the moment before.
        stamp = round(at.timestamp() * 1000)
        page.wait_for_function(f"() => Room.doc.server_ms === {stamp} && "
                               f"document.getElementById('face').textContent === '{face}'")
        assert page.get_attribute("#countdown", "class").split() == ["countdown", state]
        assert page.inner_text("#words") == words
        if elapsed in (150, 200):
            page.screenshot(path=artefact(f"podium-{state}.png"))
    chair.do("toggle_timer")
    page.wait_for_function("() => document.getElementById('words').textContent.startsWith('PAUSED')")
    assert "stopped" in page.get_attribute("#countdown", "class")


def test_a_message_appears_and_clears(context, room: RoomServer, chair: Chair) -> None:
    chair.do("start_item", "debate")
    chair.do("request_floor", "TR")
    chair.do("give_floor")
    page = open_page(context, room, "podium")
    assert not page.is_visible("#message")
    chair.do("send_podium_message", "Please conclude")
    page.wait_for_selector("#message", state="visible")
    assert page.inner_text("#message") == "Please conclude"
    page.screenshot(path=artefact("podium-message.png"))
    chair.do("clear_podium_message")
    page.wait_for_selector("#message", state="hidden")


def test_markup_in_names_and_messages_is_text(context, room: RoomServer, chair: Chair) -> None:
    chair.do("start_item", "debate")
    chair.do("request_floor", None, guest="<img src=x onerror=alert(1)>")
    chair.do("give_floor")
    chair.do("send_podium_message", "<b>bold</b> & done")
    page = open_page(context, room, "podium")
    page.wait_for_selector("#message", state="visible")
    assert page.inner_text("#speaker") == "<img src=x onerror=alert(1)>"
    assert page.inner_text("#message") == "<b>bold</b> & done"
    assert page.locator("img").count() == 0 and page.locator("b").count() == 0


def test_a_break_shows_the_resumption(context, room: RoomServer, chair: Chair,
                                      clock: FakeClock) -> None:
    chair.do("start_item", "coffee")  # 30 minutes
    clock.advance(60)
    page = open_page(context, room, "projector")
    page.wait_for_selector("#break", state="visible")
    assert page.inner_text("#break-title") == "Coffee break"
    assert page.inner_text("#break-face") == "29:00"
    assert page.inner_text("#break-resumes") == "The meeting resumes at 09:30"
    page.screenshot(path=artefact("projector-break.png"))


def test_a_server_restart_is_survived(context, room: RoomServer, chair: Chair) -> None:
    chair.do("start_item", "debate")
    chair.do("request_floor", "TR")
    chair.do("give_floor")
    page = context.new_page()
    page.clock.install()  # the page's timers run on, and can be moved on at once
    page.goto(room.link("/podium"))
    page.wait_for_function("() => Room.doc !== null")
    room.stop()
    page.clock.fast_forward(6000)
    page.wait_for_selector("#connection", state="visible")
    assert page.inner_text("#connection") == "Reconnecting to the meeting…"
    chair.do("send_podium_message", "Back")
    room.start()  # same port, same database, same links
    page.wait_for_selector("#message", state="visible", timeout=15000)
    assert page.inner_text("#message") == "Back"
    assert not page.is_visible("#connection")


def test_the_page_makes_no_request_to_any_other_host(context, room: RoomServer,
                                                     chair: Chair) -> None:
    busy_debate(chair)
    hosts: list[str] = []
    context.on("request", lambda request: hosts.append(urlsplit(request.url).netloc))
    for name in SIZES:
        page = open_page(context, room, name)
        page.wait_for_load_state("networkidle")
    assert hosts and set(hosts) == {f"127.0.0.1:{room.port}"}


def record_announcements(page) -> None:
    """From now on `said` in the page lists what its status region says, in order."""
    page.evaluate("""() => {
        const region = document.getElementById('announce');
        window.said = [];
        new MutationObserver(() => said.push(region.textContent))
            .observe(region, {childList: true, characterData: true, subtree: true});
    }""")


def test_the_countdown_is_announced_once_at_the_warning_and_once_at_time_up(
        context, room: RoomServer, chair: Chair, clock: FakeClock) -> None:
    chair.do("start_item", "debate")
    chair.do("request_floor", "TR")
    chair.do("give_floor")  # 180 s, the warning from 30 s left
    pages = [open_page(context, room, name) for name in ("podium", "projector")]
    for page in pages:
        assert page.get_attribute("#announce", "role") == "status"
        record_announcements(page)
    for elapsed in (149, 150, 151, 179, 180.5, 181, 200):
        at = chair.meeting.floor().started_at + timedelta(seconds=elapsed)
        for page in pages:
            page.clock.set_fixed_time(at)
        clock.set(at)
        stamp = round(at.timestamp() * 1000)
        for page in pages:
            page.wait_for_function(f"() => Room.doc.server_ms === {stamp}")
            page.evaluate("() => { render(); render(); render(); }")  # ticks of its own
    for page in pages:
        assert page.evaluate("() => said") == ["Time is nearly up.", "Time is up."]


def test_a_late_document_never_takes_the_running_countdown_back(
        context, room: RoomServer, chair: Chair, clock: FakeClock) -> None:
    """The device's clock has counted on past time up; documents made a moment before it (a
    stalled network) keep arriving: the face stays in overtime, "up" is said once."""
    chair.do("start_item", "debate")
    chair.do("request_floor", "TR")
    chair.do("give_floor")  # 180 s, the warning from 30 s left
    started = chair.meeting.floor().started_at
    page = open_page(context, room, "podium")
    record_announcements(page)
    at = started + timedelta(seconds=179)
    page.clock.set_fixed_time(at)
    clock.set(at)
    stamp = round(at.timestamp() * 1000)
    page.wait_for_function(f"() => Room.doc.server_ms === {stamp}")
    page.clock.set_fixed_time(started + timedelta(seconds=181))  # the device counts on
    page.evaluate("() => render()")
    assert page.inner_text("#face") == "-0:01"
    # The server's heartbeats, still made at 179 s, arrive after it (one each 0.2 s).
    received = page.evaluate("() => Room.receivedAt")
    page.wait_for_function(f"() => Room.receivedAt !== {received} && Room.doc.server_ms === {stamp}")
    page.evaluate("() => render()")
    assert page.inner_text("#face") == "-0:01"
    assert page.evaluate("() => said") == ["Time is nearly up.", "Time is up."]
    # Another speaker: the count starts again from the server's.
    chair.do("finish_intervention")
    chair.do("request_floor", "AT")
    chair.do("give_floor")
    page.wait_for_function("() => document.getElementById('speaker').textContent === 'Austria'")
    page.wait_for_function("() => document.getElementById('face').textContent === '3:00'")


def test_the_podium_keeps_the_screen_on_and_fills_it(context, room: RoomServer,
                                                     chair: Chair) -> None:
    chair.do("start_item", "debate")
    page = open_page(context, room, "podium")
    page.wait_for_function("() => document.getElementById('wake').textContent !== ''")
    # Said in words either way: kept on, or what the technician must do.
    assert page.inner_text("#wake") in (
        "The screen stays on", "The screen may sleep: press Full screen to keep it on",
        "This browser cannot keep the screen on: set the tablet's display not to sleep")
    page.click("#fullscreen")
    # The button's words follow the browser's fullscreenchange event, which comes after the
    # element is set: wait for the words, then check both.
    page.wait_for_function("() => document.getElementById('fullscreen').textContent"
                           " === 'Leave full screen'")
    assert page.evaluate("() => document.fullscreenElement !== null")
    page.click("#fullscreen")
    page.wait_for_function("() => document.getElementById('fullscreen').textContent"
                           " === 'Full screen'")
    assert page.evaluate("() => document.fullscreenElement === null")


def test_a_suspension_and_a_closed_list_are_announced_once(context, room: RoomServer,
                                                           chair: Chair, clock: FakeClock) -> None:
    chair.do("start_item", "debate")
    chair.do("request_floor", "TR")
    page = open_page(context, room, "projector")
    record_announcements(page)
    chair.do("suspend_sitting")
    page.wait_for_function("() => Room.doc.sitting_suspended !== null")
    chair.do("close_list")
    page.wait_for_function("() => Room.doc.list_closed")
    page.wait_for_timeout(300)  # ticks of the page's own, and a heartbeat: nothing said again
    assert page.evaluate("() => said") == ["SITTING SUSPENDED since 09:00",
                                           "SITTING SUSPENDED since 09:00. LIST CLOSED"]
    assert page.inner_text("#sitting") == "SITTING SUSPENDED since 09:00"
