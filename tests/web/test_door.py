"""The room server's door on a real socket: slow headers and idle connections let go, one address
held to its share, a full server that still lets the podium in, and sockets per link."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator.core import FakeClock
from moderator.web.door import Door
from moderator.web.links import SPEAKERS
from moderator.web.server_log import Hush, loop_exceptions
from tests.web.room import Chair, RoomServer
from tests.web.test_hostile_requests import cookie, parse, request, send, until


class Monotonic:
    """The door's clock, moved on by the test."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def monotonic() -> Monotonic:
    return Monotonic()


def room_with(database: Path, clock: FakeClock, door: Door, **app: object) -> RoomServer:
    return RoomServer(database, clock, heartbeat_seconds=0.2, door=door, app_options=app).start()


@pytest.fixture
def room(database: Path, clock: FakeClock, chair: Chair,
         monotonic: Monotonic) -> Iterator[RoomServer]:
    server = room_with(database, clock, Door(limit=8, per_address=3, clock=monotonic),
                       sockets={SPEAKERS: 3})
    yield server
    server.stop()


def connect(room: RoomServer, source: str = "127.0.0.1", data: bytes = b""):
    import socket

    connection = socket.socket()
    connection.bind((source, 0))
    connection.settimeout(10)
    connection.connect(("127.0.0.1", room.port))
    if data:
        connection.sendall(data)
    return connection


def closed(connection) -> bool:
    """Whether the server closed it at once (what it sent before is read and dropped)."""
    connection.settimeout(2)  # the door closes at once; aiohttp's own timer would take 10 s
    try:
        while connection.recv(65536):
            pass
    except ConnectionResetError:
        pass
    except TimeoutError:
        return False
    return True


