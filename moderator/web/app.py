"""The room server's application: routes and middlewares declared in one place.

`make_app(feed)` is what `moderator serve` runs and what the tests drive. Pages are static files
of the package (HTML, CSS, scripts) in one shared frame (`pages.py`); the state reaches them as one JSON document, the same
for `/api/state` and the WebSocket.
"""

from __future__ import annotations

from aiohttp import web

from moderator.web import notes_api
from moderator.web.feed import MeetingFeed
from moderator.web.guard import Guard
from moderator.web.links import Links
from moderator.web.pages import NOTES, PODIUM, PROJECTOR, SPEAKERS, STATIC, Page
from moderator.web.viewers import Viewers

# The pages, by path; the notes page is the rapporteur's only (notes_api).
PAGES = {"/podium": PODIUM, "/projector": PROJECTOR, "/speakers": SPEAKERS}
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
    for path, page in PAGES.items():
        app.router.add_get(path, _page(page))
    app.router.add_get("/api/state", _state)
    app.router.add_get("/ws", viewers.handle)
    app.router.add_get("/favicon.ico", _favicon)
    notes_api.add_routes(app, feed, _page(NOTES))
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


async def _home(request: web.Request) -> web.StreamResponse:
    return web.Response(status=303, headers={"Location": "/projector"})


async def _state(request: web.Request) -> web.StreamResponse:
    return web.Response(text=request.app[FEED].document, content_type="application/json")


def _revoke(app: web.Application, links: Links) -> None:
    """New links: every open socket is closed; the pages reconnect and must show a valid one."""
    import asyncio

    asyncio.get_running_loop().create_task(app[VIEWERS].close_all())
