"""A delegation's own phone in a real browser (Debian's chromium, one for the module): 57
delegations ask for the floor at once, each on the list once in the order the server received
them, points of order first; withdrawal; the chair's approval and refusal with its reason; a
phone offline then online; an answer lost on the way; a revoked link."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from moderator.core import FakeClock
from moderator.core.model import Agenda, Category, Delegation, RequestMode, Roster
from moderator.session import open_meeting
from moderator.store import MeetingStore
from moderator.web.links import LinkChanges
from tests.browser import CHROMIUM_ARGS, LAUNCHER, NO_BROWSER, available
from tests.helpers.small_meeting import small_agenda, small_roster
from tests.web.conftest import artefact
from tests.web.room import Chair, RoomServer
from tests.web.test_room_matrix import axe_violations

PHONE = {"width": 390, "height": 844}
WAIT_MS = 15000  # generous on a shared machine: the latency is measured by `make bench`
OPEN_MS = 240000  # 57 pages opening on 2 cores, beside the rest of a parallel suite
DELEGATIONS = 57
READY = "() => typeof Room !== 'undefined' && Room.doc !== null && Room.doc.delegation"


def big_roster() -> Roster:
    """The small roster and enough participating States for 57 phones."""
    roster = small_roster()
    more = {f"S{n:02d}": Delegation(f"S{n:02d}", f"State {n:02d}", Category.PARTICIPATING_STATE)
            for n in range(1, DELEGATIONS - len(roster.delegations) + 1)}
    return dataclasses.replace(roster, delegations={**roster.delegations, **more})


class Desk(Chair):
    """The chair's console beside the room server, on the roster of 57 and more."""

    def __init__(self, database: Path, clock: FakeClock, agenda: Agenda) -> None:
        self.opened = open_meeting(agenda, big_roster(), database, role="moderator",
                                   clock=clock, create=True)
        self.meeting = self.opened.meeting

    def do(self, command: str, *args: object, **options: object) -> list[dict]:
        self.opened.poll()  # as the console's follower keeps it: what the phones asked
        return super().do(command, *args, **options)


def serve(database: Path, clock: FakeClock, agenda: Agenda) -> tuple[Desk, RoomServer]:
    desk = Desk(database, clock, agenda)
    desk.do("start_item", "debate")
    room = RoomServer(database, clock, agenda=agenda,
                      roster=big_roster(), app_options={"connections": 4096}).start()
    return desk, room


@pytest.fixture
def direct(database: Path, clock: FakeClock) -> Iterator[tuple[Desk, RoomServer]]:
    desk, room = serve(database, clock, small_agenda())
    yield desk, room
    room.stop()
    desk.close()


@pytest.fixture
def approving(database: Path, clock: FakeClock) -> Iterator[tuple[Desk, RoomServer]]:
    agenda = small_agenda()
    agenda = dataclasses.replace(agenda, defaults=dataclasses.replace(
        agenda.defaults, requests=RequestMode.APPROVE))
    desk, room = serve(database, clock, agenda)
    yield desk, room
    room.stop()
    desk.close()


def phone(context, room: RoomServer, delegation: str):
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(room.link("/request", f"delegation-{delegation}"))
    page.wait_for_function(READY, timeout=WAIT_MS)
    return page


def said(page, words: str) -> None:
    page.wait_for_function("(w) => document.getElementById('sent').textContent.startsWith(w)",
                           arg=words, timeout=WAIT_MS)


def own_words(page, words: str) -> None:
    page.wait_for_function(
        "(w) => [...document.querySelectorAll('#own .standing')].some(e => e.textContent === w)",
        arg=words, timeout=WAIT_MS)


def waiting(desk: Desk) -> list[str | None]:
    desk.opened.poll()
    return [r.who for r in desk.meeting.queue()]