def websocket(room: RoomServer, link: str, source: str = "127.0.0.1", page: str = ""):
    """A WebSocket handshake with `link`'s cookie: (the connection, the answer's status)."""
    raw = (f"GET /ws{'?page=' + page if page else ''} HTTP/1.1\r\nHost: 127.0.0.1:{room.port}\r\n"
           "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
           f"Sec-WebSocket-Version: 13\r\nOrigin: {room.url}\r\nCookie: {cookie(room, link)}\r\n\r\n")
    connection = connect(room, source, raw.encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = connection.recv(1)
        if not chunk:
            break
        head += chunk
    return connection, parse(head).status


def test_slow_headers_and_idle_connections_are_let_go(room: RoomServer,
                                                      monotonic: Monotonic) -> None:
    door = room.door
    slow = connect(room, "127.0.0.2", b"GET /podium HTTP/1.1\r\nHost: x\r\nX-a: ")  # slowloris
    idle = connect(room, "127.0.0.3")  # says nothing at all
    kept = connect(room, "127.0.0.4", request(room, "GET", "/api/state",
                                              cookie=cookie(room, "podium")).replace(
                                                  b"Connection: close\r\n", b""))
    kept.recv(65536)  # answered; the connection stays open (keep-alive)
    until(lambda: room.on_loop(lambda: door.held) == 3)
    monotonic.now += 9
    room.on_loop(door.sweep)
    assert room.on_loop(lambda: door.held) == 3  # within their time
    monotonic.now += 2
    room.on_loop(door.sweep)
    assert closed(slow) and closed(idle) and closed(kept)
    assert door.counts["timed out"] == 3
    for connection in (slow, idle, kept):
        connection.close()


def test_one_address_holds_only_its_share(room: RoomServer) -> None:
    door = room.door
    first, *others = [connect(room, "127.0.0.2") for _ in range(3)]
    until(lambda: room.on_loop(lambda: door.held) == 3)
    fourth = connect(room, "127.0.0.2")  # the address's oldest idle connection gives way
    assert closed(first)
    until(lambda: room.on_loop(lambda: door.held) == 3)
    for connection in (*others, fourth):
        connection.close()
    until(lambda: room.on_loop(lambda: door.held) == 0)
    # Three that are busy (WebSockets) are not let go: a fourth is refused, in words.
    sockets = [websocket(room, "projector", "127.0.0.2") for _ in range(3)]
    assert [status for _, status in sockets] == [101, 101, 101]
    refused = send(room, request(room, "GET", "/api/state", cookie=cookie(room, "podium")),
                   source="127.0.0.2")
    assert refused.status == 503 and "content-security-policy" in refused.headers
    # Another address is not held back by it.
    assert send(room, request(room, "GET", "/api/state", cookie=cookie(room, "podium")),
                source="127.0.0.3").status == 200
    assert door.counts["refused"] == 1
    for connection, _ in sockets:
        connection.close()


def test_a_full_server_lets_a_new_device_in(room: RoomServer) -> None:
    door = room.door
    idle = [connect(room, f"127.0.0.{10 + n}") for n in range(8)]  # the limit: 8
    until(lambda: room.on_loop(lambda: door.held) == 8)
    # The podium's tablet arrives: the longest idle connection gives way.
    assert send(room, request(room, "GET", "/api/state", cookie=cookie(room, "podium")),
                source="127.0.0.30").status == 200
    assert closed(idle[0]) and door.counts["evicted"] >= 1
    for connection in idle:
        connection.close()
    until(lambda: room.on_loop(lambda: door.held) == 0)
    # Eight connections busy: the ninth waits (the kernel holds it, the server holds no
    # descriptor for it) until one of them leaves, then it is answered.
    busy = [websocket(room, "podium" if n < 4 else "projector", f"127.0.0.{40 + n}")
            for n in range(8)]
    assert all(status == 101 for _, status in busy)
    tried = door.counts["tried"]
    ninth = connect(room, "127.0.0.50", request(room, "GET", "/api/state",
                                                cookie=cookie(room, "podium")))
    assert room.on_loop(lambda: door.full) and door.counts["tried"] <= tried + 1
    busy[0][0].close()
    data = b""
    while chunk := ninth.recv(65536):
        data += chunk
    assert parse(data).status == 200
    for connection, _ in busy[1:]:
        connection.close()
    ninth.close()


def test_the_phones_link_cannot_take_the_sockets_of_the_podium_projector_and_rapporteur(
        room: RoomServer) -> None:
    phones = [websocket(room, "speakers", f"127.0.0.{60 + n}") for n in range(3)]
    assert [status for _, status in phones] == [101] * 3
    _, more = websocket(room, "speakers", "127.0.0.64")
    assert more == 503  # the phones' link has its own sockets, and no more
    for link, page in (("podium", "podium"), ("projector", "projector"), ("notes", "notes")):
        connection, status = websocket(room, link, "127.0.0.70", page)
        assert status == 101, link
        connection.close()
    for connection, _ in phones:
        connection.close()


def test_serve_raises_the_open_files_limit_where_allowed() -> None:
    script = ("import resource; from moderator.web.door import connection_limit, "
              "raise_open_files as r; "
              "resource.setrlimit(resource.RLIMIT_NOFILE, ({soft}, {hard})); n = r(); "
              "print(n, resource.getrlimit(resource.RLIMIT_NOFILE)[0], connection_limit(n))")
    for soft, hard, expected in ((256, 512, "512 512 416"), (256, 256, "256 256 160")):
        done = subprocess.run([sys.executable, "-c", script.format(soft=soft, hard=hard)],
                              capture_output=True, text=True, timeout=60)
        assert done.stdout.split() == expected.split(), done.stderr


def test_the_terminal_hears_of_each_trouble_once_a_minute_without_a_request(
        monotonic: Monotonic) -> None:
    """File descriptors running out make asyncio report every failed accept, with a traceback:
    the server's terminal gets one line a minute, and never a request's content."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("moderator: %(message)s"))
    handler.addFilter(Hush(clock=monotonic))
    loop_log = logging.getLogger("asyncio")
    loop_log.addHandler(handler)
    try:
        for _ in range(1000):
            try:
                raise OSError(24, "Too many open files")
            except OSError as error:
                loop_exceptions(None, {"message": "socket.accept() out of system resource",
                                       "exception": error, "socket": "<socket>"})
        token = "t" * 32
        record = logging.LogRecord("aiohttp.server", logging.ERROR, __file__, 1,
                                   "Error handling request from %s: GET /podium?token=%s",
                                   ("10.0.0.9", token), None)
        handler.handle(record)
        monotonic.now += 61
        loop_exceptions(None, {"message": "socket.accept() out of system resource"})
    finally:
        loop_log.removeHandler(handler)
    lines = out.getvalue().splitlines()
    assert lines == ["moderator: socket.accept() out of system resource",
                     "moderator: Error handling request from %s: GET /podium?token=%s",
                     "moderator: socket.accept() out of system resource (1000 times in the "
                     "last minute)"]
    assert token not in out.getvalue() and "Traceback" not in out.getvalue()
