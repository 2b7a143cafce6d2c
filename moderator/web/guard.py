"""Nobody in without the link they were given: tokens, session cookies, Origin and limits.

Every request passes here first (one middleware, so no route can forget it):
- `?token=` on a page is exchanged for an HttpOnly, SameSite=Strict cookie and a redirect to
  the same address without the token (it must not stay in the history or a projected address
  bar); `/api/state` and `/ws` also take the token directly, for other programs;
- without a valid token or cookie: 401 and no meeting data, on every path;
- a write needs the rapporteur's link and the server's own Origin: 403 otherwise; a WebSocket
  from a foreign Origin is refused (403);
- at most `max_requests` requests in progress at once (503 beyond).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from aiohttp import web

from moderator.web.links import NOTES, VIEWER, Links

ROLE = web.RequestKey("role", str)
READS = frozenset({"GET", "HEAD", "OPTIONS"})
# Programs (broadcast graphics, interpretation booths) read these with the token itself.
DIRECT = frozenset({"/api/state", "/ws"})
# Pages only the rapporteur's link opens.
NOTES_ONLY = ("/notes", "/api/notes", "/api/drafts")
SECURITY_HEADERS = {
    # Every asset is the program's own: the page may load nothing from anywhere else.
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
UNAUTHORISED = ("This page needs the link the chair gave you (it carries its own key). "
                "Ask the meeting's secretariat for the link.\n")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class Guard:
    def __init__(self, links: Callable[[], Links], *, public_url: str | None = None,
                 max_requests: int = 256) -> None:
        self.links = links
        self.public_origin = origin_of(public_url) if public_url else None
        self.secure = bool(public_url and public_url.lower().startswith("https:"))
        self.max_requests = max_requests
        self.in_progress = 0

    def own_origins(self, request: web.Request) -> set[str]:
        own = {f"{request.scheme}://{request.host}".lower()}
        if self.public_origin:
            own.add(self.public_origin)
        return own

    def origin_allowed(self, request: web.Request, *, required: bool) -> bool:
        origin = request.headers.get("Origin")
        if origin is None:
            return not required
        return origin.lower() in self.own_origins(request)

    def roles(self, request: web.Request) -> set[str]:
        links = self.links()
        roles = links.roles_of_cookies(dict(request.cookies))
        token = request.query.get("token")
        if token is not None and request.path in DIRECT:
            role = links.role_of_token(token)
            if role is not None:
                roles.add(role)
        return roles

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        # WebSockets last as long as the page: they have their own cap (app.MAX_VIEWERS).
        counted = request.path != "/ws"
        if counted and self.in_progress >= self.max_requests:
            return _plain(503, "The server is busy; try again in a moment.\n")
        self.in_progress += counted
        try:
            response = await self._checked(request, handler)
        except web.HTTPException as error:  # aiohttp's own (404, 405, 413): raised on, headed
            error.headers.update(SECURITY_HEADERS)
            raise
        finally:
            self.in_progress -= counted
        if not response.prepared:  # a WebSocket has sent its headers already
            response.headers.update(SECURITY_HEADERS)
        return response

    async def _checked(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        token = request.query.get("token")
        if token is not None and request.path not in DIRECT:
            return self._exchange(request, token)
        roles = self.roles(request)
        if not roles:
            return _plain(401, UNAUTHORISED)
        role = NOTES if NOTES in roles else VIEWER
        request[ROLE] = role
        if request.path.startswith(NOTES_ONLY) and role != NOTES:
            return _plain(403, "This link may only view the meeting.\n")
        if request.method not in READS:
            if role != NOTES:
                return _plain(403, "This link may only view the meeting.\n")
            if not self.origin_allowed(request, required=True):
                return _plain(403, "Writes come only from the server's own pages.\n")
        if request.path == "/ws" and not self.origin_allowed(request, required=False):
            return _plain(403, "WebSocket refused: it comes from another site.\n")
        return await handler(request)

    def _exchange(self, request: web.Request, token: str) -> web.StreamResponse:
        links = self.links()
        role = links.role_of_token(token)
        if role is None:
            return _plain(401, UNAUTHORISED)
        query = request.url.query.copy()
        query.popall("token", None)
        response = web.Response(status=303, headers={"Location": str(request.rel_url.with_query(query))})
        response.set_cookie(links.cookie_name(role), links.cookie_value(role), path="/",
                            httponly=True, samesite="Strict", secure=self.secure or None)
        return response


def _plain(status: int, text: str) -> web.Response:
    return web.Response(status=status, text=text, content_type="text/plain")
