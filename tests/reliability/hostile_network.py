"""A hostile network against `moderator serve`, on the loopback, for a bounded time.

The server runs as the chair starts it, in a process whose open files are limited as on a
stock machine (`ulimit -n`). From their own loopback addresses (127.0.0.2 onwards) attackers
keep up, for `seconds`: idle connections, slow headers (slowloris), WebSockets with the phones'
link (the one every delegate has), endless chunked bodies with a rapporteur's link, and
malformed requests and cookies (each answered; a 500 is a failure). Every connection the
server closes is opened again.

Meanwhile, from addresses of their own, a podium already connected watches the chair's changes
(a new podium message every `CHANGE_SECONDS`): each must reach it within a second; and a new
podium's tablet connects (its link exchanged, its page and its socket) a few times.

Figures: connections tried, held at most at once, refused or let go by the server; the
viewer's worst delay; the new podium's worst time to connect; the server's memory and CPU; its
terminal's lines (no traceback, no token).
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import re
import resource
import socket
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from moderator.cli.options import AGENDA, BUNDLED, SPEAKERS
from moderator.core import load_meeting
from moderator.session import open_meeting
from moderator.web.door import raise_open_files
from tests.reliability.attackers import (
    HOST,
    SETTLE_SECONDS,
    Attack,
    Tally,
    attackers_process,
    malformed,
)

VIEWER_ADDRESS, PODIUM_ADDRESS = "127.0.0.200", "127.0.0.201"
CHANGE_SECONDS = 0.25
WITHIN_SECONDS = SETTLE_SECONDS  # every change reaches the connected podium within this
PODIUM_SECONDS = 5.0  # a new podium is connected within this
NOTE = "hostile-0001"
LINK = re.compile(r"^(\S+) +http://\S+#t=([\w-]+)")


@dataclass
class NetworkFigures:
    attack: Attack
    tally: Tally = field(default_factory=Tally)
    changes: int = 0
    delays: list[float] = field(default_factory=list)
    podium_seconds: list[float] = field(default_factory=list)
    answers: Counter = field(default_factory=Counter)  # malformed requests' statuses
    files: int = 0  # the server's open files at most (sampled every 50 ms)
    rss_kib: int = 0
    peak_kib: int = 0
    cpu_share: float = 0.0  # of one core, during the attack
    log_lines: list[str] = field(default_factory=list)  # the server's terminal (stderr)
    problems: list[str] = field(default_factory=list)

    @property
    def worst_delay(self) -> float:
        return max(self.delays, default=float("inf"))


def run_hostile_network(root: Path, attack: Attack) -> NetworkFigures:
    raise_open_files()  # the attackers need more descriptors than the server has
    figures = NetworkFigures(attack)
    database = root / "hostile-network.db.json"
    agenda_path, roster_path = BUNDLED / AGENDA, BUNDLED / SPEAKERS
    agenda, roster = load_meeting(agenda_path, roster_path)
    chair = Chair(database, agenda, roster)
    port = _free_port()

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (attack.open_files, attack.open_files))

    server = subprocess.Popen(
        [sys.executable, "-m", "moderator", "serve", "--agenda", str(agenda_path), "--speakers",
         str(roster_path), "--db", str(database), "--port", str(port), "--no-qr",
         "--show-notes-links"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=limited)
    try:
        tokens = {}
        for line in server.stdout:
            if (found := LINK.match(line)) is not None:
                tokens[found.group(1)] = found.group(2)
            if line.startswith("Serving"):
                break
        if not {"podium", "speakers", "notes-1"} <= set(tokens):
            raise RuntimeError(f"serve printed no links: {server.stderr.read()[:2000]}")
        asyncio.run(_attack(figures, chair, port, tokens, server.pid))
    finally:
        server.terminate()
        try:
            _, errors = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            _, errors = server.communicate()
        chair.close()
    figures.log_lines = errors.splitlines()
    if any("Traceback" in line for line in figures.log_lines):
        figures.problems.append("a traceback on the server's terminal")
    if any(token in errors for token in tokens.values()):
        figures.problems.append("a token on the server's terminal")
    return figures


class Chair:
    """The chair's console in this process: a new podium message every CHANGE_SECONDS."""

    def __init__(self, database: Path, agenda, roster) -> None:
        self.opened = open_meeting(agenda, roster, database, role="moderator", create=True)
        self.meeting = self.opened.meeting
        self.record(lambda m: m.start_item())
        # The note the malformed moves aim at (a move to a target that is not an object).
        self.record(lambda m: m.add_note("A note the attack tries to move", note_id=NOTE))

    def record(self, command) -> None:
        """Decide on what this console has folded (read first) and record, as a console does."""
        self.opened.poll()
        self.opened.record(lambda: command(self.meeting))

    def close(self) -> None:
        self.opened.close(save_snapshot=False)


