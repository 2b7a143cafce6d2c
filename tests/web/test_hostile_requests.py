"""Hostile requests to the room server, byte for byte on a real socket: each is answered in words
with the security headers, none is a 500 or a traceback, none leaves the server's own paths, and
nothing of a request (its token above all) reaches a log."""

from __future__ import annotations

import json
import logging
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from moderator.core import FakeClock, Refused
from moderator.web import notes_api
from moderator.web.app import GUARD, MAX_REQUEST_BYTES
from moderator.web.rapporteur import MAX_NOTE, checked_id
from tests.web.room import Chair, RoomServer

CONSOLE = "c0ffee00c0ffee00"
CSP = "content-security-policy"


@pytest.fixture
def room(database: Path, clock: FakeClock, chair: Chair) -> Iterator[RoomServer]:
    chair.do("start_item", "debate")
    chair.do("request_floor", "AT")
    chair.do("give_floor")
    server = RoomServer(database, clock, heartbeat_seconds=0.2,
                        app_options={"requests_per_link": 4, "body_seconds": 0.5}).start()
    yield server
    server.stop()


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def send(room: RoomServer, raw: bytes, *, source: str = "127.0.0.1") -> Answer:
    """`raw` as it is, on a connection of its own; the whole answer (the server closes)."""
    with socket.socket() as connection:
        connection.bind((source, 0))
        connection.settimeout(10)
        connection.connect(("127.0.0.1", room.port))
        connection.sendall(raw)
        data = b""
        while chunk := connection.recv(65536):
            data += chunk
            if b"\r\n\r\n" in data and _complete(data):
                break
    return parse(data)


def _complete(data: bytes) -> bool:
    head, _, body = data.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return len(body) >= int(value)
    return False


def parse(data: bytes) -> Answer:
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return Answer(int(lines[0].split()[1]), headers, body)


def request(room: RoomServer, method: str, path: str, *, cookie: str = "",
            body: bytes | None = None, origin: str | None = None) -> bytes:
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{room.port}\r\nConnection: close\r\n"
    if cookie:
        head += f"Cookie: {cookie}\r\n"
    if origin:
        head += f"Origin: {origin}\r\n"
    if body is not None:
        head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
    return (head + "\r\n").encode("latin-1") + (body or b"")


