"""The room server over HTTP and WebSocket, on 127.0.0.1: nobody in without the link."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from moderator.core import FakeClock
from moderator.store import MeetingStore
from moderator.web.app import make_app
from moderator.web.links import SPEAKERS, load_links
from moderator.web.room_state import DOCUMENT_VERSION
from tests.web.room import Chair, open_feed

EVERY_PATH = ["/", "/podium", "/projector", "/speakers", "/notes", "/api/state", "/ws",
              "/static/room.js", "/static/room.css", "/favicon.ico", "/no-such-page"]
TITLE = "Protecting soft targets"  # the meeting's title: no answer without a link shows it


@pytest.fixture
async def client(database: Path, clock: FakeClock, chair: Chair) -> AsyncIterator[TestClient]:
    chair.do("start_item", "debate")
    chair.do("request_floor", "TR")
    chair.do("give_floor")
    feed = open_feed(database, clock, heartbeat_seconds=0.1)
    client = TestClient(TestServer(make_app(feed, sockets={SPEAKERS: 3}), host="127.0.0.1"))
    await client.start_server()
    yield client
    await client.close()
    feed.close()


def token(client: TestClient, link: str) -> str:
    return _feed(client).links.get(link).token


def _feed(client: TestClient):
    from moderator.web.app import FEED

    return client.app[FEED]


def origin(client: TestClient) -> str:
    return f"http://127.0.0.1:{client.port}"


async def sign_in(client: TestClient, link: str = "podium") -> None:
    answer = await client.get(f"/{link}", params={"token": token(client, link)},
                              allow_redirects=False)
    assert answer.status == 303


async def test_every_path_is_401_without_a_link(client: TestClient) -> None:
    for path in EVERY_PATH:
        for method in ("GET", "POST", "DELETE"):
            answer = await client.request(method, path, allow_redirects=False)
            body = await answer.text()
            assert answer.status == 401, (method, path)
            assert TITLE not in body and "Türkiye" not in body
            assert "Set-Cookie" not in answer.headers


async def test_a_wrong_token_is_401(client: TestClient) -> None:
    for path in ("/podium", "/api/state", "/ws"):
        answer = await client.get(path, params={"token": "x" * 32}, allow_redirects=False)
        assert answer.status == 401 and "Set-Cookie" not in answer.headers


async def test_the_token_becomes_a_cookie_and_leaves_the_address(client: TestClient) -> None:
    projector = token(client, "projector")
    answer = await client.get("/projector", params={"token": projector, "lang": "fr"},
                              allow_redirects=False)
    assert answer.status == 303
    assert answer.headers["Location"] == "/projector?lang=fr"
    cookie = answer.headers["Set-Cookie"]
    # Lax: a link clicked in webmail or a chat opens the page (writes check Origin).
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
    assert "Max-Age=1209600" in cookie  # for the meeting, not the browser's session
    assert projector not in cookie  # derived from the token, not the token itself
    page = await client.get("/projector?lang=fr")
    assert page.status == 200 and "text/html" in page.headers["Content-Type"]
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]
    for asset in ("/static/room.js", "/static/room.css", "/static/projector.js", "/favicon.ico"):
        assert (await client.get(asset)).status == 200, asset


async def test_each_page_is_its_markup_in_the_shared_frame(client: TestClient) -> None:
    for link in ("podium", "projector", "speakers"):
        await sign_in(client, link)
    for path, title, script in [("/podium", "Podium", "podium"),
                                ("/projector", "Projector", "projector"),
                                ("/speakers", "List of speakers", "speakers")]:
        page = await (await client.get(path)).text()
        assert page.startswith("<!doctype html>") and page.count("<head>") == 1
        assert f"<title>{title} \u00b7 moderator</title>" in page
        assert f'<body class="page-{script}">' in page and 'id="connection"' in page
        assert page.index('href="/static/room.css"') < page.index("</head>")
        assert page.rstrip().endswith(f'<script src="/static/room.js"></script>\n'
                                      f'<script src="/static/{script}.js"></script>\n'
                                      "</body>\n</html>")


async def test_the_state_document_with_the_cookie_or_the_token(client: TestClient) -> None:
    direct = await client.get("/api/state", params={"token": token(client, "speakers")})
    assert direct.status == 200
    document = await direct.json()
    assert document["version"] == DOCUMENT_VERSION and document["floor"]["name"] == "Türkiye"
    await sign_in(client)
    again = await client.get("/api/state")
    assert (await again.json())["event"]["title"] == TITLE


async def test_the_websocket_carries_the_document(client: TestClient, chair: Chair) -> None:
    await sign_in(client)
    socket = await client.ws_connect("/ws", headers={"Origin": origin(client)})
    first = await socket.receive_json(timeout=5)
    assert first["floor"]["name"] == "Türkiye"
    chair.do("send_podium_message", "One minute")
    for _ in range(50):
        document = await socket.receive_json(timeout=5)
        if document["message"]:
            break
    assert document["message"]["text"] == "One minute"
    await socket.close()


async def test_a_foreign_origin_is_refused(client: TestClient) -> None:
    await sign_in(client)
    for foreign in ("http://evil.example", f"http://127.0.0.1:{client.port + 1}", "null"):
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect("/ws", headers={"Origin": foreign})
        assert refused.value.status == 403


async def test_a_websocket_without_a_link_is_refused(client: TestClient) -> None:
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect("/ws", headers={"Origin": origin(client)})
    assert refused.value.status == 401


async def test_viewer_links_cannot_write(client: TestClient) -> None:
    await sign_in(client)
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        for path in ("/api/state", "/podium", "/api/notes", "/api/notes/x"):
            answer = await client.request(method, path, json={"text": "hi"},
                                          headers={"Origin": origin(client)})
            assert answer.status == 403, (method, path)
    for path in ("/notes", "/api/notes", "/api/drafts?console=c0ffee00c0ffee00"):
        assert (await client.get(path)).status == 403, path  # the rapporteur's only


async def test_new_links_revoke_the_old_ones_at_once(client: TestClient, database: Path,
                                                     clock: FakeClock) -> None:
    old = token(client, "podium")
    await sign_in(client)
    socket = await client.ws_connect("/ws", headers={"Origin": origin(client)})
    await socket.receive_json(timeout=5)
    # `moderator serve --new-links` in another process replaces them in the database.
    with MeetingStore.open(database, clock) as other:
        new = load_links(other, renew=True).get("podium").token
    assert new != old
    closed = await _until_closed(socket)
    assert closed
    assert (await client.get("/api/state")).status == 401  # the old cookie
    assert (await client.get("/podium", params={"token": old},
                             allow_redirects=False)).status == 401
    answer = await client.get("/podium", params={"token": new}, allow_redirects=False)
    assert answer.status == 303


async def _until_closed(socket: aiohttp.ClientWebSocketResponse) -> bool:
    for _ in range(100):
        message = await socket.receive(timeout=5)
        if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED,
                            aiohttp.WSMsgType.CLOSING):
            return True
    return False


async def test_connections_and_messages_are_bounded(client: TestClient) -> None:
    await sign_in(client, "speakers")
    sockets = [await client.ws_connect("/ws", headers={"Origin": origin(client)})
               for _ in range(3)]
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect("/ws", headers={"Origin": origin(client)})
    assert refused.value.status == 503
    # A viewer that sends more than a viewer ever needs is cut off.
    await sockets[0].send_str("x" * 10_000)
    assert await _until_closed(sockets[0])
    for socket in sockets[1:]:
        await socket.close()
    await asyncio.sleep(0)
