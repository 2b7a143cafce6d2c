"""The rapporteur's link: `/notes` and the writes behind it, one decision at a time.

Every write goes through the core's note commands, decided on the server's open meeting and
recorded through its one loop (`MeetingFeed.record`): durable before the answer says "saved",
and stamped, once, by the loop with the identity of the browser that typed it
(`browser:<its console id>`). A refused write answers 409 with the reason, in words for the page.
The rapporteur's link (`link_name`) names who writes.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
from collections.abc import Callable
from typing import Any

from aiohttp import web

from moderator.core import Meeting, Refused
from moderator.web import rapporteur
from moderator.web.feed import MeetingFeed
from moderator.web.guard import LINK

CONSOLE = re.compile(r"[A-Za-z0-9_-]{8,64}")
DRAFT_PREFIX = "web"
# Drafts are bounded: so many per browser, so many bytes for all the browsers together.
DRAFTS_PER_BROWSER = 20
DRAFTS_BYTES = 4 * 1024 * 1024


def add_routes(app: web.Application, feed: MeetingFeed, page: web.Handler) -> None:
    api = NotesApi(feed)
    app.router.add_get("/notes", page)
    app.router.add_get("/api/notes", api.desk)
    app.router.add_post("/api/notes", api.save)
    app.router.add_post("/api/notes/{note}/{action:move|delete|restore}", api.act)
    app.router.add_get("/api/drafts", api.drafts)
    app.router.add_put("/api/drafts/{note}", api.keep_draft)
    app.router.add_delete("/api/drafts/{note}", api.drop_draft)


class NotesApi:
    def __init__(self, feed: MeetingFeed) -> None:
        self.feed = feed
        # The drafts' bounds are checked and the draft kept as one step (executor threads).
        self._drafts_lock = threading.Lock()

    async def _blocking(self, call: Callable[[], Any]) -> Any:
        return await asyncio.get_running_loop().run_in_executor(None, call)

    async def _record(self, command: Callable[[Meeting], list[dict]],
                      console: str) -> list[dict]:
        browser = self.feed.opened.identity.on_behalf(f"browser:{console}")
        return await self.feed.record(command, browser)

    async def desk(self, request: web.Request) -> web.Response:
        query = request.query.get("q", "")[:200]
        found = await self._blocking(lambda: self.feed.read(lambda m: rapporteur.desk(m, query)))
        return web.json_response({**found, "link": link_name(request)})

    async def save(self, request: web.Request) -> web.Response:
        body = await _json(request)
        console = _console(body)
        note_id = body.get("id")
        try:
            await self._record(lambda m: rapporteur.save_note(
                m, note_id, body.get("text"), body.get("target", rapporteur.UNSET)), console)
        except Refused as refused:
            return _refused(refused)
        await self._blocking(lambda: self._discard(console, note_id))
        note = self.feed.look(lambda m: m.note(note_id))  # as recorded: no read
        return web.json_response({"id": note_id, "saved": True, "text": note.text,
                                  "deleted": note.deleted})

    async def act(self, request: web.Request) -> web.Response:
        body = await _json(request)
        console = _console(body)
        note_id, action = request.match_info["note"], request.match_info["action"]
        try:
            await self._record(lambda m: rapporteur.act_on_note(m, note_id, action,
                                                                body.get("target")), console)
        except Refused as refused:
            return _refused(refused)
        return web.json_response({"id": note_id, "done": action})

    async def drafts(self, request: web.Request) -> web.Response:
        console = request.query.get("console", "")
        if not CONSOLE.fullmatch(console):
            raise web.HTTPBadRequest(text="name this browser's console id\n")
        prefix = f"{DRAFT_PREFIX}:{console}:"
        kept = await self._blocking(self.feed.store.drafts)
        return web.json_response([
            {"id": key.removeprefix(prefix), **json.loads(draft.text)}
            for key, draft in kept.items() if key.startswith(prefix)])

    async def keep_draft(self, request: web.Request) -> web.Response:
        body = await _json(request)
        console, note_id = _console(body), request.match_info["note"]
        text = body.get("text")
        try:
            rapporteur.checked_id(note_id)
        except Refused as refused:
            return _refused(refused)
        if not isinstance(text, str) or len(text) > rapporteur.MAX_NOTE:
            return _refused(Refused("A draft is a note's text, at most "
                                    f"{rapporteur.MAX_NOTE:,} characters"))
        kept = json.dumps({"text": text, "target": body.get("target")}, ensure_ascii=False)
        key = f"{DRAFT_PREFIX}:{console}:{note_id}"
        try:
            await self._blocking(lambda: self._keep(console, key, kept))
        except Refused as refused:
            return _refused(refused)
        return web.json_response({"id": note_id, "kept": True})

    def _keep(self, console: str, key: str, kept: str) -> None:
        """Keep the draft unless it goes beyond the bounds (checked and kept as one step)."""
        with self._drafts_lock:
            self._keep_bounded(console, key, kept)

    def _keep_bounded(self, console: str, key: str, kept: str) -> None:
        web_drafts = {k: d for k, d in self.feed.store.drafts().items()
                      if k.startswith(f"{DRAFT_PREFIX}:") and k != key}
        mine = sum(k.startswith(f"{DRAFT_PREFIX}:{console}:") for k in web_drafts)
        if mine >= DRAFTS_PER_BROWSER:
            raise Refused(f"This browser keeps at most {DRAFTS_PER_BROWSER} unsaved notes: "
                          "save or clear one first")
        size = sum(len(k.encode()) + len(d.text.encode()) for k, d in web_drafts.items())
        if size + len(key.encode()) + len(kept.encode()) > DRAFTS_BYTES:
            raise Refused("The server keeps no more unsaved text: save the notes being typed")
        self.feed.store.save_draft(key, kept)

    async def drop_draft(self, request: web.Request) -> web.Response:
        console = _console(dict(request.query))
        note_id = request.match_info["note"]
        await self._blocking(lambda: self._discard(console, note_id))
        return web.json_response({"id": note_id, "dropped": True})

    def _discard(self, console: str, note_id: str) -> None:
        self.feed.store.discard_draft(f"{DRAFT_PREFIX}:{console}:{note_id}")


async def _json(request: web.Request) -> dict:
    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError) as error:
        raise web.HTTPBadRequest(text="the request is not JSON\n") from error
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text="the request is a JSON object\n")
    return body


def _console(body: dict) -> str:
    console = body.get("console")
    if not isinstance(console, str) or not CONSOLE.fullmatch(console):
        raise web.HTTPBadRequest(text="name this browser's console id\n")
    return console


def link_name(request: web.Request) -> str:
    """The name of the rapporteur's link the request came with ("Rapporteur session 2")."""
    return request[LINK].name


def _refused(refused: Refused) -> web.Response:
    return web.json_response({"error": str(refused)}, status=409)
