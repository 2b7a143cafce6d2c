"""The way in: aiohttp's server behind the door (`door.py`).

`RoomRunner` runs the application with `Entrance` as its server, whose connections
(`Connection`) come in through the door: let in or refused, told when they answer and when they
wait. `Listener` listens and accepts with its own loop, a few connections at a time and none
while the door has no room; should descriptors run out all the same, it waits a moment and says
so once. A request the parser refuses (a malformed request line, too long a header) is answered
in words with the security headers, and nothing of it is logged.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import socket
from typing import Any

from aiohttp import web

from moderator.web.answers import SECURITY_HEADERS, raw_busy
from moderator.web.door import Door

LINGER_SECONDS = 2.0  # to drain a body nobody reads before closing
ACCEPT_RETRY_SECONDS = 0.5
ACCEPTING = 16  # connections accepted at once, each a descriptor until the door has seen it
# Connections the kernel holds until they are accepted (no descriptor of ours); a longer queue
# only makes a new device wait longer behind a flood.
BACKLOG = 128

log = logging.getLogger(__name__)


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
        if status < 500:
            log.warning("refused malformed requests")
        elif not isinstance(exc, ConnectionError):  # a client gone is nobody's failure
            log.warning("failed requests (%s)", type(exc).__name__ if exc else status)
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


class Listener:
    """The server's listening sockets, each with an accept loop that takes a connection only
    when the door has room for it (aiohttp's sites accept up to a backlog at once)."""

    def __init__(self, runner: RoomRunner, host: str, port: int, *,
                 backlog: int = BACKLOG) -> None:
        self.runner, self.host, self.port, self.backlog = runner, host, port, backlog
        self.sockets: list[socket.socket] = []
        self._loops: list[asyncio.Task] = []
        # Connections accepted and not yet handed to aiohttp, at most: each holds a descriptor.
        self._accepting = asyncio.Semaphore(ACCEPTING)
        self._connecting: set[asyncio.Task] = set()

    async def start(self) -> None:
        """Listen (OSError when the address cannot be had) and accept from now on."""
        loop = asyncio.get_running_loop()
        found = await loop.getaddrinfo(self.host or None, self.port, type=socket.SOCK_STREAM,
                                       flags=socket.AI_PASSIVE)
        try:
            for family, _, _, _, address in dict.fromkeys(found):
                listening = socket.create_server(address[:2], family=family,
                                                 backlog=self.backlog)
                listening.setblocking(False)
                self.sockets.append(listening)
        except OSError:
            self.close()
            raise
        if self.sockets:
            self.port = self.sockets[0].getsockname()[1]
        self._loops = [loop.create_task(self._accept(listening)) for listening in self.sockets]
        self.runner.listeners.append(self)

    async def _accept(self, listening: socket.socket) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await self.runner.door.room()
            await self._accepting.acquire()
            try:
                accepted, _ = await loop.sock_accept(listening)
            except OSError as error:
                self._accepting.release()
                if error.errno in (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM):
                    log.warning("out of file descriptors: new connections wait")
                else:
                    log.warning("a connection could not be accepted")
                await asyncio.sleep(ACCEPT_RETRY_SECONDS)
                continue
            except BaseException:
                self._accepting.release()
                raise
            task = loop.create_task(self._connect(accepted))
            self._connecting.add(task)
            task.add_done_callback(self._connecting.discard)

    async def _connect(self, accepted: socket.socket) -> None:
        try:
            await self.runner.door.room()  # it filled meanwhile: this one waits its turn
            await asyncio.get_running_loop().connect_accepted_socket(self.runner.server,
                                                                     accepted)
        except OSError:
            accepted.close()
        except BaseException:
            accepted.close()
            raise
        finally:
            self._accepting.release()

    async def stop(self) -> None:
        tasks = [*self._loops, *self._connecting]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self.close()

    def close(self) -> None:
        for listening in self.sockets:
            listening.close()
        self.sockets.clear()


class RoomRunner(web.AppRunner):
    """The application's runner with the door in front (`moderator serve`, the tests)."""

    def __init__(self, app: web.Application, door: Door, **runner: Any) -> None:
        super().__init__(app, handle_signals=False, **runner)
        self.door = door
        self.listeners: list[Listener] = []

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
        for listener in self.listeners:
            await listener.stop()
        self.listeners.clear()
        self.door.stop()
        await super().cleanup()
