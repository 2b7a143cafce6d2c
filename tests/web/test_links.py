"""The links: one per device kind and per rapporteur, each revoked alone; a token carried after
`#t=` and exchanged by the page; a link that opens the meeting wherever it is clicked."""

from __future__ import annotations

import http.server
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from moderator.core import FakeClock
from moderator.store import MeetingStore
from moderator.web.app import FEED, make_app
from moderator.web.links import LinkChanges, LinkError, Links, load_links
from tests.web.room import Chair, RoomServer, open_feed
from tests.web.test_hostile_requests import until

TITLE = "Protecting soft targets"


def change_in_another_process(database: Path, clock: FakeClock, changes: LinkChanges) -> Links:
    """What `moderator serve --revoke ...` in another terminal does to the database."""
    with MeetingStore.open(database, clock) as store:
        return changes.apply(store)[0]


@pytest.fixture
async def client(database: Path, clock: FakeClock, chair: Chair) -> AsyncIterator[TestClient]:
    chair.do("start_item", "debate")
    chair.do("request_floor", "TR")
    chair.do("request_floor", "AT")
    chair.do("give_floor")
    change_in_another_process(database, clock, LinkChanges(notes_links=("Rapporteur session 2",)))
    feed = open_feed(database, clock, heartbeat_seconds=0.05)
    client = TestClient(TestServer(make_app(feed), host="127.0.0.1"))
    await client.start_server()
    yield client
    await client.close()
    feed.close()


def links(client: TestClient) -> Links:
    return client.app[FEED].links


def cookie_of(client: TestClient, link: str) -> dict[str, str]:
    held = links(client).get(link)
    return {"Cookie": f"{held.cookie_name}={held.cookie_value}"}


def own(client: TestClient) -> dict[str, str]:
    return {"Origin": f"http://127.0.0.1:{client.port}"}


async def next_document(socket: aiohttp.ClientWebSocketResponse, wanted) -> dict:
    for _ in range(200):
        message = await socket.receive(timeout=5)
        assert message.type == aiohttp.WSMsgType.TEXT, message
        document = message.json()
        if wanted(document):
            return document
    raise AssertionError("the document never came")


async def until_closed(socket: aiohttp.ClientWebSocketResponse) -> None:
    for _ in range(200):
        message = await socket.receive(timeout=5)
        if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED,
                            aiohttp.WSMsgType.CLOSING):
            return
    raise AssertionError("the socket stayed open")


async def test_one_device_revoked_leaves_the_others_connected(
        client: TestClient, chair: Chair, database: Path, clock: FakeClock) -> None:
    sockets = {}
    for link, page in (("podium", "podium"), ("projector", "projector"),
                       ("speakers", "speakers"), ("notes-1", "notes"), ("notes-2", "notes")):
        sockets[link] = await client.ws_connect(f"/ws?page={page}",
                                                headers={**own(client), **cookie_of(client, link)})
        await sockets[link].receive_json(timeout=5)
    podium = links(client).get("podium")
    change_in_another_process(database, clock, LinkChanges(revoke=("podium",)))
    await until_closed(sockets.pop("podium"))
    chair.do("finish_intervention")
    chair.do("give_floor")  # Austria: every other device sees it
    for socket in sockets.values():
        document = await next_document(socket, lambda d: d["floor"] and d["floor"]["name"] == "Austria")
        assert document["floor"]["name"] == "Austria"
    old = {"Cookie": f"{podium.cookie_name}={podium.cookie_value}"}
    assert (await client.get("/api/state", headers=old)).status == 401
    assert (await client.get("/podium", headers=old)).status == 401
    assert (await client.get("/api/state", headers=cookie_of(client, "projector"))).status == 200
    # One rapporteur's link alone: the other rapporteur writes on.
    change_in_another_process(database, clock, LinkChanges(revoke=("Rapporteur session 2",)))
    await until_closed(sockets.pop("notes-2"))
    assert not sockets["notes-1"].closed
    for socket in sockets.values():
        await socket.close()


async def test_a_rapporteurs_link_names_its_writer(client: TestClient) -> None:
    for link, name in (("notes-1", "Rapporteur"), ("notes-2", "Rapporteur session 2")):
        desk = await client.get("/api/notes", headers=cookie_of(client, link))
        assert desk.status == 200 and (await desk.json())["link"] == name


async def test_the_page_exchanges_the_token_it_was_given(client: TestClient) -> None:
    podium = links(client).get("podium")
    # Without its link, a page is its words and the script that exchanges a token.
    page = await client.get("/podium")
    body = await page.text()
    assert page.status == 401 and '<script src="/landing.js"></script>' in body
    assert TITLE not in body and "Türkiye" not in body
    script = await client.get("/landing.js")
    assert script.status == 200 and "javascript" in script.headers["Content-Type"]
    assert "default-src 'none'" in script.headers["Content-Security-Policy"]
    # The exchange: only from the server's own pages, only for a link that exists.
    for headers in ({}, {"Origin": "http://evil.example"}):
        refused = await client.post("/api/link", json={"token": podium.token}, headers=headers)
        assert refused.status == 403 and "Set-Cookie" not in refused.headers
    unknown = await client.post("/api/link", json={"token": "x" * 32}, headers=own(client))
    assert unknown.status == 401 and "Set-Cookie" not in unknown.headers
    for garbage in (b"", b"[]", b'{"token": 7}', b"\xff"):
        answer = await client.post("/api/link", data=garbage, headers=own(client))
        assert answer.status == 401
    answer = await client.post("/api/link", json={"token": podium.token, "page": "/projector"},
                               headers=own(client))
    assert answer.status == 200
    assert await answer.json() == {"page": "/podium", "link": "podium", "name": "Podium"}
    cookie = answer.headers["Set-Cookie"]
    assert "SameSite=Lax" in cookie and "HttpOnly" in cookie and "Max-Age=1209600" in cookie
    assert podium.token not in cookie
    assert (await client.get("/podium")).status == 200  # the cookie, in the client's jar
    assert (await client.get("/projector")).status == 403  # the podium's link opens its page
    # A rapporteur's link opens the page it was on, if it may.
    notes = links(client).get("notes-1")
    answer = await client.post("/api/link", json={"token": notes.token, "page": "/projector"},
                               headers=own(client))
    assert (await answer.json())["page"] == "/projector"


