"""The room server's door: every connection counted, none kept open for nothing.

- A connection that is not answering a request (reading one's headers, or idle between two) is
  closed after `idle_seconds`: slow headers (slowloris) and idle floods hold nothing for long.
- At most `per_address` connections from one address (this machine's loopback excepted: the
  chair's own browser, a reverse proxy in front of the server); beyond it, that address's oldest
  idle connection gives way, or the new one is refused.
- At most `limit` connections in all, kept below the open-files limit (`connection_limit`), so
  the server never runs out of descriptors through its connections: when full, the oldest idle
  connection gives way to the new one; while every connection is busy, the accept loop
  (`entrance.Listener`) waits for `room()`, and new connections wait in the kernel's queue,
  holding no descriptor of ours.

`entrance.py` puts aiohttp's server behind the door.
"""

from __future__ import annotations

import asyncio
import logging
import resource
import time
from collections import Counter, OrderedDict
from collections.abc import Callable
from typing import Protocol


class Admitted(Protocol):
    """A connection the door let in (`entrance.Connection`): the door can close it."""

    def force_close(self) -> None: ...


IDLE_SECONDS = 10.0  # for a request's headers to arrive, and between two requests
LINGER_SECONDS = 2.0  # to drain a body nobody reads before closing
SWEEP_SECONDS = 1.0
PER_ADDRESS = 32  # a browser opens about 6; a laptop with a few pages twice that
MAX_CONNECTIONS = 4096
# For the database, the listening sockets, the terminal, connections being accepted or closed.
RESERVED_FILES = 96
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
        self.address: dict[Admitted, str] = {}
        self.idle: OrderedDict[Admitted, float] = OrderedDict()  # the longest idle first
        self.by_address: dict[str, dict[Admitted, None]] = {}  # in their order of arrival
        self.counts: Counter[str] = Counter()  # tried, refused, evicted, timed out
        self._sweeper: asyncio.TimerHandle | None = None
        self._room: asyncio.Event | None = None  # set when a connection leaves or waits

    @property
    def full(self) -> bool:
        """Every connection there is, busy: a new one would find nobody to give way."""
        return len(self.address) >= self.limit and not self.idle

    async def room(self) -> None:
        """Until a new connection can come in."""
        while self.full:
            if self._room is None:
                self._room = asyncio.Event()
            self._room.clear()
            await self._room.wait()

    def _has_room(self) -> None:
        if self._room is not None:
            self._room.set()

    @property
    def held(self) -> int:
        """Connections open now."""
        return len(self.address)

    def enter(self, connection: Admitted, address: str) -> bool:
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

    def answering(self, connection: Admitted) -> None:
        self.idle.pop(connection, None)

    def waiting(self, connection: Admitted) -> None:
        if connection in self.address:
            self.idle[connection] = self.clock()
            self.idle.move_to_end(connection)
            self._has_room()

    def leave(self, connection: Admitted) -> None:
        address = self.address.pop(connection, None)
        self.idle.pop(connection, None)
        if address is not None:
            mine = self.by_address.get(address)
            if mine is not None:
                mine.pop(connection, None)
                if not mine:
                    del self.by_address[address]
            self._has_room()

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

    def _evict(self, connection: Admitted | None) -> bool:
        if connection is None:
            return False
        self.counts["evicted"] += 1
        self._close(connection)
        return True

    def _close(self, connection: Admitted) -> None:
        self.leave(connection)
        connection.force_close()

    def _refuse(self, why: str) -> bool:
        self.counts["refused"] += 1
        log.warning(why)
        return False