def until(condition, seconds: float = 10) -> None:
    """Wait for the server's thread to reach a state (not for a clock)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the server never got there"
        time.sleep(0.005)


def cookie(room: RoomServer, link: str) -> str:
    held = room.the_link(link)
    return f"{held.cookie_name}={held.cookie_value}"


def write(room: RoomServer, path: str, document: object, method: str = "POST") -> Answer:
    return send(room, request(room, method, path, cookie=cookie(room, "notes"),
                              origin=room.url, body=json.dumps(document).encode()))


def test_the_token_exchange_never_sends_the_browser_off_the_server(room: RoomServer) -> None:
    token = room.the_link("podium").token
    for path in ("//evil.example/x", "/\\evil.example/x", "/%2F%2Fevil.example/x",
                 "/%5Cevil.example", "///evil.example/", "/%2f/evil.example", "/.//evil.example",
                 "/%09/evil.example", "/podium/..//evil.example", "/podium//evil.example"):
        answer = send(room, request(room, "GET", f"{path}?token={token}&lang=fr"))
        assert answer.status in (303, 400, 404), path
        if answer.status == 303:
            assert answer.headers["location"] == "/podium?lang=fr", path
        assert CSP in answer.headers, path


def test_a_malformed_request_is_a_headed_400_and_nothing_of_it_is_logged(
        room: RoomServer, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture) -> None:
    token = room.the_link("podium").token
    caplog.set_level(logging.DEBUG)
    for raw in (f"GET /podium?token={token} HTTP/1.1 and more\r\n\r\n".encode(),
                f"\x16\x03\x01\x02\x00 {token}\r\n\r\n".encode(),
                f"GET /podium?token={token}\x00 HTTP/1.1\r\nHost: x\r\n\r\n".encode(),
                f"GET /podium HTTP/1.1\r\nX-Long: {token}{'x' * 9000}\r\n\r\n".encode(),
                f"GET /podium?token={token} HTTP/9.9\r\n\r\n".encode(),
                f"POST /api/notes?token={token} HTTP/1.1\r\nContent-Length: x\r\n\r\n".encode(),
                f"GET /podium HTTP/1.1\r\nBad Header{token}: 1\r\n\r\n".encode()):
        answer = send(room, raw)
        assert answer.status == 400, raw[:40]
        assert CSP in answer.headers and answer.headers["x-content-type-options"] == "nosniff"
        assert token.encode() not in answer.body
    for record in caplog.records:
        assert record.exc_info is None, record.getMessage()
        assert token not in record.getMessage()
    out, errors = capfd.readouterr()
    assert "Traceback" not in errors and token not in errors and token not in out


def test_a_hostile_cookie_is_refused_not_a_500(room: RoomServer) -> None:
    for cookies in (b"moderator_viewer=\xff\xfe", b"moderator_podium=\xff\xfe",
                    b"moderator_podium=\xc3\x28; moderator_notes-1=\x00",
                    b"moderator_podium=" + b"a" * 4000, b"=; ;;=moderator_podium",
                    b'moderator_podium="\\"'):
        raw = b"GET /api/state HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: " + cookies
        answer = send(room, raw + b"\r\n\r\n")
        assert answer.status in (400, 401), cookies  # a NUL in a header: the parser's 400
        assert CSP in answer.headers


def test_a_move_to_a_target_that_is_not_an_object_is_refused(room: RoomServer) -> None:
    saved = write(room, "/api/notes", {"id": "note-0001", "text": "Austria #rec",
                                       "console": CONSOLE})
    assert saved.status == 200
    for target in ("x", 1, ["a"], True):
        moved = write(room, "/api/notes/note-0001/move", {"target": target, "console": CONSOLE})
        assert moved.status == 409, target
        assert "target" in json.loads(moved.body)["error"]


def test_every_error_answer_is_headed_and_a_failure_is_one_line(
        room: RoomServer, caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(look):
        raise RuntimeError(f"broken with {room.the_link('notes').token}")

    monkeypatch.setattr(room.feed, "read", broken)
    caplog.set_level(logging.DEBUG)
    failed = send(room, request(room, "GET", "/api/notes", cookie=cookie(room, "notes")))
    assert failed.status == 500 and CSP in failed.headers
    assert b"broken" not in failed.body
    said = [r for r in caplog.records if "failed to answer" in r.getMessage()]
    assert len(said) == 1 and said[0].exc_info is None
    assert "RuntimeError" in said[0].getMessage() and "broken" not in said[0].getMessage()
    for path, method in (("/no-such-page", "GET"), ("/api/state", "DELETE"), ("/podium", "PUT")):
        answer = send(room, request(room, method, path, cookie=cookie(room, "notes"),
                                    origin=room.url))
        assert answer.status in (403, 404, 405) and CSP in answer.headers, path


def test_ids_are_matched_whole(room: RoomServer) -> None:
    with pytest.raises(Refused):
        checked_id("abcdefgh\n")
    assert notes_api.CONSOLE.fullmatch("abcdefgh\n") is None
    drafts = send(room, request(room, "GET", "/api/drafts?console=c0ffee00c0ffee00%0A",
                                cookie=cookie(room, "notes")))
    assert drafts.status == 400
    kept = write(room, "/api/drafts/abcdefgh%0A", {"text": "x", "console": CONSOLE}, "PUT")
    assert kept.status == 409
    newline = write(room, "/api/notes", {"id": "abcdefgh\n", "text": "x", "console": CONSOLE})
    assert newline.status == 409
    console = write(room, "/api/notes", {"id": "abcdefgh", "text": "x", "console": CONSOLE + "\n"})
    assert console.status == 400


def test_a_note_of_the_longest_length_in_emoji_is_accepted(room: RoomServer) -> None:
    """The body limit follows the note limit: 20,000 emoji, escaped as JSON, are a note."""
    text = "\N{GRINNING FACE}" * MAX_NOTE
    body = json.dumps({"id": "note-emoji", "text": text, "console": CONSOLE}).encode()
    assert len(body) > 64 * 1024 and len(body) <= MAX_REQUEST_BYTES
    answer = send(room, request(room, "POST", "/api/notes", cookie=cookie(room, "notes"),
                                origin=room.url, body=body))
    assert answer.status == 200, answer.body[:200]
    assert room.feed.meeting.note("note-emoji").text == text
    kept = write(room, "/api/drafts/note-emoji2", {"text": text, "console": CONSOLE}, "PUT")
    assert kept.status == 200
    longer = write(room, "/api/notes", {"id": "note-emoji3", "text": text + "!",
                                        "console": CONSOLE})
    assert longer.status == 409 and "at most" in json.loads(longer.body)["error"]


def test_endless_bodies_hold_neither_the_viewers_nor_the_server(room: RoomServer) -> None:
    """The rapporteur's link sending bodies that never end: they take its own requests only,
    and each is cut after the body time (408)."""
    held = []
    for _ in range(4):  # the link's requests in progress (requests_per_link in the fixture)
        connection = socket.create_connection(("127.0.0.1", room.port), timeout=10)
        connection.sendall((f"POST /api/notes HTTP/1.1\r\nHost: 127.0.0.1:{room.port}\r\n"
                            f"Origin: {room.url}\r\n"
                            f"Cookie: {cookie(room, 'notes')}\r\nContent-Type: application/json"
                            "\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"id\"\r\n").encode())
        held.append(connection)
    try:
        # The viewers' reads are not the rapporteur's: answered at once.
        for link in ("podium", "projector", "speakers"):
            assert send(room, request(room, "GET", "/api/state", cookie=cookie(room, link))).status == 200
        # While the four are held, the link's next request waits its turn (503, in words).
        guard = room.app[GUARD]
        until(lambda: guard.in_progress[room.the_link("notes").id] == 4)
        busy = send(room, request(room, "GET", "/api/notes", cookie=cookie(room, "notes")))
        assert busy.status == 503 and b"busy" in busy.body
        # Each endless body is cut: 408, and the connection closed.
        for connection in held:
            data = b""
            while chunk := connection.recv(65536):
                data += chunk
            assert parse(data).status == 408
    finally:
        for connection in held:
            connection.close()
    again = write(room, "/api/notes", {"id": "note-after", "text": "After", "console": CONSOLE})
    assert again.status == 200


def test_drafts_are_bounded_per_browser_and_in_all(room: RoomServer,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    for number in range(notes_api.DRAFTS_PER_BROWSER):
        kept = write(room, f"/api/drafts/draft-{number:04d}", {"text": "typing",
                                                               "console": CONSOLE}, "PUT")
        assert kept.status == 200
    # The same drafts again (a browser saves every second): kept.
    assert write(room, "/api/drafts/draft-0000", {"text": "typing on", "console": CONSOLE},
                 "PUT").status == 200
    one_more = write(room, "/api/drafts/draft-9999", {"text": "x", "console": CONSOLE}, "PUT")
    assert one_more.status == 409 and "at most" in json.loads(one_more.body)["error"]
    monkeypatch.setattr(notes_api, "DRAFTS_BYTES", 2000)
    big = write(room, "/api/drafts/other-0001", {"text": "y" * 1500,
                                                 "console": "deadbeefdeadbeef"}, "PUT")
    assert big.status == 409 and "no more" in json.loads(big.body)["error"]
