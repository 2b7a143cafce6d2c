"""The room server's application: routes and middlewares declared in one place.

`make_app(feed)` is what `moderator serve` runs and what the tests drive. Pages are static files
of the package (HTML, CSS, one script); the state reaches them as one JSON document, the same
for `/api/state` and the WebSocket.
"""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from moderator.web import notes_api
from moderator.web.feed import MeetingFeed
from moderator.web.guard import Guard
from moderator.web.links import Links
from moderator.web.viewers import Viewers

STATIC = Path(__file__).with_name("static")
# The pages, by path, each a file in STATIC; the notes page is the rapporteur's only.
PAGES = {"/podium": "podium.html", "/projector": "projector.html", "/speakers": "speakers.html"}
# Bodies of requests (a note is the largest thing anyone sends).
MAX_REQUEST_BYTES = 64 * 1024
MAX_VIEWERS = 500

FEED = web.AppKey("feed", MeetingFeed)
VIEWERS = web.AppKey("viewers", Viewers)
GUARD = web.AppKey("guard", Guard)


def make_app(feed: MeetingFeed, *, public_url: str | None = None,
             max_viewers: int = MAX_VIEWERS, max_requests: int = 256,
             follow: bool = True) -> web.Application:
    """The application over `feed`; with `follow`, the feed's thread runs while it does."""
    guard = Guard(lambda: feed.links, public_url=public_url, max_requests=max_requests)
    app = web.Application(middlewares=[guard.middleware], client_max_size=MAX_REQUEST_BYTES)
    viewers = Viewers(feed, max_viewers)
    app[FEED], app[VIEWERS], app[GUARD] = feed, viewers, guard

    app.router.add_get("/", _home)
    for path, name in PAGES.items():
        app.router.add_get(path, _page(name))
    app.router.add_get("/api/state", _state)
    app.router.add_get("/ws", viewers.handle)
    app.router.add_get("/favicon.ico", _page("favicon.svg", "image/svg+xml"))
    notes_api.add_routes(app, feed, _page("notes.html"))
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


def _page(name: str, content_type: str = "text/html") -> web.Handler:
    path = STATIC / name

    async def page(request: web.Request) -> web.StreamResponse:
        return web.FileResponse(path, headers={"Content-Type": f"{content_type}; charset=utf-8"})

    return page


async def _home(request: web.Request) -> web.StreamResponse:
    return web.Response(status=303, headers={"Location": "/projector"})


async def _state(request: web.Request) -> web.StreamResponse:
    return web.Response(text=request.app[FEED].document, content_type="application/json")


def _revoke(app: web.Application, links: Links) -> None:
    """New links: every open socket is closed; the pages reconnect and must show a valid one."""
    import asyncio

    asyncio.get_running_loop().create_task(app[VIEWERS].close_all())