async def _attack(figures: NetworkFigures, chair: Chair, port: int, tokens: dict[str, str],
                  pid: int) -> None:
    """The attackers in a process of their own (so that they never slow the legitimate
    clients' side down); the chair, the connected podium and the new ones here."""
    attack = figures.attack
    origin = f"http://{HOST}:{port}"
    cookies = {name: await _cookie(origin, token, VIEWER_ADDRESS)
               for name, token in tokens.items() if name in ("speakers", "notes-1")}
    seen: dict[str, float] = {}
    viewer = asyncio.create_task(_watch(origin, tokens["podium"], seen))
    await _until(lambda: "ready" in seen, 10)
    context = multiprocessing.get_context("spawn")
    results, sent = context.Pipe(duplex=False)
    attackers = context.Process(target=attackers_process,
                                args=(sent, attack, port, cookies), daemon=True)
    attackers.start()
    stop = asyncio.Event()
    sampler = asyncio.create_task(_sample_files(figures, pid, stop))
    loop = asyncio.get_running_loop()
    if not await loop.run_in_executor(None, results.poll, 60):  # "started"
        attackers.kill()
        raise RuntimeError("the attackers' process did not start")
    results.recv()
    hostile = asyncio.create_task(malformed(figures.answers, attack, stop, port, tokens, cookies))
    cpu_before = _cpu_seconds(pid)
    started = time.monotonic()
    changes: list[tuple[str, float]] = []
    next_podium = attack.seconds / (attack.podiums + 1)
    podiums = []
    while (elapsed := time.monotonic() - started) < attack.seconds:
        text = f"check {len(changes)}"
        await loop.run_in_executor(None, chair.record,
                                   lambda m, text=text: m.send_podium_message(text))
        changes.append((text, time.monotonic()))
        if elapsed >= next_podium and len(podiums) < attack.podiums:
            next_podium += attack.seconds / (attack.podiums + 1)
            podiums.append(asyncio.create_task(_new_podium(origin, tokens["podium"])))
        await asyncio.sleep(CHANGE_SECONDS)
    figures.podium_seconds = list(await asyncio.gather(*podiums))
    await asyncio.sleep(WITHIN_SECONDS)  # the last change's time to arrive
    wall = time.monotonic() - started
    figures.cpu_share = (_cpu_seconds(pid) - cpu_before) / wall
    figures.rss_kib, figures.peak_kib = _memory(pid)
    stop.set()
    if await loop.run_in_executor(None, results.poll, 60):
        figures.tally = results.recv()
    else:
        figures.problems.append("the attackers never finished")
    attackers.join(10)
    if attackers.is_alive():
        attackers.kill()
    await asyncio.gather(sampler, hostile)
    viewer.cancel()
    await asyncio.gather(viewer, return_exceptions=True)
    figures.changes = len(changes)
    for number, (_, at) in enumerate(changes):
        # A change is shown when it, or a later one, has reached the viewer.
        arrived = [seen[t] for t, _ in changes[number:] if t in seen]
        figures.delays.append(min(arrived) - at if arrived else float("inf"))
    late = [d for d in figures.delays if d > WITHIN_SECONDS]
    if late:
        figures.problems.append(f"{len(late)} of {len(changes)} changes reached the podium "
                                f"after more than {WITHIN_SECONDS:g} s (worst {max(late):.2f} s)")
    slow = [s for s in figures.podium_seconds if s > PODIUM_SECONDS]
    if slow or len(figures.podium_seconds) < attack.podiums:
        figures.problems.append(f"a new podium did not connect within {PODIUM_SECONDS:g} s: "
                                f"{figures.podium_seconds}")
    failed = {status: n for status, n in figures.answers.items()
              if status >= 500 and status != 503}
    if failed:
        figures.problems.append(f"malformed requests answered {failed}")
    unanswered, sent = figures.answers[0], sum(figures.answers.values())
    if unanswered > sent // 10:
        figures.problems.append(f"{unanswered} of {sent} malformed requests got no answer")


