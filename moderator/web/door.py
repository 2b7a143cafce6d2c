"""The room server's door: every connection counted, none kept open for nothing.

- A connection that is not answering a request (reading one's headers, or idle between two) is
  closed after `idle_seconds`: slow headers (slowloris) and idle floods hold nothing for long.
- At most `per_address` connections from one address (this machine's loopback excepted: the
  chair's own browser, a reverse proxy in front of the server); beyond it, that address's oldest
  idle connection gives way, or the new one is refused.
- At most `limit` connections in all, kept below the open-files limit (`connection_limit`), so
  the server never runs out of descriptors through its connections: when full, the oldest idle
  connection gives way to the new one; with none idle, the new one is answered 503 and closed.
- A request the parser refuses (a malformed request line, too long a header) is answered in
  words with the security headers, and nothing of it is logged.
"""

from __future__ import annotations

import asyncio
import logging
import resource
import time
from collections import Counter, OrderedDict
from collections.abc import Callable
from typing import Any

from aiohttp import web

from moderator.web.answers import SECURITY_HEADERS, raw_busy

IDLE_SECONDS = 10.0  # for a request's headers to arrive, and between two requests
LINGER_SECONDS = 2.0  # to drain a body nobody reads before closing
SWEEP_SECONDS = 1.0
PER_ADDRESS = 32  # a browser opens about 6; a laptop with a few pages twice that
MAX_CONNECTIONS = 4096
RESERVED_FILES = 128  # for the database, the listening socket, the terminal...
WANTED_FILES = 65536
LOOPBACK = frozenset({"127.0.0.1", "::1"})

log = logging.getLogger(__name__)


