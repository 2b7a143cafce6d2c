"""kill -9 of `moderator serve` in the middle of 200 requests from the delegations' phones: every
request a phone was told was received is on the list once after the restart; the phones then
send again what they were not told about, and each request is on the list once, no more.

The server is a process of its own on the bundled seminar (its 93 delegations, each with its
link); the phones are HTTP clients with their link's cookie, as the page sends its requests.
The kill comes when enough answers have arrived (counted, never timed).
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import aiohttp

from moderator.core import FakeClock, Meeting
from moderator.session import open_meeting
from moderator.store import MeetingStore
from moderator.web.links import DELEGATION, Link, load_links
from tests.reliability.scenario import DATA, START, seminar

REQUESTS = 200
KILL_AFTER = 70  # answers "received" before the kill
KINDS = ("statement", "right-of-reply", "point-of-order")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(database: Path, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "moderator", "serve", "--agenda", str(DATA / "agenda.yaml"),
         "--speakers", str(DATA / "speakers.yaml"), "--db", str(database), "--port", str(port),
         "--no-qr"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in server.stdout:
        if line.startswith("Serving"):
            return server
    raise AssertionError(f"the server did not start ({server.wait()})")


def requests_of(links: list[Link]) -> list[tuple[Link, str, str]]:
    """(link, request id, kind): up to three kinds for each delegation, REQUESTS in all."""
    found = [(link, f"phone-{link.delegation}-{kind}", kind) for kind in KINDS for link in links]
    return found[:REQUESTS]


async def send_all(port: int, requests: list[tuple[Link, str, str]], *,
                   kill: subprocess.Popen | None = None) -> set[str]:
    """Every request sent at once (20 at a time); the ids the server said it received. With
    `kill`, the server is killed -9 once KILL_AFTER answers have come."""
    origin = f"http://127.0.0.1:{port}"
    received: set[str] = set()
    at_once = asyncio.Semaphore(20)

    async def one(session: aiohttp.ClientSession, link: Link, request_id: str, kind: str) -> None:
        async with at_once:
            try:
                answer = await session.post(
                    f"{origin}/api/request", json={"id": request_id, "kind": kind},
                    headers={"Origin": origin, "Cookie": f"{link.cookie_name}={link.cookie_value}"})
                if answer.status == 200 and (await answer.json())["received"]:
                    received.add(request_id)
            except (TimeoutError, aiohttp.ClientError):
                return  # no answer: the phone was not told it was received
        if kill is not None and len(received) >= KILL_AFTER and kill.poll() is None:
            os.kill(kill.pid, signal.SIGKILL)

    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        await asyncio.gather(*(one(session, *request) for request in requests))
    return received


def on_the_list(database: Path) -> list[str]:
    """The requests waiting, as the database has them (folded from scratch)."""
    agenda, roster = seminar()
    meeting = Meeting(agenda, roster, FakeClock(START))
    with MeetingStore.open(database) as store:
        meeting.apply_all(store.events())
    return [r.id for r in meeting.queue() if r.id.startswith("phone-")]


def test_every_request_a_phone_was_told_of_survives_kill_9(tmp_path: Path) -> None:
    database = tmp_path / "seminar.db.json"
    agenda, roster = seminar()
    chair = open_meeting(agenda, roster, database, role="moderator", clock=FakeClock(START),
                         create=True)
    chair.record(lambda: chair.meeting.start_item("s1-discussion"))
    chair.close(save_snapshot=False)
    port = free_port()
    server = start_server(database, port)
    try:
        with MeetingStore.open(database) as store:
            links = load_links(store).of_kind(DELEGATION)
        requests = requests_of(links)
        assert len(requests) == REQUESTS
        told = asyncio.run(send_all(port, requests, kill=server))
        assert server.wait(timeout=60) == -signal.SIGKILL  # killed in the middle, not at the end
        assert KILL_AFTER <= len(told) < REQUESTS
        listed = on_the_list(database)
        assert set(told) <= set(listed) and len(listed) == len(set(listed))
        # The phones send again what they were not told about (the same ids): each once.
        server = start_server(database, port)
        again = asyncio.run(send_all(port, [r for r in requests if r[1] not in told]))
        assert told | again == {request_id for _, request_id, _ in requests}
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=30)
        server.stdout.close()
    listed = on_the_list(database)
    assert sorted(listed) == sorted(request_id for _, request_id, _ in requests)
