"""The WebSocket: each viewer gets every new state document, and a slow one holds nobody back.

A viewer has a queue of one: only the latest document matters, so a document that arrives
while the previous one is still being sent replaces it. A viewer whose socket stops taking
data (its buffer over `MAX_BUFFERED`, or a send taking longer than `SEND_SECONDS`) is dropped.

Each link has its own number of sockets (`socket_limits`): the phones' link, which every
delegate has, can never take the sockets the podium, the projector and the rapporteurs need;
nor can the delegations' links, a few sockets each and a number for all of them together. A
delegation's socket gets that delegation's own document (`MeetingFeed.document_for`). A link
revoked closes its own sockets and no other.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from collections.abc import Mapping

from aiohttp import WSMsgType, web

from moderator.web.answers import plain
from moderator.web.feed import MeetingFeed
from moderator.web.guard import LINK
from moderator.web.links import DELEGATION, NOTES, PODIUM, PROJECTOR, SPEAKERS, Link, Links

SEND_SECONDS = 5.0
MAX_BUFFERED = 256 * 1024
# What a viewer may send (it sends nothing but pings; a bigger message closes the socket).
MAX_MESSAGE = 4 * 1024
HEARTBEAT_SECONDS = 15.0
# Sockets per link, by kind: the fixed devices' and each rapporteur's are reserved to them; a
# delegation's phones have a few.
SOCKETS = {PODIUM: 16, PROJECTOR: 16, NOTES: 16, SPEAKERS: 500, DELEGATION: 4}
# The delegations' sockets together, at most (the key in `socket_limits`'s answer).
DELEGATIONS_IN_ALL = "delegations in all"
DELEGATION_SOCKETS = 400
# Connections kept for what is not a socket (pages loading, writes), and for rapporteurs' links
# added while the server runs.
SPARE = 64 + 4 * SOCKETS[NOTES]
SHARED = (SPEAKERS, DELEGATION, DELEGATIONS_IN_ALL)  # cut to what the door holds


def socket_limits(connections: int, overrides: Mapping[str, int] | None = None) -> dict[str, int]:
    """Sockets per link by kind, and for the delegations' links in all: the phones' and the
    delegations' cut so that all of them together stay within `connections` (the door's
    limit) with room to spare for the podium, the projector and the rapporteurs."""
    limits = {**SOCKETS, DELEGATIONS_IN_ALL: DELEGATION_SOCKETS, **(overrides or {})}
    reserved = sum(limit for kind, limit in limits.items() if kind not in SHARED)
    left = connections - reserved - SPARE
    limits[DELEGATIONS_IN_ALL] = min(limits[DELEGATIONS_IN_ALL], max(SOCKETS[PODIUM], left // 3))
    limits[SPEAKERS] = min(limits[SPEAKERS],
                           max(SOCKETS[PODIUM], left - limits[DELEGATIONS_IN_ALL]))
    return limits


class Viewer:
    def __init__(self, socket: web.WebSocketResponse, request: web.Request,
                 link: Link | None = None) -> None:
        self.socket, self.request, self.link = socket, request, link
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
    """Every open WebSocket, at most `limits[kind]` per link of that kind."""

    def __init__(self, feed: MeetingFeed, limits: Mapping[str, int]) -> None:
        self.feed, self.limits = feed, dict(limits)
        self.open: set[Viewer] = set()
        self.fixed: set[Viewer] = set()  # the podium's, the projector's, the rapporteurs'
        feed.subscribe(self._offer)
        self.per_link: Counter[str] = Counter()
        self.delegations = 0  # the delegations' sockets open
        self.dropped = 0  # viewers dropped for not reading, ever (for the benchmark)
        self.refused = 0  # sockets refused for their link's limit

    async def handle(self, request: web.Request) -> web.StreamResponse:
        link = request[LINK]
        delegation = link.kind == DELEGATION
        if self.per_link[link.id] >= self.limits.get(link.kind, 0) or (
                delegation and self.delegations >= self.limits.get(DELEGATIONS_IN_ALL, 0)):
            self.refused += 1
            return plain(503, "Too many devices are connected with this link.\n")
        socket = web.WebSocketResponse(max_msg_size=MAX_MESSAGE, heartbeat=HEARTBEAT_SECONDS)
        await socket.prepare(request)
        viewer = Viewer(socket, request, link)
        self.open.add(viewer)
        if link.kind not in (SPEAKERS, DELEGATION):
            self.fixed.add(viewer)
        self.per_link[link.id] += 1
        self.delegations += delegation
        viewer.offer(self.feed.document_for(link))
        sender = asyncio.create_task(viewer.send_all())
        try:
            async for message in socket:
                if message.type in (WSMsgType.ERROR, WSMsgType.CLOSE):
                    break
                # Viewers only listen; anything they send is ignored.
            viewer.drop()
        finally:
            self.open.discard(viewer)
            self.fixed.discard(viewer)
            self.per_link[link.id] -= 1
            self.delegations -= delegation
            if viewer.slow:
                self.dropped += 1
            await _finish(sender)
            await socket.close()
        return socket

    def _offer(self, document: str) -> None:
        """Every viewer gets `document`, the fixed devices first: under load, the podium's
        countdown is not queued behind a few hundred phones."""
        for viewer in list(self.fixed):
            viewer.offer(document)
        for viewer in list(self.open - self.fixed):
            viewer.offer(document if viewer.link is None or viewer.link.kind != DELEGATION
                         else self.feed.document_for(viewer.link))

    async def close_revoked(self, links: Links) -> None:
        """Close the sockets of links replaced or gone: those pages say their link no longer
        works; every other device stays connected."""
        await self._close([viewer for viewer in self.open
                           if viewer.link is None or links.get(viewer.link.id) != viewer.link])

    async def close_all(self) -> None:
        """Close every socket (the server stopping): pages reconnect by themselves."""
        await self._close(list(self.open))

    async def _close(self, viewers: list[Viewer]) -> None:
        for viewer in viewers:
            viewer.drop()
            await viewer.socket.close()


async def _finish(task: asyncio.Task) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await task
