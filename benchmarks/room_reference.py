"""The reference for the room server's benchmark: a bare aiohttp broadcast of the same document.

`python room_reference.py PORT DOCUMENT_FILE`: viewers connect to /ws; a POST to /change sends
the document (with "running" flipped) to every viewer at once. No links, no database, no fold:
what aiohttp itself costs to tell 200 sockets.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from aiohttp import web


def main() -> None:
    port, document = int(sys.argv[1]), Path(sys.argv[2]).read_text(encoding="utf-8")
    sockets: set[web.WebSocketResponse] = set()
    state = {"running": True}

    async def viewer(request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        sockets.add(socket)
        await socket.send_str(document)
        async for _ in socket:
            pass
        sockets.discard(socket)
        return socket

    async def change(request: web.Request) -> web.Response:
        state["running"] = not state["running"]
        flag = "true" if state["running"] else "false"
        text = document.replace('"running":true', f'"running":{flag}')
        await asyncio.gather(*(s.send_str(text) for s in list(sockets)), return_exceptions=True)
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_get("/ws", viewer)
    app.router.add_post("/change", change)
    print("ready", flush=True)
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


if __name__ == "__main__":
    main()
