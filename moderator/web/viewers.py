"""The WebSocket: each viewer gets every new state document, and a slow one holds nobody back.

A viewer has a queue of one: only the latest document matters, so a document that arrives
while the previous one is still being sent replaces it. A viewer whose socket stops taking
data (its buffer over `MAX_BUFFERED`, or a send taking longer than `SEND_SECONDS`) is dropped.
"""

from __future__ import annotations

import asyncio
import contextlib

from aiohttp import WSMsgType, web

from moderator.web.feed import MeetingFeed

SEND_SECONDS = 5.0
MAX_BUFFERED = 256 * 1024
# What a viewer may send (it sends nothing but pings; a bigger message closes the socket).
MAX_MESSAGE = 4 * 1024
HEARTBEAT_SECONDS = 15.0


class Viewer:
    def __init__(self, socket: web.WebSocketResponse, request: web.Request) -> None:
        self.socket, self.request = socket, request
        self.pending: str | None = None
        self.ready = asyncio.Event()
        self.dropped = False
        self.slow = False  # dropped for not taking what was sent

    def offer(self, document: str) -> None:
        """On the loop, never waits: the document replaces any not yet sent."""
        transport = self.request.transport
        if transport is not None and transport.get_write_buffer_size() > MAX_BUFFERED:
            self.drop_slow()
            return
        self.pending = document
        self.ready.set()

    def drop(self) -> None:
        self.dropped = True
        self.ready.set()

    def drop_slow(self) -> None:
        """Cut the connection at once: a close handshake would wait on the same full buffer."""
        self.slow = True
        self.drop()
        transport = self.request.transport
        if transport is not None:
            transport.abort()

    async def send_all(self) -> None:
        while True:
            await self.ready.wait()
            self.ready.clear()
            if self.dropped or self.socket.closed:
                return
            document, self.pending = self.pending, None
            if document is None:
                continue
            try:
                await asyncio.wait_for(self.socket.send_str(document), SEND_SECONDS)
            except TimeoutError:
                self.drop_slow()
                return
            except (ConnectionError, RuntimeError):
                self.drop()
                return


class Viewers:
    """Every open WebSocket, at most `limit` at once."""

    def __init__(self, feed: MeetingFeed, limit: int) -> None:
        self.feed, self.limit = feed, limit
        self.open: set[Viewer] = set()
        self.dropped = 0  # viewers dropped for not reading, ever (for the benchmark)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        if len(self.open) >= self.limit:
            return web.Response(status=503, text="Too many viewers are connected.\n")
        socket = web.WebSocketResponse(max_msg_size=MAX_MESSAGE, heartbeat=HEARTBEAT_SECONDS)
        await socket.prepare(request)
        viewer = Viewer(socket, request)
        self.open.add(viewer)
        self.feed.subscribe(viewer.offer)
        viewer.offer(self.feed.document)
        sender = asyncio.create_task(viewer.send_all())
        try:
            async for message in socket:
                if message.type in (WSMsgType.ERROR, WSMsgType.CLOSE):
                    break
                # Viewers only listen; anything they send is ignored.
            viewer.drop()
        finally:
            self.feed.unsubscribe(viewer.offer)
            self.open.discard(viewer)
            if viewer.slow:
                self.dropped += 1
            await _finish(sender)
            await socket.close()
        return socket

    async def close_all(self) -> None:
        """Close every socket (new links, or the server stopping): pages reconnect and are
        asked for their link again."""
        for viewer in list(self.open):
            viewer.drop()
            await viewer.socket.close()


async def _finish(task: asyncio.Task) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await task