@pytest.mark.browser  # a chromium of its own, on Playwright's asyncio API
@pytest.mark.slow
@pytest.mark.timeout(600)  # about a minute alone; several under a whole suite's load
def test_57_delegations_ask_at_once_and_each_is_on_the_list_once_in_arrival_order(
        direct) -> None:
    """One chromium, 57 contexts (a delegation's phone each), driven at once (Playwright's
    asyncio API, on a thread of its own: the pages open and ask side by side)."""
    if not available():
        pytest.skip(NO_BROWSER)
    pytest.importorskip("playwright.async_api")
    desk, room = direct
    refs = list(big_roster().delegations)[:DELEGATIONS]
    points = set(refs[::7])  # every seventh raises a point of order
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, _phones_ask(room, refs, points)).result()
    asked = [e for e in MeetingStore.open(room.database).events() if e["type"] == "request.asked"]
    arrival = [e["who"] for e in asked]
    assert sorted(arrival) == sorted(refs)  # each once
    first = [who for who in arrival if who in points]
    assert waiting(desk) == first + [who for who in arrival if who not in points]


async def _phones_ask(room: RoomServer, refs: list[str], points: set[str]) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=LAUNCHER, args=CHROMIUM_ARGS)
        opening = asyncio.Semaphore(8)  # a few pages load at a time: the machine has 2 cores
        try:
            async def open_phone(ref: str):
                async with opening:
                    context = await browser.new_context(viewport=PHONE)
                    page = await context.new_page()
                    await page.goto(room.link("/request", f"delegation-{ref}"),
                                    wait_until="commit", timeout=OPEN_MS)
                    await page.wait_for_function(READY, timeout=OPEN_MS)
                return page

            pages = await asyncio.gather(*(open_phone(ref) for ref in refs))
            # Every phone asks: the clicks go out together, within a second.
            await asyncio.gather(*(page.evaluate(
                "(k) => document.querySelector(`#kinds button.${k}`).click()",
                "point-of-order" if ref in points else "statement")
                for ref, page in zip(refs, pages, strict=True)))
            # Each page's answer: received, or what it says instead (never a silent wait).
            await asyncio.gather(*(page.wait_for_function(
                "() => /^(Received|Not sent|Not done)/.test(document.getElementById('sent')"
                ".textContent)", timeout=OPEN_MS) for page in pages))
            answers = {ref: await page.inner_text("#sent") for ref, page in zip(refs, pages, strict=True)}
            assert all(words.startswith("Received: ") for words in answers.values()), answers
            await pages[-1].screenshot(path=artefact("request-57.png"))
        finally:
            await browser.close()


COUNT_DRAWS = """() => {
  window.draws = 0;
  const draw = renderCommon;
  window.renderCommon = (doc) => { window.draws += 1; draw(doc); };
}"""


def test_a_phone_is_drawn_between_documents_only_while_something_moves(
        context, database: Path, clock: FakeClock) -> None:
    """Nobody speaking: the phone is drawn at each document and not twice a second as well
    (a delegate's battery; a machine showing 57 of them). A countdown running: every tick."""
    desk = Desk(database, clock, small_agenda())
    desk.do("start_item", "debate")
    # No heartbeat within the test: only the page's own ticks draw it.
    room = RoomServer(database, clock, agenda=small_agenda(), roster=big_roster(),
                      heartbeat_seconds=3600).start()
    try:
        page = context.new_page()
        page.clock.install()
        page.goto(room.link("/request", "delegation-AT"))
        page.wait_for_function(READY, timeout=WAIT_MS)
        page.evaluate(COUNT_DRAWS)
        page.clock.run_for(5_000)  # ten ticks of 500 ms
        idle = page.evaluate("() => draws")
        desk.do("request_floor", "TR")
        desk.do("give_floor")
        page.wait_for_function("() => Room.doc.floor !== null", timeout=WAIT_MS)
        page.evaluate("() => { window.draws = 0; }")
        page.clock.run_for(5_000)
        running = page.evaluate("() => draws")
        face = page.inner_text("#face")
    finally:
        room.stop()
        desk.close()
    assert idle <= 1  # at most the minute of the time of day turning
    assert running >= 9
    assert face.startswith("2:5")  # the countdown moved on from 3:00 with the page's clock


