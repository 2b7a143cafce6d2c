"""The room server on a real socket in a thread of its own, and the chair's side beside it.

The chair records floor events in the same database through its own open meeting, as the
console in another process does; the server follows them from the disk.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from aiohttp import web

from moderator.core import FakeClock
from moderator.core.model import Agenda, Roster
from moderator.session import open_meeting
from moderator.web.app import make_app
from moderator.web.door import Door
from moderator.web.entrance import Listener, RoomRunner
from moderator.web.feed import MeetingFeed
from moderator.web.links import Link
from moderator.web.serve import open_feed as open_served
from tests.helpers.small_meeting import small_agenda, small_roster


class Chair:
    """The chair's console, without the screen: commands decided, made durable, folded."""

    def __init__(self, database: Path, clock: FakeClock) -> None:
        self.opened = open_meeting(small_agenda(), small_roster(), database, role="moderator",
                                   clock=clock, create=True)
        self.meeting = self.opened.meeting

    def do(self, command: str, *args: object, **options: object) -> list[dict]:
        return self.opened.record(lambda: getattr(self.meeting, command)(*args, **options))

    def close(self) -> None:
        self.opened.close(save_snapshot=False)


def open_feed(database: Path, clock: FakeClock, agenda: Agenda | None = None,
              roster: Roster | None = None, **options: float) -> MeetingFeed:
    """`moderator serve`'s feed on the database the chair made, on the small meeting unless
    another agenda and roster are given."""
    return open_served(agenda or small_agenda(), roster or small_roster(), database, clock=clock,
                       **options)[0]


class RoomServer:
    """`moderator serve`'s application on 127.0.0.1, run by a loop in its own thread."""

    def __init__(self, database: Path, clock: FakeClock, port: int = 0, *,
                 door: Door | None = None, app_options: dict | None = None,
                 agenda: Agenda | None = None, roster: Roster | None = None,
                 **options: float) -> None:
        self.database, self.clock, self.port, self.options = database, clock, port, options
        self.door = door if door is not None else Door(limit=1000)
        self.app_options = app_options or {}
        self.app: web.Application | None = None
        self.agenda, self.roster = agenda, roster
        self.feed: MeetingFeed | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def the_link(self, link: str) -> Link:
        """The link with this id, or the first of this kind ("notes": the first rapporteur's)."""
        return self.feed.links.get(link) or self.feed.links.of_kind(link)[0]

    def link(self, page: str, link: str | None = None) -> str:
        """The page with `?token=` (the printed form of the first release, still honoured):
        the server answers with the cookie at once."""
        return f"{self.url}{page}?token={self.the_link(link or page.strip('/')).token}"

    def printed_link(self, link: str) -> str:
        """The link as `serve` prints it: the token after `#t=`."""
        return self.the_link(link).url(self.url)

    def start(self) -> RoomServer:
        self.feed = open_feed(self.database, self.clock, self.agenda, self.roster, **self.options)
        ready = threading.Event()
        self._loop = asyncio.new_event_loop()

        async def begin() -> None:
            self.app = make_app(self.feed, **self.app_options)
            self._runner = RoomRunner(self.app, self.door, shutdown_timeout=0.5)
            await self._runner.setup()
            listener = Listener(self._runner, "127.0.0.1", self.port)
            await listener.start()
            self.port = listener.port

        def run() -> None:
            asyncio.set_event_loop(self._loop)
            self._loop.run_until_complete(begin())
            ready.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, name="room-server", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("the room server did not start")
        return self

    def on_loop(self, call):
        """`call()` on the server's loop (its state is the loop's alone); its result."""
        async def run():
            return call()

        return asyncio.run_coroutine_threadsafe(run(), self._loop).result(10)

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
        self.feed.close()
        self._loop = None