async def _cookie(origin: str, token: str, address: str) -> str:
    """A link's cookie, as its page gets it (the token posted to /api/link)."""
    connector = aiohttp.TCPConnector(local_addr=(address, 0))
    async with aiohttp.ClientSession(connector=connector) as session:
        answer = await session.post(f"{origin}/api/link", json={"token": token},
                                    headers={"Origin": origin})
        if answer.status != 200:
            raise RuntimeError(f"the link exchange answered {answer.status}")
        return answer.headers["Set-Cookie"].split(";", 1)[0]


async def _watch(origin: str, token: str, seen: dict[str, float]) -> None:
    """The podium connected before the attack: when each message reached it."""
    cookie = await _cookie(origin, token, VIEWER_ADDRESS)
    connector = aiohttp.TCPConnector(local_addr=(VIEWER_ADDRESS, 0))
    async with aiohttp.ClientSession(connector=connector) as session:
        async with session.ws_connect(f"{origin}/ws?page=podium", max_msg_size=0,
                                      headers={"Origin": origin, "Cookie": cookie}) as socket_:
            async for message in socket_:
                seen.setdefault("ready", time.monotonic())
                text = (json.loads(message.data).get("message") or {}).get("text")
                if text is not None:
                    seen.setdefault(text, time.monotonic())


async def _new_podium(origin: str, token: str) -> float:
    """A podium's tablet arriving: its link exchanged, its page, its first document."""
    started = time.monotonic()
    try:
        connector = aiohttp.TCPConnector(local_addr=(PODIUM_ADDRESS, 0), force_close=True)
        async with aiohttp.ClientSession(connector=connector) as session:
            async with asyncio.timeout(PODIUM_SECONDS * 2):
                cookie = await _cookie(origin, token, PODIUM_ADDRESS)
                page = await session.get(f"{origin}/podium", headers={"Cookie": cookie})
                if page.status != 200:
                    return float("inf")
                async with session.ws_connect(f"{origin}/ws?page=podium",
                                              headers={"Origin": origin, "Cookie": cookie},
                                              max_msg_size=0) as socket_:
                    await socket_.receive_str()
    except (aiohttp.ClientError, TimeoutError, OSError):
        return float("inf")
    return time.monotonic() - started


async def _sample_files(figures: NetworkFigures, pid: int, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            figures.files = max(figures.files, len(os.listdir(f"/proc/{pid}/fd")))
        except OSError:
            return
        await _pause(stop, 0.05)


async def _pause(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), seconds)
    except TimeoutError:
        pass


async def _until(condition, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError("the podium never connected before the attack")
        await asyncio.sleep(0.01)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _memory(pid: int) -> tuple[int, int]:
    status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    peak = int(re.search(r"VmHWM:\s+(\d+)", status).group(1))
    return rss, peak


def describe(figures: NetworkFigures) -> list[str]:
    """The figures, as `make stress` prints them."""
    attack, tally = figures.attack, figures.tally
    answered = ", ".join(f"{status or 'closed'}: {n}" for status, n in sorted(figures.answers.items()))
    return [
        f"hostile network ({attack.seconds:g} s, server ulimit -n {attack.open_files}, "
        f"{attack.addresses} attacking addresses: {attack.idle} idle, {attack.slowloris} slow "
        f"headers, {attack.phone_sockets} phones' sockets, {attack.chunked} endless bodies)",
        f"  connections tried / open at once at most / refused or let go by the server:  "
        f"{tally.tried} / {tally.held} / {tally.refused}",
        f"  server's open files at most: {figures.files} of {attack.open_files}",
        f"  connected podium: {figures.changes} changes, worst delay "
        f"{figures.worst_delay * 1000:.0f} ms (limit {WITHIN_SECONDS * 1000:.0f} ms)",
        f"  new podium connected: {len(figures.podium_seconds)} times, worst "
        f"{max(figures.podium_seconds, default=float('inf')) * 1000:.0f} ms",
        f"  server: resident {figures.rss_kib / 1024:.0f} MB (peak {figures.peak_kib / 1024:.0f}"
        f" MB), CPU {figures.cpu_share:.0%} of one core",
        f"  malformed requests answered: {answered}",
        f"  server's terminal: {len(figures.log_lines)} lines, "
        f"{sum('Traceback' in line for line in figures.log_lines)} tracebacks",
    ]
