"""The room server on a real socket in a thread of its own, and the chair's side beside it.

The chair records floor events in the same database through its own store handle, as the
console in another process does; the server follows them from the disk.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from aiohttp import web

from moderator.core import FakeClock, Meeting
from moderator.store import MeetingStore
from moderator.web.app import make_app
from moderator.web.feed import MeetingFeed
from tests.helpers.ports import free_port
from tests.helpers.small_meeting import make_agenda, make_roster


class Chair:
    """The chair's console, without the screen: commands decided, made durable, folded."""

    def __init__(self, database: Path, clock: FakeClock) -> None:
        self.store = MeetingStore.open(database, clock)
        self.meeting = Meeting(make_agenda(), make_roster(), clock)
        self.meeting.apply_all(self.store.read_new())

    def do(self, command: str, *args: object, **options: object) -> list[dict]:
        events = getattr(self.meeting, command)(*args, **options)
        self.store.append(events)
        self.meeting.apply_all(events)
        return events

    def close(self) -> None:
        self.store.close()


def open_feed(database: Path, clock: FakeClock, **options: float) -> MeetingFeed:
    store = MeetingStore.open(database, clock)
    meeting = Meeting(make_agenda(), make_roster(), clock, role="rapporteur")
    return MeetingFeed(meeting, store, **options)


class RoomServer:
    """`moderator serve`'s application on 127.0.0.1, run by a loop in its own thread."""

    def __init__(self, database: Path, clock: FakeClock, port: int | None = None,
                 **options: float) -> None:
        # Started again on the same port after a stop: one outside the ephemeral range.
        self.port = free_port() if port is None else port
        self.database, self.clock, self.options = database, clock, options
        self.feed: MeetingFeed | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def link(self, page: str, role: str = "viewer") -> str:
        return f"{self.url}{page}?token={self.feed.links.tokens[role]}"

    def start(self) -> RoomServer:
        self.feed = open_feed(self.database, self.clock, **self.options)
        ready = threading.Event()
        self._loop = asyncio.new_event_loop()

        async def begin() -> None:
            self._runner = web.AppRunner(make_app(self.feed), access_log=None,
                                         handle_signals=False, shutdown_timeout=0.5)
            await self._runner.setup()
            site = web.TCPSite(self._runner, "127.0.0.1", self.port, reuse_address=True)
            await site.start()
            self.port = self._runner.addresses[0][1]

        failed: list[BaseException] = []

        def run() -> None:
            asyncio.set_event_loop(self._loop)
            try:
                self._loop.run_until_complete(begin())
            except BaseException as error:  # said in the test's thread, not lost in this one
                failed.append(error)
                ready.set()
                return
            ready.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, name="room-server", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("the room server did not start")
        if failed:
            raise RuntimeError(f"the room server did not start: {failed[0]}") from failed[0]
        return self

    def stop(self) -> None:
        if self._loop is None:
            return
        loop, runner = self._loop, self._runner

        async def end() -> None:
            await runner.cleanup()
            loop.stop()

        asyncio.run_coroutine_threadsafe(end(), loop)
        self._thread.join(10)
        loop.close()
        self.feed.store.close()
        self._loop = None
