"""A delegation's link: `/request`, and the writes behind it, each for that delegation alone.

Every write goes through the core's request desk, decided on the server's open meeting and
recorded through its one loop (`MeetingFeed.record`): the page is told "received" only once the
request is on disk, stamped, once, with the link it came from (`link:<link id>`), which is also
the request's `source` in the record. A request's id is made by the page, so a request sent
again (a retry over a poor network) is recorded once. A refused request answers 409 with the
reason, in words for the phone.

Bounded: a link's writes are rate-limited (a burst, then one a second), its bodies are as small
as the notes API's (the application's limit), and the core holds a delegation to a few open
requests. A delegation's link reads its own document only (the room's, with its own requests):
never the notes, never another delegation's.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

from moderator.core import Meeting, Refused
from moderator.web.feed import MeetingFeed
from moderator.web.guard import LINK, REQUEST_API
from moderator.web.links import Link

MAX_TEXT = 128  # an id, a kind, a roster id: never longer
MAX_LIST = 60
BURST = 8  # writes a link may make at once
PER_SECOND = 1.0  # and then, on average
RATE_LIMITED = "Too many requests from this phone: wait a moment and try again"
NOT_A_DELEGATION = "This link is not a delegation's"


def add_routes(app: web.Application, feed: MeetingFeed, page: web.Handler,
               clock: Callable[[], float] = time.monotonic) -> None:
    api = RequestsApi(feed, RateLimit(clock=clock))
    app.router.add_get("/request", page)
    app.router.add_get(REQUEST_API, api.document)
    app.router.add_post(REQUEST_API, api.ask)
    app.router.add_post(f"{REQUEST_API}/remote", api.remote)
    app.router.add_post(f"{REQUEST_API}/{{request}}/withdraw", api.withdraw)


class RateLimit:
    """A bucket of `burst` writes per link, refilled at `per_second`."""

    def __init__(self, burst: int = BURST, per_second: float = PER_SECOND,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.burst, self.per_second, self.clock = burst, per_second, clock
        self._buckets: dict[str, tuple[float, float]] = {}

    def allow(self, key: str) -> bool:
        now = self.clock()
        tokens, since = self._buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - since) * self.per_second)
        if tokens < 1:
            self._buckets[key] = (tokens, now)
            return False
        self._buckets[key] = (tokens - 1, now)
        return True


class RequestsApi:
    def __init__(self, feed: MeetingFeed, rate: RateLimit) -> None:
        self.feed, self.rate = feed, rate

    async def document(self, request: web.Request) -> web.Response:
        """The delegation's own document (what its WebSocket sends)."""
        link = _delegation_link(request)
        return web.Response(text=self.feed.document_for(link), content_type="application/json")

    async def ask(self, request: web.Request) -> web.Response:
        link = _delegation_link(request)
        body = await _json(request)
        if not self.rate.allow(link.id):
            return web.json_response({"error": RATE_LIMITED}, status=429)
        request_id = body.get("id")
        delegation = link.delegation
        try:
            await self._record(link, lambda m: m.ask_floor(
                delegation, request_id, _text(body, "kind") or "",
                source=f"link:{link.id}", who=_text(body, "who"),
                on_behalf=_text(body, "on_behalf"), alignment=_texts(body, "alignment"),
                item_id=_text(body, "item_id")))
        except Refused as refused:
            return _refused(refused)
        words = self.feed.look(lambda m: _words(m, delegation, request_id))  # no read
        return web.json_response({"id": request_id, "received": True, "words": words})

    async def withdraw(self, request: web.Request) -> web.Response:
        link = _delegation_link(request)
        await _json(request)
        if not self.rate.allow(link.id):
            return web.json_response({"error": RATE_LIMITED}, status=429)
        request_id = request.match_info["request"]
        try:
            await self._record(link, lambda m: m.withdraw_own(link.delegation, request_id))
        except Refused as refused:
            return _refused(refused)
        return web.json_response({"id": request_id, "withdrawn": True})

    async def remote(self, request: web.Request) -> web.Response:
        link = _delegation_link(request)
        body = await _json(request)
        remote = body.get("remote")
        if not isinstance(remote, bool):
            raise web.HTTPBadRequest(text="say whether the delegation follows remotely\n")
        if not self.rate.allow(link.id):
            return web.json_response({"error": RATE_LIMITED}, status=429)
        try:
            await self._record(link, lambda m: m.mark_remote(link.delegation, remote,
                                                             source=f"link:{link.id}"))
        except Refused as refused:
            return _refused(refused)
        return web.json_response({"remote": remote})

    async def _record(self, link: Link, command: Callable[[Meeting], list[dict]]) -> list[dict]:
        identity = self.feed.opened.identity.on_behalf(f"link:{link.id}")
        # A chair's decision recorded first cannot change a request: it is decided again.
        return await self.feed.record(command, identity, retry=3)


def _delegation_link(request: web.Request) -> Link:
    link = request[LINK]
    if link.delegation is None:  # the guard lets only a delegation's link open these paths
        raise web.HTTPForbidden(text=f"{NOT_A_DELEGATION}\n")
    return link


def _words(meeting: Meeting, delegation: str, request_id: object) -> str:
    view = meeting.delegation_view(delegation)
    found = next((r for r in view.requests if r.id == request_id), None)
    return found.words if found is not None else "Received"


async def _json(request: web.Request) -> dict:
    try:
        body = await request.json() if request.body_exists else {}
    except (ValueError, UnicodeDecodeError) as error:
        raise web.HTTPBadRequest(text="the request is not JSON\n") from error
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text="the request is a JSON object\n")
    return body


def _text(body: dict, key: str) -> str | None:
    value: Any = body.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise web.HTTPBadRequest(text=f"{key} is a text of at most {MAX_TEXT} characters\n")
    return value


def _texts(body: dict, key: str) -> tuple[str, ...]:
    value: Any = body.get(key) or []
    if not isinstance(value, list) or len(value) > MAX_LIST or not all(
            isinstance(v, str) and len(v) <= MAX_TEXT for v in value):
        raise web.HTTPBadRequest(text=f"{key} is a list of at most {MAX_LIST} ids\n")
    return tuple(value)


def _refused(refused: Refused) -> web.Response:
    return web.json_response({"error": str(refused)}, status=409)