def raise_open_files() -> int:
    """Raise this process's soft open-files limit towards its hard limit; the soft limit now."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = WANTED_FILES if hard == resource.RLIM_INFINITY else min(hard, WANTED_FILES)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError):  # not allowed here: the limit stays, the cap follows it
            pass
    return WANTED_FILES if soft == resource.RLIM_INFINITY else soft


def connection_limit(open_files: int) -> int:
    """How many connections the server holds at most with `open_files` descriptors."""
    return max(16, min(MAX_CONNECTIONS, open_files - RESERVED_FILES))


class Door:
    def __init__(self, *, limit: int, per_address: int = PER_ADDRESS,
                 idle_seconds: float = IDLE_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.per_address, self.idle_seconds = limit, per_address, idle_seconds
        self.clock = clock
        self.address: dict[Connection, str] = {}
        self.idle: OrderedDict[Connection, float] = OrderedDict()  # the longest idle first
        self.by_address: dict[str, dict[Connection, None]] = {}  # in their order of arrival
        self.counts: Counter[str] = Counter()  # tried, refused, evicted, timed out
        self._sweeper: asyncio.TimerHandle | None = None

    @property
    def held(self) -> int:
        """Connections open now."""
        return len(self.address)

    def enter(self, connection: Connection, address: str) -> bool:
        """Let `connection` in, making room if it must; False: refused."""
        self.counts["tried"] += 1
        mine = self.by_address.get(address, {})
        if (self.per_address and address not in LOOPBACK and len(mine) >= self.per_address
                and not self._evict(next((c for c in mine if c in self.idle), None))):
            return self._refuse("refused connections: too many from one address")
        if len(self.address) >= self.limit and not self._evict(next(iter(self.idle), None)):
            return self._refuse("refused connections: the server is full")
        self.address[connection] = address
        self.by_address.setdefault(address, {})[connection] = None
        self.idle[connection] = self.clock()
        return True

    def answering(self, connection: Connection) -> None:
        self.idle.pop(connection, None)

    def waiting(self, connection: Connection) -> None:
        if connection in self.address:
            self.idle[connection] = self.clock()
            self.idle.move_to_end(connection)

    def leave(self, connection: Connection) -> None:
        address = self.address.pop(connection, None)
        self.idle.pop(connection, None)
        if address is not None:
            mine = self.by_address.get(address)
            if mine is not None:
                mine.pop(connection, None)
                if not mine:
                    del self.by_address[address]

    def sweep(self) -> None:
        """Close every connection idle for longer than `idle_seconds`."""
        expired = self.clock() - self.idle_seconds
        while self.idle:
            connection, since = next(iter(self.idle.items()))
            if since > expired:
                break
            self.counts["timed out"] += 1
            self._close(connection)

    def start(self, loop: asyncio.AbstractEventLoop) -> None:
        def tick() -> None:
            self.sweep()
            self._sweeper = loop.call_later(SWEEP_SECONDS, tick)

        self._sweeper = loop.call_later(SWEEP_SECONDS, tick)

    def stop(self) -> None:
        if self._sweeper is not None:
            self._sweeper.cancel()
            self._sweeper = None

    def _evict(self, connection: Connection | None) -> bool:
        if connection is None:
            return False
        self.counts["evicted"] += 1
        self._close(connection)
        return True

    def _close(self, connection: Connection) -> None:
        self.leave(connection)
        connection.force_close()

    def _refuse(self, why: str) -> bool:
        self.counts["refused"] += 1
        log.warning(why)
        return False


class Connection(web.RequestHandler):
    """aiohttp's connection, let in by the door and told when it answers and when it waits."""

    def __init__(self, manager: web.Server, door: Door, **options: Any) -> None:
        super().__init__(manager, **options)
        self.door = door
        self.admitted = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        peer = transport.get_extra_info("peername")
        address = str(peer[0]) if isinstance(peer, tuple) and peer else ""
        if not self.door.enter(self, address):
            transport.write(raw_busy())  # type: ignore[attr-defined]
            transport.close()
            return
        self.admitted = True
        super().connection_made(transport)

    def connection_lost(self, exc: BaseException | None) -> None:
        if not self.admitted:
            return
        self.door.leave(self)
        super().connection_lost(exc)

    def answering(self) -> None:
        self.door.answering(self)

    def waiting(self) -> None:
        self.door.waiting(self)

    def handle_error(self, request: Any, status: int = 500, exc: BaseException | None = None,
                     message: str | None = None) -> web.StreamResponse:
        """The parser's refusals and whatever escapes the middleware: words and the security
        headers; neither the request nor a traceback is logged (the request line may hold a
        token)."""
        log.warning("refused malformed requests" if status < 500 else "failed requests")
        if request.writer.output_size > 0:  # part of an answer went out: nothing more can
            raise ConnectionError("the answer was already under way")
        text = ("The request is malformed.\n" if status < 500
                else "The server failed to answer; try again.\n")
        answer = web.Response(status=status, text=text, content_type="text/plain",
                              headers=SECURITY_HEADERS)
        answer.force_close()
        return answer


class Entrance(web.Server):
    """aiohttp's server, whose connections come in through `door`."""

    def __init__(self, handler: Any, *, door: Door, options: dict[str, Any],
                 loop: asyncio.AbstractEventLoop, **server: Any) -> None:
        super().__init__(handler, loop=loop, **server, **options)
        self.door, self.options, self.loop = door, options, loop

    def __call__(self) -> Connection:
        return Connection(self, self.door, loop=self.loop, **self.options)


class RoomRunner(web.AppRunner):
    """The application's runner with the door in front (`moderator serve`, the tests)."""

    def __init__(self, app: web.Application, door: Door, **runner: Any) -> None:
        super().__init__(app, handle_signals=False, **runner)
        self.door = door

    async def _make_server(self) -> web.Server:
        made = await super()._make_server()  # the application started, as aiohttp does it
        loop = asyncio.get_running_loop()
        self.door.start(loop)
        return Entrance(made.request_handler, door=self.door, loop=loop,
                        request_factory=made.request_factory,
                        handler_cancellation=made.handler_cancellation,
                        options={"keepalive_timeout": self.door.idle_seconds,
                                 "lingering_time": LINGER_SECONDS, "access_log": None})

    async def cleanup(self) -> None:
        self.door.stop()
        await super().cleanup()
