"""Nobody in without the link they were given: links, cookies, Origin and limits per link.

Every request passes here first (one middleware, so no route can forget it):
- a link carries its token after `#t=`; the page (`landing.js`) posts it to `/api/link`, which
  answers with the link's cookie (HttpOnly, SameSite=Lax so that a link clicked in webmail or a
  chat opens the page, lasting for the meeting) and the page to open. A printed `?token=` still
  works: a 303 to the link's own page, without the token, with the cookie. `/api/state` and
  `/ws` also take the token directly (`?token=` or `Authorization: Bearer`), for other programs;
- each link opens its own page (a rapporteur's reads every page); without a link that opens the
  path: 401 (403 for a link that opens another page; 401 for a page's state or socket), the
  page's words and `landing.js`, no meeting data;
- a write needs a link that writes (a rapporteur's, on the notes; a delegation's, on its own
  requests) and the server's own Origin (403 otherwise), and its body arrives within
  `BODY_SECONDS` (408 otherwise); a WebSocket from a foreign Origin is refused;
- a phone holds one delegation's link: landing with one drops the cookies of the others, so a
  phone handed from one delegation to another never asks for the first;
- at most `requests_per_link` requests of one link in progress at once (503 beyond), so one
  link cannot take the requests of the others;
- any failure is a 500 in words, with the security headers, logged as one line without the
  request.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import Counter
from collections.abc import Awaitable, Callable
from urllib.parse import urlencode, urlsplit

from aiohttp import web

from moderator.web.answers import SECURITY_HEADERS, plain
from moderator.web.entrance import Connection
from moderator.web.links import DELEGATION, PAGES, Link, Links
from moderator.web.pages import landing

LINK = web.RequestKey("link", Link)
READS = frozenset({"GET", "HEAD", "OPTIONS"})
# Programs (broadcast graphics, interpretation booths) read these with the token itself.
DIRECT = frozenset({"/api/state", "/ws"})
# Open to anyone: the script that exchanges a link's token, and the exchange.
PUBLIC = frozenset({"/landing.js", "/api/link"})
# The rapporteur's paths besides its page; a delegation's.
NOTES_API = ("/api/notes", "/api/drafts")
REQUEST_API = "/api/request"
REQUESTS_PER_LINK = 64
BODY_SECONDS = 15.0  # for a request's body to arrive, once its headers have
COOKIE_SECONDS = 14 * 24 * 3600  # the meeting's length and more: revoking the link ends it sooner
UNAUTHORISED = ("This page needs the link the chair gave you (it carries its own key). "
                "Ask the meeting's secretariat for the link.\n")
REVOKED = "This link no longer works: ask the meeting's secretariat for the new one.\n"
OTHER_PAGE = "This link opens another page of the meeting.\n"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
log = logging.getLogger(__name__)


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def page_of(path: str) -> str | None:
    """The page a path belongs to, for which link opens it (None: any link)."""
    if path in PAGES:
        return path
    if path.startswith(NOTES_API):
        return "/notes"
    if path == REQUEST_API or path.startswith(f"{REQUEST_API}/"):
        return "/request"
    return None


class Guard:
    def __init__(self, links: Callable[[], Links], *, public_url: str | None = None,
                 requests_per_link: int = REQUESTS_PER_LINK,
                 body_seconds: float = BODY_SECONDS) -> None:
        self.links = links
        self.body_seconds = body_seconds
        self.public_origin = origin_of(public_url) if public_url else None
        self.secure = bool(public_url and public_url.lower().startswith("https:"))
        self.requests_per_link = requests_per_link
        self.in_progress: Counter[str] = Counter()

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

    def held(self, request: web.Request) -> list[Link]:
        """The links this request carries: its cookies, and on DIRECT paths its token."""
        links = self.links()
        held = links.held(request.cookies)
        if request.path in DIRECT:
            token = request.query.get("token") or _bearer(request)
            direct = links.of_token(token) if token else None
            if direct is not None:
                held.insert(0, direct)
        return held

    def link_for(self, request: web.Request, held: list[Link]) -> Link | None:
        """The link this request acts with: one that opens its page (the page a WebSocket or
        a state read says it is for, with `?page=`), else the first held."""
        page = page_of(request.path)
        if page is None and request.path in DIRECT and "page" in request.query:
            page = f"/{request.query['page']}"
        if page is None:
            return held[0] if held else None
        return next((link for link in held if link.opens(page)), None)

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        try:
            response = await self._checked(request, handler)
        except web.HTTPException as error:  # aiohttp's own (404, 405, 413): raised on, headed
            error.headers.update(SECURITY_HEADERS)
            raise
        except ConnectionError:  # the client went away: nobody to answer
            raise
        except Exception as error:
            route = request.match_info.route.resource
            log.error("failed to answer a request (%s %s: %s)", request.method,
                      route.canonical if route is not None else "?", type(error).__name__)
            response = plain(500, "The server failed to answer; try again.\n")
        finally:
            if isinstance(request.protocol, Connection):
                request.protocol.waiting()
        if not response.prepared:  # a WebSocket has sent its headers already
            response.headers.update(SECURITY_HEADERS)
        return response

    async def _checked(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path in PUBLIC:
            if request.method not in READS and not self.origin_allowed(request, required=True):
                return plain(403, "Links are exchanged only by the server's own pages.\n")
            # Read before the connection counts as answering: until then the door may close it.
            late = await _read_body(request, self.body_seconds)
            if late is not None:
                return late
            _answering(request)
            return await handler(request)
        token = request.query.get("token")
        if token is not None and request.path not in DIRECT:
            return self._exchange(request, token)
        held = self.held(request)
        link = self.link_for(request, held)
        if link is None:
            # A page's state or socket without its link is a 401 even beside other links held:
            # the page's own link was revoked, and it says so.
            other = bool(held) and request.path not in DIRECT
            return _refused_page(request, 403 if other else 401,
                                 OTHER_PAGE if other else UNAUTHORISED)
        request[LINK] = link
        if request.method not in READS:
            if not link.writes:
                return plain(403, "This link may only view the meeting.\n")
            if not self.origin_allowed(request, required=True):
                return plain(403, "Writes come only from the server's own pages.\n")
        _answering(request)
        if request.path == "/ws":
            if not self.origin_allowed(request, required=False):
                return plain(403, "WebSocket refused: it comes from another site.\n")
            return await handler(request)  # WebSockets have their own cap per link (viewers.py)
        if self.in_progress[link.id] >= self.requests_per_link:
            return plain(503, "The server is busy; try again in a moment.\n")
        self.in_progress[link.id] += 1
        try:
            late = await _read_body(request, self.body_seconds)
            return late if late is not None else await handler(request)
        finally:
            self.in_progress[link.id] -= 1

    async def land(self, request: web.Request) -> web.StreamResponse:
        """`POST /api/link {"token", "page"}`: the link's cookie, and the page to open."""
        try:
            body = json.loads(await request.read())
        except (ValueError, UnicodeDecodeError):
            body = None
        token = body.get("token") if isinstance(body, dict) else None
        link = self.links().of_token(token) if isinstance(token, str) else None
        if link is None:
            return web.json_response({"error": REVOKED.strip()}, status=401)
        page = body.get("page")
        if not (isinstance(page, str) and page in PAGES and link.opens(page)):
            page = link.page
        answer = web.json_response({"page": page, "link": link.id, "name": link.name})
        self._give_cookie(answer, link, request)
        return answer

    def _exchange(self, request: web.Request, token: str) -> web.StreamResponse:
        """A printed `?token=` link: the cookie, and a 303 to a page of this server."""
        link = self.links().of_token(token)
        if link is None:
            return _refused_page(request, 401, REVOKED)
        # Only the link's own pages, never the path asked for: `//evil.example/x` stays here.
        page = request.path if request.path in PAGES and link.opens(request.path) else link.page
        rest = [(name, value) for name, value in request.query.items() if name != "token"]
        location = f"{page}?{urlencode(rest)}" if rest else page
        answer = web.Response(status=303, headers={"Location": location})
        self._give_cookie(answer, link, request)
        return answer

    def _give_cookie(self, answer: web.StreamResponse, link: Link, request: web.Request) -> None:
        answer.set_cookie(link.cookie_name, link.cookie_value, path="/", httponly=True,
                          samesite="Lax", max_age=COOKIE_SECONDS, secure=self.secure or None)
        if link.kind == DELEGATION:  # one delegation per phone
            for other in self.links().of_kind(DELEGATION):
                if other.id != link.id and other.cookie_name in request.cookies:
                    answer.del_cookie(other.cookie_name, path="/")


def _answering(request: web.Request) -> None:
    """From here the connection is busy with a request the door must not close."""
    if isinstance(request.protocol, Connection):
        request.protocol.answering()


async def _read_body(request: web.Request, seconds: float) -> web.Response | None:
    """Read a write's body within `seconds` (aiohttp bounds its size): None, or the 408."""
    if request.method in READS or not request.body_exists:
        return None
    try:
        async with asyncio.timeout(seconds):
            await request.read()
    except TimeoutError:
        answer = plain(408, "The request's body did not arrive in time.\n")
        answer.force_close()
        # Sent now and the connection closed: the rest of an endless body is not waited for.
        await answer.prepare(request)
        await answer.write_eof()
        if isinstance(request.protocol, Connection):
            request.protocol.force_close()
        return answer
    return None


def _bearer(request: web.Request) -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _refused_page(request: web.Request, status: int, text: str) -> web.Response:
    """A page asked for without its link: its words, and the script that exchanges a link
    carried after `#t=`; any other path: the words alone."""
    if request.method == "GET" and request.path in PAGES:
        return web.Response(status=status, body=landing(text), content_type="text/html",
                            charset="utf-8")
    return plain(status, text)
