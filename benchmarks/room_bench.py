"""The room server under 200 WebSocket viewers on loopback, against a bare aiohttp broadcast.

`moderator serve` runs as a process on a copy of the large meeting; the chair's side pauses and
resumes the speaker's timer in the same database once a second (a floor change); every viewer
notes when the document with the new state reaches it. Measured: the latency from the chair's
command to each viewer's update (median and p99) and to the last viewer's, the server's CPU
and memory, and the same with one more viewer that has stopped reading.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
from generate import LargeMeeting
from lines import Line, ms, percentile

from moderator.core import Meeting, Refused, SystemClock, load_meeting
from moderator.store import MeetingStore
from moderator.web.feed import FOLLOW_SECONDS

VIEWERS = 200
RAPPORTEURS = 5
NOTE_SECONDS = 60  # each rapporteur saves a note a second for this long
WAITING = 15  # requests on the list while the viewers watch
ROUNDS = 20
PAUSE_SECONDS = 0.6  # between floor changes, off the server's 1-second heartbeat
REFERENCE = Path(__file__).with_name("room_reference.py")
LINK = re.compile(r"^(speakers|notes-1) +(http://\S+)#t=([\w-]+)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Viewer:
    def __init__(self) -> None:
        self.running: bool | None = None
        self.changed = asyncio.Event()
        self.at = 0.0

    async def follow(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        async for message in socket:
            # The flag alone, not a full parse: the viewers must not be the bottleneck.
            running = '"running":true' in message.data
            if running != self.running:
                self.running, self.at = running, time.perf_counter()
                self.changed.set()


async def connect_all(url: str, cookie: str | None, origin: str) -> tuple[list, list, list]:
    session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))
    headers = {"Origin": origin}
    if cookie:
        headers["Cookie"] = cookie
    viewers, sockets, tasks = [], [], []
    for _ in range(VIEWERS):
        socket_ = await session.ws_connect(url, headers=headers, max_msg_size=0)
        viewer = Viewer()
        viewers.append(viewer)
        sockets.append(socket_)
        tasks.append(asyncio.create_task(viewer.follow(socket_)))
    for viewer in viewers:
        await asyncio.wait_for(viewer.changed.wait(), 30)
    return viewers, tasks, [session, *sockets]


async def rounds(viewers: list[Viewer], change, count: int) -> tuple[list[float], list[float]]:
    """`count` floor changes; every viewer's latency, and the last viewer's per change."""
    every, last = [], []
    for _ in range(count):
        for viewer in viewers:
            viewer.changed.clear()
        started = time.perf_counter()
        await change()
        await asyncio.wait_for(asyncio.gather(*(v.changed.wait() for v in viewers)), 30)
        latencies = [v.at - started for v in viewers]
        every += latencies
        last.append(max(latencies))
        await asyncio.sleep(PAUSE_SECONDS)
    return every, last


async def sign_in(session: aiohttp.ClientSession, origin: str, token: str) -> str:
    """The link's cookie, as the page gets it: its token posted to /api/link."""
    answer = await session.post(f"{origin}/api/link", json={"token": token},
                                headers={"Origin": origin})
    return answer.headers["Set-Cookie"].split(";", 1)[0]


async def rapporteurs(token: str, origin: str) -> list[float]:
    """Each saves a new note a second, then sends it again as a retry would: the latency from
    sending to the server's answer that it is durable (the first send)."""
    async def one(number: int) -> list[float]:
        latencies = []
        # A jar that takes cookies from an IP address (aiohttp's default refuses them).
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as session:
            await sign_in(session, origin, token)  # the cookie, in the session's jar
            for second in range(NOTE_SECONDS):
                started = time.perf_counter()
                body = {"id": f"bench-{number}-{second:04d}", "console": f"benchconsole{number}",
                        "text": f"Rapporteur {number}, note {second} #rec"}
                for attempt in range(2):
                    answer = await session.post(f"{origin}/api/notes", json=body,
                                                headers={"Origin": origin})
                    if answer.status != 200:
                        raise RuntimeError(f"a save answered {answer.status}")
                    if attempt == 0:
                        latencies.append(time.perf_counter() - started)
                await asyncio.sleep(max(0.0, 1.0 - (time.perf_counter() - started)))
        return latencies

    found = await asyncio.gather(*(one(n) for n in range(RAPPORTEURS)))
    return [latency for each in found for latency in each]