def test_a_delegation_withdraws_its_request(context, direct) -> None:
    desk, room = direct
    page = phone(context, room, "AT")
    page.click("#kinds button.statement")
    said(page, "Received: Next")
    own_words(page, "Next")
    page.click("#own button")
    said(page, "Withdrawn")
    page.wait_for_function("() => document.querySelectorAll('#own li').length === 0",
                           timeout=WAIT_MS)
    assert waiting(desk) == []


def test_the_chair_accepts_and_declines_and_the_phone_reads_why(browser, approving) -> None:
    desk, room = approving
    context = browser.new_context(bypass_csp=True)  # axe-core is put into the page
    austria = phone(context, room, "AT")
    assert "approves each request" in austria.inner_text("#mode")
    austria.click("#kinds button.statement")
    said(austria, "Received: Awaiting the chair's approval")
    desk.do("ask_floor", "TR", "chair-side-0001", "statement", source="link:delegation-TR")
    desk.do("accept_request")
    own_words(austria, "Next")
    austria.click("#kinds button.right-of-reply")
    said(austria, "Received: Awaiting the chair's approval")
    desk.opened.poll()
    desk.do("accept_request")  # Türkiye's
    desk.do("decline_request", "The list of rights of reply is closed for today")
    own_words(austria, "Declined: The list of rights of reply is closed for today")
    austria.screenshot(path=artefact("request-declined.png"))
    assert waiting(desk) == ["AT", "TR"]
    for scheme in ("dark", "light"):  # WCAG 2.2 AA in both themes, as every room page
        austria.emulate_media(color_scheme=scheme)
        assert axe_violations(austria) == [], scheme
    context.close()


def test_a_phone_offline_says_it_did_not_send_and_asks_again_once_online(
        context, direct) -> None:
    desk, room = direct
    page = phone(context, room, "JP")
    context.set_offline(True)
    page.click("#kinds button.statement")
    said(page, "Not sent: this phone is offline")
    assert waiting(desk) == []
    context.set_offline(False)
    page.wait_for_function("() => navigator.onLine")
    page.click("#kinds button.statement")
    said(page, "Received: Next")
    assert waiting(desk) == ["JP"]


def test_a_request_whose_answer_was_lost_is_sent_again_and_recorded_once(
        context, direct) -> None:
    desk, room = direct
    page = phone(context, room, "US")
    lost = []

    def lose_the_first_answer(route) -> None:
        if lost:
            route.continue_()
            return
        route.fetch()  # it reaches the server, which records it
        lost.append(route.request.post_data)
        route.abort()  # and its answer never reaches the phone

    page.route("**/api/request", lose_the_first_answer)
    page.click("#kinds button.statement")
    said(page, "Received: Next")
    assert lost and waiting(desk) == ["US"]


def test_a_request_whose_one_attempt_outlasted_the_send_window_is_still_sent_again(
        context, direct) -> None:
    """On a busy server one attempt can take the whole window before it fails: the page sends
    the request again all the same (a few times at least) before it says it was not sent."""
    desk, room = direct
    page = context.new_page()
    page.clock.install()
    page.set_viewport_size(PHONE)
    page.goto(room.link("/request", f"delegation-{'US'}"))
    page.wait_for_function(READY, timeout=WAIT_MS)
    failed = []

    def fail_late(route) -> None:
        if failed:
            route.continue_()
            return
        page.clock.fast_forward(9_000)  # the phone's send window is over
        failed.append(route.request.post_data)
        route.abort()  # and the attempt fails only then

    page.route("**/api/request", fail_late)
    page.click("#kinds button.statement")
    said(page, "Received: Next")
    assert failed and waiting(desk) == ["US"]


def test_a_revoked_link_says_so_and_asks_nothing(context, direct, database: Path,
                                                 clock: FakeClock) -> None:
    desk, room = direct
    page = phone(context, room, "EG")
    with MeetingStore.open(database, clock) as store:
        LinkChanges(revoke=("EG",)).apply(store)
    page.wait_for_function("() => document.body.classList.contains('revoked')", timeout=WAIT_MS)
    assert "no longer works" in page.inner_text("#connection")
    page.evaluate("() => document.querySelector('#kinds button.statement').click()")
    said(page, "Not sent: this link no longer works")
    assert waiting(desk) == []
