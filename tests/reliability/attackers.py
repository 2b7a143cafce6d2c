"""The attacking side of the hostile-network round, in a process of its own (it imports nothing
of the program but the open-files limit, so that it starts fast and never slows the legitimate
clients down): from loopback addresses 127.0.0.2 onwards, connections kept up until the end."""

from __future__ import annotations

import asyncio
import json
import os
from collections import Counter
from dataclasses import dataclass

from moderator.web.door import raise_open_files

HOST = "127.0.0.1"
SETTLE_SECONDS = 1.0  # after the attack's time, for the last change to reach the podium


@dataclass(frozen=True)
class Attack:
    addresses: int  # the attackers' loopback addresses
    idle: int  # connections that say nothing
    slowloris: int  # connections sending a header line every half second
    phone_sockets: int  # WebSockets with the phones' link
    chunked: int  # a rapporteur's endless chunked bodies
    malformed: int  # malformed requests and cookies, over the whole attack
    seconds: float
    open_files: int  # the server's `ulimit -n`
    podiums: int = 3  # new podiums connecting during the attack


SMALL = Attack(addresses=8, idle=200, slowloris=40, phone_sockets=40, chunked=12, malformed=120,
               seconds=3.0, open_files=256, podiums=2)
FULL = Attack(addresses=64, idle=1500, slowloris=300, phone_sockets=700, chunked=100,
              malformed=3000, seconds=30.0, open_files=1024, podiums=5)


@dataclass
class Tally:
    tried: int = 0
    open: int = 0
    held: int = 0  # the most open at once
    refused: int = 0  # refused, never accepted, or closed by the server

    def opened(self) -> None:
        self.open += 1
        self.held = max(self.held, self.open)

    def closed(self, by_server: bool) -> None:
        self.open -= 1
        self.refused += by_server


def attackers_process(results, attack: Attack, port: int, cookies: dict[str, str]) -> None:
    """In the attackers' process: attack for `attack.seconds`, then send the tally."""
    raise_open_files()
    # On the venue's network the attackers' machines are not the server's: here they share its
    # two cores, so they yield them first and the figures are the server's, not the machine's.
    os.nice(19)
    tally = Tally()
    asyncio.run(_attackers(results, tally, attack, port, cookies))
    results.send(tally)


async def _attackers(results, tally: Tally, attack: Attack, port: int,
                     cookies: dict[str, str]) -> None:
    origin = f"http://{HOST}:{port}"
    stop = asyncio.Event()
    addresses = [f"127.0.0.{2 + n}" for n in range(attack.addresses)]
    openings = _openings(port, origin, cookies)
    tasks = []
    kinds = (("idle", attack.idle), ("slowloris", attack.slowloris),
             ("phones", attack.phone_sockets), ("chunked", attack.chunked))
    number = 0
    for kind, count in kinds:
        for _ in range(count):
            opening, trickle, every = openings[kind]
            tasks.append(asyncio.create_task(_attacker(
                tally, stop, addresses[number % len(addresses)], port, opening, trickle, every)))
            number += 1
    results.send("started")
    await asyncio.sleep(attack.seconds + SETTLE_SECONDS)
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)


def _openings(port: int, origin: str, cookies: dict[str, str]) -> dict:
    host = f"Host: {HOST}:{port}\r\n"
    return {
        "idle": (b"", None, 1.0),
        "slowloris": (f"GET /speakers HTTP/1.1\r\n{host}".encode(), b"X-Slow: 1\r\n", 0.5),
        "phones": ((f"GET /ws?page=speakers HTTP/1.1\r\n{host}Upgrade: websocket\r\n"
                    "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    f"Sec-WebSocket-Version: 13\r\nOrigin: {origin}\r\n"
                    f"Cookie: {cookies['speakers']}\r\n\r\n").encode(), None, 1.0),
        "chunked": ((f"POST /api/notes HTTP/1.1\r\n{host}Origin: {origin}\r\n"
                     f"Cookie: {cookies['notes-1']}\r\nContent-Type: application/json\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n1\r\n{\r\n").encode(), b"1\r\n \r\n", 0.2),
    }


