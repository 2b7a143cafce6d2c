"""Running the room server: open the meeting, print its links, serve until interrupted."""

from __future__ import annotations

import asyncio
import ipaddress
import signal
import socket
import sys
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from aiohttp import web

from moderator.core import Clock
from moderator.core.model import Agenda, Roster
from moderator.session import open_meeting
from moderator.web.app import PAGES, make_app
from moderator.web.feed import MeetingFeed
from moderator.web.links import NOTES, VIEWER, Links, load_links

# The pages printed by `serve`, with the role whose link opens them.
PRINTED = [*((path.strip("/"), path, VIEWER) for path in PAGES), ("notes", "/notes", NOTES)]


class ServeError(Exception):
    """The server cannot start: a sentence for the terminal."""


def open_feed(agenda: Agenda, roster: Roster, database: Path, *, clock: Clock | None = None,
              new_links: bool = False, **options: float) -> MeetingFeed:
    """The meeting folded from an existing database, and its links (replaced with `new_links`);
    `options`: the feed's `follow_seconds` and `heartbeat_seconds`."""
    from moderator.store import StoreError

    if not Path(database).is_file():
        raise ServeError(f"{database}: no meeting database yet; start `moderator` first")
    try:
        opened = open_meeting(agenda, roster, database, role="rapporteur", clock=clock,
                              lasting=True)
    except StoreError as error:
        raise ServeError(str(error)) from error
    try:
        if new_links:
            load_links(opened.store, renew=True)
        return MeetingFeed(opened, **options)
    except BaseException as error:
        opened.close(save_snapshot=False)
        if isinstance(error, StoreError):
            raise ServeError(str(error)) from error
        raise


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def network_warning(host: str) -> str | None:
    """What `serve` says when it listens beyond this machine."""
    if is_loopback(host):
        return None
    return (f"moderator: listening on {host}: the pages are reachable from the network, by "
            "anyone on it who has a link. Hand the links out with care; `moderator serve "
            "--new-links` replaces them.")


def base_url(host: str, port: int, public_url: str | None) -> str:
    """Where the room's devices reach the server: `--public-url`, else the bound address."""
    if public_url:
        return public_url.rstrip("/")
    shown = host
    if host in ("0.0.0.0", "::", ""):
        shown = _network_address()
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


def _network_address() -> str:
    """This machine's address on its network (a UDP socket sends nothing to learn it)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))
            return probe.getsockname()[0]
    except OSError:
        return socket.gethostname()


def link_lines(links: Links, base: str) -> list[tuple[str, str]]:
    """(name, URL) of every page, each URL with the token of its role."""
    return [(name, f"{base}{path}?token={links.tokens[role]}") for name, path, role in PRINTED]


def print_links(links: Links, base: str, out: TextIO, *, qr: bool) -> None:
    lines = link_lines(links, base)
    width = max(len(name) for name, _ in lines)
    for name, url in lines:
        print(f"{name:<{width}}  {url}", file=out)
    if qr:
        import segno

        for name, url in lines:
            print(f"\n{name}", file=out)
            segno.make(url, error="m").terminal(out=out, compact=True)
    out.flush()


def serve(agenda: Agenda, roster: Roster, database: Path, *, host: str, port: int,
          public_url: str | None, new_links: bool, qr: bool, out: TextIO = sys.stdout) -> int:
    """Serve until SIGINT or SIGTERM; returns the exit status."""
    if public_url and urlsplit(public_url).scheme not in ("http", "https"):
        raise ServeError(f"--public-url {public_url}: give an http:// or https:// address")
    feed = open_feed(agenda, roster, database, new_links=new_links)
    warning = network_warning(host)
    if warning:
        print(warning, file=out)
    try:
        asyncio.run(_run(feed, host, port, public_url, qr, out))
    finally:
        feed.close()
    return 0


async def _run(feed: MeetingFeed, host: str, port: int, public_url: str | None, qr: bool,
               out: TextIO) -> None:
    runner = web.AppRunner(make_app(feed, public_url=public_url), access_log=None,
                           handle_signals=False, shutdown_timeout=2)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
    except OSError as error:
        await runner.cleanup()
        raise ServeError(f"cannot listen on {host}:{port}: {error.strerror or error}") from error
    print_links(feed.links, base_url(host, port, public_url), out, qr=qr)
    print("Serving the meeting; ctrl+c stops.", file=out, flush=True)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopping.set)
    try:
        await stopping.wait()
    finally:
        await runner.cleanup()