# -- in a real browser ------------------------------------------------------------------------


@pytest.fixture
def room(database: Path, clock: FakeClock, chair: Chair) -> Iterator[RoomServer]:
    chair.do("start_item", "debate")
    chair.do("request_floor", "TR")
    chair.do("request_floor", "AT")
    chair.do("give_floor")
    server = RoomServer(database, clock, heartbeat_seconds=0.2).start()
    yield server
    server.stop()


class OtherSite:
    """A page on another site (http://localhost, not http://127.0.0.1) with the chair's links,
    as in webmail or a chat."""

    def __init__(self, links: dict[str, str]) -> None:
        anchors = "".join(f'<p><a id="{name}" href="{url}">{name}</a></p>'
                          for name, url in links.items())
        page = f"<!doctype html><title>Mail</title>{anchors}".encode()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self.wfile.write(page)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://localhost:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_a_link_clicked_on_another_site_opens_the_meeting(browser, room: RoomServer) -> None:
    projector = room.the_link("projector")
    other = OtherSite({"printed": room.printed_link("projector"),
                       "legacy": room.link("/speakers"),
                       "plain": f"{room.url}/projector"})
    try:
        context = browser.new_context()
        page = context.new_page()
        seen: list[str] = []
        page.on("request", lambda request: seen.append(request.url))
        page.goto(other.url)
        page.click("#printed")
        page.wait_for_url(f"{room.url}/projector")
        page.wait_for_function("() => typeof Room !== 'undefined' && Room.doc !== null")
        assert page.inner_text("#speaker") == "Türkiye"
        # The token was never in an address the server saw, nor left in the history.
        assert not any(projector.token in url for url in seen)
        page.go_back()
        page.wait_for_url(other.url)
        # The cookie lasts: a plain link to the page, clicked on the other site, opens it.
        page.click("#plain")
        page.wait_for_url(f"{room.url}/projector")
        page.wait_for_function("() => typeof Room !== 'undefined' && Room.doc !== null")
        context.close()
        # A link printed by the first release (?token=), clicked on the other site.
        context = browser.new_context()
        page = context.new_page()
        page.goto(other.url)
        page.click("#legacy")
        page.wait_for_url(f"{room.url}/speakers")
        page.wait_for_function("() => typeof Room !== 'undefined' && Room.doc !== null")
        assert page.inner_text("#speaker") == "Türkiye"
        context.close()
    finally:
        other.close()


def test_a_revoked_page_stops_its_countdown_and_says_so(
        browser, room: RoomServer, chair: Chair, database: Path, clock: FakeClock) -> None:
    context = browser.new_context()
    try:
        podium = context.new_page()
        podium.clock.install()
        podium.goto(room.link("/podium"))
        podium.wait_for_function("() => Room.doc !== null")
        projector = context.new_page()
        projector.goto(room.link("/projector"))
        projector.wait_for_function("() => Room.doc !== null")
        change_in_another_process(database, clock, LinkChanges(revoke=("podium",)))
        # (The page's timers are the test's: its own polling would wait on them.)
        until(lambda: podium.evaluate("document.body.classList.contains('revoked')"))
        assert podium.inner_text("#connection") == ("This link no longer works: ask the "
                                                    "secretariat for the new one.")
        face = podium.inner_text("#face")
        podium.clock.fast_forward(20_000)
        podium.clock.run_for(500)
        assert podium.inner_text("#face") == face  # the countdown stopped
        chair.do("finish_intervention")
        chair.do("give_floor")
        projector.wait_for_function(
            "() => document.getElementById('speaker').textContent === 'Austria'")
        assert podium.inner_text("#speaker") == "Türkiye"  # nothing more of the meeting
    finally:
        context.close()


def test_the_first_releases_links_carry_over(tmp_path: Path, clock: FakeClock) -> None:
    """Its viewer token stays the phones' link (the one handed out most widely), its notes token
    the first rapporteur's; the podium and the projector get links of their own."""
    database = tmp_path / "m.db.json"
    viewer, notes = "v" * 32, "n" * 32
    with MeetingStore.open(database, clock) as store:
        store.set_setting("room.links", {"viewer": viewer, "notes": notes})
        carried = load_links(store)
        assert store.setting("room.links")["version"] == 3  # kept in the new form
    assert carried.get("speakers").token == viewer and carried.get("notes-1").token == notes
    assert {carried.get("podium").token, carried.get("projector").token}.isdisjoint(
        {viewer, notes})
    with MeetingStore.open(database, clock) as store:
        assert load_links(store) == carried
        with pytest.raises(LinkError):
            LinkChanges(notes_links=("\x1b[31m",)).apply(store)
        with pytest.raises(LinkError):
            LinkChanges(revoke=("nobody",)).apply(store)
        links, made = LinkChanges(notes_links=("  Rapporteur   session 2 ",)).apply(store)
    assert [link.name for link in made] == ["Rapporteur session 2"]
    assert links.get("notes-2").kind == "notes"