def stuck_viewer(port: int, path: str, cookie: str, origin: str) -> socket.socket:
    """A WebSocket that completes its handshake and then never reads again."""
    raw = socket.create_connection(("127.0.0.1", port))
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    raw.sendall((f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                 "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                 f"Sec-WebSocket-Version: 13\r\nOrigin: {origin}\r\nCookie: {cookie}\r\n\r\n")
                .encode())
    return raw


def process_cost(pid: int) -> tuple[float, int, int]:
    """CPU seconds so far, resident and peak memory in kB."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    peak = int(re.search(r"VmHWM:\s+(\d+)", status).group(1))
    return cpu, rss, peak


async def measure_ours(large: LargeMeeting, database: Path) -> dict:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moderator", "serve", "--agenda", str(large.agenda),
         "--speakers", str(large.roster), "--db", str(database), "--port", str(port), "--no-qr",
         "--show-notes-links"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        links = {}
        for line in server.stdout:
            if (found := LINK.match(line.strip())) is not None:
                links[found.group(1)] = found.group(3)
            if line.startswith("Serving"):
                break
        origin = f"http://127.0.0.1:{port}"
        agenda, roster = load_meeting(large.agenda, large.roster)
        store = MeetingStore.open(database)
        chair = Meeting(agenda, roster, SystemClock())
        chair.apply_all(store.read_new())
        for who in list(roster.delegations)[:WAITING]:  # a realistic list on the projector
            try:
                events = chair.request_floor(who)
            except Refused:
                continue
            store.append(events)
            chair.apply_all(events)
        await asyncio.sleep(0.5)
        async with aiohttp.ClientSession() as session:
            # The delegates' phones' link: the one with room for hundreds of viewers.
            cookie = await sign_in(session, origin, links["speakers"])
            document = await (await session.get(f"http://127.0.0.1:{port}/api/state",
                                                headers={"Cookie": cookie})).text()
        loop = asyncio.get_running_loop()

        def toggle() -> None:
            chair.apply_all(store.read_new())
            events = chair.toggle_timer()
            store.append(events)
            chair.apply_all(events)

        async def change() -> None:
            await loop.run_in_executor(None, toggle)

        viewers, tasks, closing = await connect_all(f"ws://127.0.0.1:{port}/ws", cookie, origin)
        cpu0, _, _ = process_cost(server.pid)
        wall0 = time.perf_counter()
        every, last = await rounds(viewers, change, ROUNDS)
        cpu1, rss, peak = process_cost(server.pid)
        share = (cpu1 - cpu0) / (time.perf_counter() - wall0)
        stuck = stuck_viewer(port, "/ws", cookie, origin)
        await asyncio.sleep(1)
        stuck_every, stuck_last = await rounds(viewers, change, ROUNDS // 2)
        stuck.close()
        print(f"  room: {RAPPORTEURS} rapporteurs saving a note a second for {NOTE_SECONDS} s",
              flush=True)
        saves = await rapporteurs(links["notes-1"], origin)
        for task in tasks:
            task.cancel()
        for item in reversed(closing):
            await item.close()
        with_notes = [e for e in store.events()
                      if e["type"] == "note.added" and e["note"].startswith("bench-")]
        store.close()
        ids = [e["note"] for e in with_notes]
        return {"saves": saves, "notes_recorded": len(ids), "notes_unique": len(set(ids)),
                "every": every, "last": last, "cpu": share, "rss": rss, "peak": peak,
                "stuck_every": stuck_every, "stuck_last": stuck_last, "bytes": len(document),
                "document": document}
    finally:
        server.terminate()
        server.wait(timeout=15)
        server.stdout.close()
        server.stderr.close()


async def measure_reference(document: str, directory: Path) -> dict:
    port = free_port()
    saved = directory / "document.json"
    compact = json.dumps(json.loads(document), separators=(",", ":"), ensure_ascii=False)
    saved.write_text(compact, encoding="utf-8")
    server = subprocess.Popen([sys.executable, str(REFERENCE), str(port), str(saved)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        server.stdout.readline()
        async with aiohttp.ClientSession() as session:
            for _ in range(100):  # until it listens
                try:
                    await session.get(f"http://127.0.0.1:{port}/")
                    break
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.05)
            viewers, tasks, closing = await connect_all(f"ws://127.0.0.1:{port}/ws", None, "")

            async def change() -> None:
                await session.post(f"http://127.0.0.1:{port}/change")

            cpu0, _, _ = process_cost(server.pid)
            wall0 = time.perf_counter()
            every, last = await rounds(viewers, change, ROUNDS)
            cpu1, rss, peak = process_cost(server.pid)
            for task in tasks:
                task.cancel()
            for item in reversed(closing):
                await item.close()
        return {"every": every, "last": last, "rss": rss, "peak": peak,
                "cpu": (cpu1 - cpu0) / (time.perf_counter() - wall0)}
    finally:
        server.terminate()
        server.wait(timeout=15)
        server.stdout.close()
        server.stderr.close()


def run(workdir: str, large: LargeMeeting) -> list[Line]:
    with tempfile.TemporaryDirectory(dir=workdir) as directory:
        database = Path(directory) / "room.db.json"
        shutil.copyfile(large.database, database)
        print(f"  room: {VIEWERS} viewers of moderator serve, {ROUNDS} floor changes", flush=True)
        ours = asyncio.run(measure_ours(large, database))
        print(f"  room: {VIEWERS} viewers of a bare aiohttp broadcast", flush=True)
        reference = asyncio.run(measure_reference(ours["document"], Path(directory)))
    median, p99 = statistics.median(ours["every"]), percentile(ours["every"], 0.99)
    ref_median, ref_p99 = statistics.median(reference["every"]), percentile(reference["every"], 0.99)
    last, ref_last = statistics.median(ours["last"]), statistics.median(reference["last"])
    stuck_p99 = percentile(ours["stuck_every"], 0.99)
    return [
        Line(f"Room: chair's floor change to a viewer's update, {VIEWERS} WebSocket viewers on "
             f"loopback ({ROUNDS} changes; the server reads the database every {FOLLOW_SECONDS:g} s), "
             "median",
             ms(median), f"{ms(ref_median)} (bare aiohttp broadcast)",
             f"{median / ref_median:.1f}x", "-", True),
        Line(f"Room: the same, p99 (last viewer's update: median {ms(last)}, reference "
             f"{ms(ref_last)})", ms(p99), f"{ms(ref_p99)} (bare aiohttp broadcast)",
             f"{p99 / ref_p99:.1f}x", "p99 < 500 ms", p99 < 0.5),
        Line(f"Room: p99 with one more viewer that stopped reading ({ROUNDS // 2} changes)",
             ms(stuck_p99), f"{ms(p99)} (without it)", f"{stuck_p99 / p99:.2f}x",
             "p99 < 500 ms", stuck_p99 < 0.5),
        Line(f"Room: {RAPPORTEURS} rapporteurs saving a note a second for {NOTE_SECONDS} s "
             f"beside {VIEWERS} viewers, each note sent twice: save to durable, median / p99 "
             f"({ours['notes_recorded']} recorded, {ours['notes_unique']} distinct, of "
             f"{RAPPORTEURS * NOTE_SECONDS})",
             f"{ms(statistics.median(ours['saves']))} / {ms(percentile(ours['saves'], 0.99))}",
             "-", "-", "every note once",
             ours["notes_recorded"] == ours["notes_unique"] == RAPPORTEURS * NOTE_SECONDS),
        Line(f"Room: server CPU during the changes ({ours['bytes']:,}-byte document, heartbeat "
             f"1/s to every viewer)", f"{ours['cpu']:.1%} of one core",
             f"{reference['cpu']:.1%} (bare aiohttp broadcast)", "-", "-", True),
        Line(f"Room: server memory with {VIEWERS} viewers on the {large.events:,}-event meeting "
             "(resident / peak)", f"{ours['rss'] / 1024:.0f} / {ours['peak'] / 1024:.0f} MB",
             f"{reference['rss'] / 1024:.0f} / {reference['peak'] / 1024:.0f} MB "
             "(bare aiohttp broadcast)", "-", "-", True),
    ]


if __name__ == "__main__":
    from generate import generate

    with tempfile.TemporaryDirectory() as scratch:
        meeting = generate(Path(scratch) / "large")
        for line in run(scratch, meeting):
            print(line.row())
