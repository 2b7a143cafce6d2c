"""The room server's application: routes and middlewares declared in one place.

`make_app(feed)` is what `moderator serve` runs and what the tests drive, behind the door of
`door.py` (`RoomRunner`). Pages are static files of the package (HTML, CSS, scripts) in one
shared frame (`pages.py`); the state reaches them as one JSON document, the same for
`/api/state` and the WebSocket.
"""

from __future__ import annotations

from collections.abc import Mapping

from aiohttp import web

from moderator.web import notes_api, requests_api
from moderator.web.door import MAX_CONNECTIONS
from moderator.web.feed import MeetingFeed
from moderator.web.guard import BODY_SECONDS, LINK, REQUESTS_PER_LINK, Guard
from moderator.web.links import Links
from moderator.web.pages import (
    NOTES,
    PODIUM,
    PROJECTOR,
    REQUEST,
    SPEAKERS,
    STATIC,
    Page,
    landing_script,
)
from moderator.web.rapporteur import MAX_NOTE
from moderator.web.viewers import Viewers, socket_limits

# The pages, by path; the notes page is the rapporteur's only (notes_api).
PAGES = {"/podium": PODIUM, "/projector": PROJECTOR, "/speakers": SPEAKERS}
# Bodies of requests: a note is the largest thing anyone sends. A character is at most 12 bytes
# of JSON (a character beyond the BMP escaped as two \uXXXX), plus the note's id, target and
# console.
JSON_BYTES_PER_CHARACTER = 12
MAX_REQUEST_BYTES = MAX_NOTE * JSON_BYTES_PER_CHARACTER + 4096

FEED = web.AppKey("feed", MeetingFeed)
VIEWERS = web.AppKey("viewers", Viewers)
GUARD = web.AppKey("guard", Guard)


def make_app(feed: MeetingFeed, *, public_url: str | None = None,
             sockets: Mapping[str, int] | None = None, connections: int = MAX_CONNECTIONS,
             requests_per_link: int = REQUESTS_PER_LINK, body_seconds: float = BODY_SECONDS,
             follow: bool = True) -> web.Application:
    """The application over `feed`; with `follow`, the feed's thread runs while it does.

    `sockets`: WebSockets per link by kind, over viewers.SOCKETS; `connections`: the door's
    limit, which the phones' sockets stay within.
    """
    guard = Guard(lambda: feed.links, public_url=public_url, requests_per_link=requests_per_link,
                  body_seconds=body_seconds)
    app = web.Application(middlewares=[guard.middleware], client_max_size=MAX_REQUEST_BYTES)
    viewers = Viewers(feed, socket_limits(connections, sockets))
    app[FEED], app[VIEWERS], app[GUARD] = feed, viewers, guard

    app.router.add_get("/", _home)
    app.router.add_get("/landing.js", _landing_script)
    app.router.add_post("/api/link", guard.land)
    for path, page in PAGES.items():
        app.router.add_get(path, _page(page))
    app.router.add_get("/api/state", _state)
    app.router.add_get("/ws", viewers.handle)
    app.router.add_get("/favicon.ico", _favicon)
    notes_api.add_routes(app, feed, _page(NOTES))
    requests_api.add_routes(app, feed, _page(REQUEST))
    app.router.add_static("/static/", STATIC, follow_symlinks=False, show_index=False)

    async def on_startup(app: web.Application) -> None:
        feed.on_links_changed(lambda links: _revoke(app, links))
        if follow:
            import asyncio

            feed.start(asyncio.get_running_loop())

    async def on_shutdown(app: web.Application) -> None:
        await viewers.close_all()

    async def on_cleanup(app: web.Application) -> None:
        feed.stop()

    app.on_startup.append(on_startup)
    app.on_shutdown.append(on_shutdown)
    app.on_cleanup.append(on_cleanup)
    return app


def _page(page: Page) -> web.Handler:
    html = page.html()  # read once, when the server starts

    async def handler(request: web.Request) -> web.StreamResponse:
        return web.Response(body=html, content_type="text/html", charset="utf-8")

    return handler


async def _favicon(request: web.Request) -> web.StreamResponse:
    return web.FileResponse(STATIC / "favicon.svg",
                            headers={"Content-Type": "image/svg+xml; charset=utf-8"})


async def _landing_script(request: web.Request) -> web.StreamResponse:
    return web.Response(body=landing_script(), content_type="text/javascript", charset="utf-8")


async def _home(request: web.Request) -> web.StreamResponse:
    return web.Response(status=303, headers={"Location": request[LINK].page})


async def _state(request: web.Request) -> web.StreamResponse:
    """The room's document; a delegation's link gets its own."""
    document = request.app[FEED].document_for(request[LINK])
    return web.Response(text=document, content_type="application/json")


def _revoke(app: web.Application, links: Links) -> None:
    """Links replaced: their sockets are closed (their pages say so), no other."""
    import asyncio

    asyncio.get_running_loop().create_task(app[VIEWERS].close_revoked(links))
