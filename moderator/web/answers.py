"""The server's own answers: plain words, and the security headers on every one of them."""

from __future__ import annotations

from aiohttp import web

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
BUSY = "The server is busy; try again in a moment.\n"


def plain(status: int, text: str) -> web.Response:
    """`text` with `status`, headed (the middleware heads the rest as well)."""
    return web.Response(status=status, text=text, content_type="text/plain",
                        headers=SECURITY_HEADERS)


def raw_busy() -> bytes:
    """A whole 503 as bytes, for a connection refused before any request is read."""
    body = BUSY.encode()
    head = ["HTTP/1.1 503 Service Unavailable", "Content-Type: text/plain; charset=utf-8",
            f"Content-Length: {len(body)}", "Connection: close",
            *(f"{name}: {value}" for name, value in SECURITY_HEADERS.items())]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body