async def _attacker(tally: Tally, stop: asyncio.Event, address: str, port: int, opening: bytes,
                    trickle: bytes | None, every: float) -> None:
    """One connection kept up until `stop`: opened again whenever the server closes it."""
    while not stop.is_set():
        tally.tried += 1
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection(HOST, port, local_addr=(address, 0)), 2)
        except (OSError, TimeoutError):
            tally.refused += 1
            await _pause(stop, 0.2)
            continue
        tally.opened()
        by_server = False
        try:
            if opening:
                writer.write(opening)
            while not stop.is_set():
                try:
                    data = await asyncio.wait_for(reader.read(65536), every)
                except TimeoutError:
                    if trickle:
                        writer.write(trickle)
                    continue
                if not data:
                    by_server = True
                    break
        except OSError:
            by_server = True
        finally:
            tally.closed(by_server)
            writer.close()
        await _pause(stop, 0.1)


async def malformed(answers: Counter, attack: Attack, stop: asyncio.Event, port: int,
                    tokens: dict[str, str], cookies: dict[str, str]) -> None:
    """Malformed requests and cookies at an even pace, each on a connection of its own from
    addresses of their own (127.0.1.x): every one must be answered, never with a 500. (Sent
    from the legitimate clients' process: in the attackers' they would wait for the CPU.)"""
    origin = f"http://{HOST}:{port}"
    addresses = [f"127.0.1.{2 + n}" for n in range(16)]
    token = tokens["podium"]
    host = f"Host: {HOST}:{port}\r\n"
    notes = f"Cookie: {cookies['notes-1']}\r\nOrigin: {origin}\r\nContent-Type: application/json\r\n"
    move = json.dumps({"target": "x", "console": "hostile0hostile0"})
    requests = [
        f"GET /podium?token={token} HTTP/1.1 trailing\r\n\r\n".encode(),
        f"\x16\x03\x01\x00\xa5 {token}\r\n\r\n".encode("latin-1"),
        f"GET /api/state HTTP/1.1\r\n{host}Cookie: moderator_viewer=".encode() + b"\xff\xfe\r\n\r\n",
        f"GET /api/state HTTP/1.1\r\n{host}Cookie: moderator_podium=".encode() + b"\xc3\x28\r\n\r\n",
        f"GET /podium HTTP/1.1\r\n{host}X-Long: {'x' * 10000}\r\n\r\n".encode(),
        f"GET //evil.example/x?token={token} HTTP/1.1\r\n{host}\r\n".encode(),
        f"GET /\\evil.example?token={token} HTTP/1.1\r\n{host}\r\n".encode(),
        f"POST /api/notes/hostile-0001/move HTTP/1.1\r\n{host}{notes}Content-Length: "
        f"{len(move)}\r\n\r\n{move}".encode(),
        f"POST /api/notes HTTP/1.1\r\n{host}{notes}Content-Length: 5\r\n\r\n{{\"a\"}}".encode(),
        f"GET /api/drafts?console=abcdefgh%0A HTTP/1.1\r\n{host}{notes}\r\n".encode(),
        f"GET /ws HTTP/1.1\r\n{host}Upgrade: websocket\r\nConnection: Upgrade\r\n\r\n".encode(),
        f"BREW /podium HTTP/1.1\r\n{host}\r\n".encode(),
        b"GET / HTTP/1.1\r\nHost: \x00\r\n\r\n",
    ]
    pause = attack.seconds / max(1, attack.malformed)
    at_once = asyncio.Semaphore(32)

    async def one(raw: bytes, address: str) -> None:
        async with at_once:
            try:
                reader, writer = await asyncio.wait_for(
                    asyncio.open_connection(HOST, port, local_addr=(address, 0)), 2)
                writer.write(raw)
                head = await asyncio.wait_for(reader.readuntil(b"\r\n"), 5)
                answers[int(head.split()[1])] += 1
                writer.close()
            except (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError, IndexError):
                answers[0] += 1  # closed before an answer (refused at the door)

    sent = []
    while not stop.is_set() and len(sent) < attack.malformed:
        number = len(sent)
        sent.append(asyncio.create_task(one(requests[number % len(requests)],
                                            addresses[number % len(addresses)])))
        await _pause(stop, pause)
    await asyncio.gather(*sent)


async def _pause(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), seconds)
    except TimeoutError:
        pass
