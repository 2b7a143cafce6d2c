"""57 delegations ask for the floor from their phones at once while 200 viewers watch.

`moderator serve` runs as a process on a copy of the large meeting. 200 WebSocket viewers hold
the phones' link; one more reads each document and notes when each delegation first appears
on the list. The 57 delegations post their requests together (their own links, as their pages
do). Measured: from a phone's request to the list every viewer gets (median and p99), and the
phone's answer ("received", once on disk). The reference, in the same run: the chair's own
requests, one at a time from the console's process, to the same list.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
from generate import LargeMeeting
from lines import Line, ms, percentile
from room_bench import LINK, VIEWERS, connect_all, free_port, sign_in

from moderator.core import Meeting, SystemClock, load_meeting
from moderator.core.speaker_names import journal_name
from moderator.store import MeetingStore
from moderator.web.links import DELEGATION, load_links

DELEGATIONS = 57
CHAIR_REQUESTS = 20


class Watcher:
    """A viewer that reads every document: when each name first shows on the list."""

    def __init__(self) -> None:
        self.seen: dict[str, float] = {}
        self.arrived = asyncio.Event()

    async def follow(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        async for message in socket:
            now = time.perf_counter()
            for entry in json.loads(message.data)["speakers"]:
                self.seen.setdefault(entry["name"], now)
            self.arrived.set()

    async def until(self, name: str) -> float:
        while name not in self.seen:
            self.arrived.clear()
            await asyncio.wait_for(self.arrived.wait(), 30)
        return self.seen[name]


async def measure(large: LargeMeeting, database: Path) -> dict:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moderator", "serve", "--agenda", str(large.agenda),
         "--speakers", str(large.roster), "--db", str(database), "--port", str(port),
         "--no-qr"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        tokens = {}
        for line in server.stdout:
            if (found := LINK.match(line.strip())) is not None:
                tokens[found.group(1)] = found.group(3)
            if line.startswith("Serving"):
                break
        origin = f"http://127.0.0.1:{port}"
        agenda, roster = load_meeting(large.agenda, large.roster)
        store = MeetingStore.open(database)
        chair = Meeting(agenda, roster, SystemClock())
        chair.apply_all(store.read_new())
        if chair.list_closed():
            events = chair.reopen_list()
            store.append(events)
            chair.apply_all(events)
        waiting = {r.who for r in chair.queue()}
        free = [ref for ref in roster.delegations if ref not in waiting]
        phones, others = free[:DELEGATIONS], free[DELEGATIONS:DELEGATIONS + CHAIR_REQUESTS]
        links = {link.delegation: link for link in load_links(store).of_kind(DELEGATION)}
        async with aiohttp.ClientSession() as session:
            cookie = await sign_in(session, origin, tokens["speakers"])
        viewers, tasks, closing = await connect_all(f"ws://127.0.0.1:{port}/ws", cookie, origin)
        watcher = Watcher()
        watching = aiohttp.ClientSession()
        socket = await watching.ws_connect(f"ws://127.0.0.1:{port}/ws", max_msg_size=0,
                                           headers={"Origin": origin, "Cookie": cookie})
        tasks.append(asyncio.create_task(watcher.follow(socket)))
        closing += [watching, socket]
        await asyncio.sleep(0.5)
        asking = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))
        closing.append(asking)

        async def ask(ref: str) -> tuple[float, float]:
            link = links[ref]
            started = time.perf_counter()
            answer = await asking.post(
                f"{origin}/api/request", json={"id": f"bench-{ref}", "kind": "statement"},
                headers={"Origin": origin, "Cookie": f"{link.cookie_name}={link.cookie_value}"})
            if answer.status != 200:
                raise RuntimeError(f"a request answered {answer.status}: {await answer.text()}")
            answered = time.perf_counter() - started
            listed = await watcher.until(journal_name(roster, ref)) - started
            return answered, listed

        found = await asyncio.gather(*(ask(ref) for ref in phones))
        loop = asyncio.get_running_loop()
        chairs = []
        for ref in others:
            def record(ref: str = ref) -> None:
                chair.apply_all(store.read_new())
                events = chair.request_floor(ref)
                store.append(events)
                chair.apply_all(events)

            started = time.perf_counter()
            await loop.run_in_executor(None, record)
            chairs.append(await watcher.until(journal_name(roster, ref)) - started)
        for task in tasks:
            task.cancel()
        for item in reversed(closing):
            await item.close()
        asked = [e for e in store.events() if e["type"] == "request.asked"
                 and e["request"].startswith("bench-")]
        store.close()
        return {"answered": [a for a, _ in found], "listed": [b for _, b in found],
                "chair": chairs, "recorded": len(asked), "viewers": len(viewers)}
    finally:
        server.terminate()
        server.wait(timeout=15)
        server.stdout.close()
        server.stderr.close()


def run(workdir: str, large: LargeMeeting) -> list[Line]:
    with tempfile.TemporaryDirectory(dir=workdir) as directory:
        database = Path(directory) / "requests.db.json"
        shutil.copyfile(large.database, database)
        print(f"  requests: {DELEGATIONS} phones asking while {VIEWERS} viewers watch", flush=True)
        found = asyncio.run(measure(large, database))
    listed, chair = found["listed"], found["chair"]
    median, p99 = statistics.median(listed), percentile(listed, 0.99)
    reference = statistics.median(chair)
    answered = found["answered"]
    return [
        Line(f"Room: {DELEGATIONS} delegations ask for the floor from their phones at once while "
             f"{VIEWERS} viewers watch: request to the list on the viewers, median "
             f"({found['recorded']} recorded, of {DELEGATIONS})", ms(median),
             f"{ms(reference)} (the chair's request, one at a time)",
             f"{median / reference:.1f}x", "-", found["recorded"] == DELEGATIONS),
        Line("Room: the same, p99 (the last of the 57: they are recorded one after another)",
             ms(p99), f"{ms(percentile(chair, 0.99))} (the chair's, p99)",
             f"{p99 / reference:.1f}x", "p99 < 2 s", p99 < 2.0),
        Line("Room: a phone's request answered \"received\" (on disk), median / p99",
             f"{ms(statistics.median(answered))} / {ms(percentile(answered, 0.99))}", "-", "-",
             "-", True),
    ]


if __name__ == "__main__":
    from generate import generate

    with tempfile.TemporaryDirectory() as scratch:
        meeting = generate(Path(scratch) / "large")
        for line in run(scratch, meeting):
            print(line.row())
