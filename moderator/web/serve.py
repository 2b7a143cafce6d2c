"""Running the room server: open the meeting, print its links, serve until interrupted.

The viewers' links (podium, projector, the delegates' phones) are printed with their QR codes;
the rapporteurs' links, which write, only on request (`--show-notes-links`) or when made or
replaced by this very command: the terminal may be on the room's screen. Each delegation of the
roster has a link of its own, made here and kept in the database; they are counted, not
printed (a few replaced by name are), and go on the cards (`--cards FILE`).
"""

from __future__ import annotations

import asyncio
import ipaddress
import signal
import socket
import sys
from dataclasses import replace
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from moderator.core import Clock
from moderator.core.model import Agenda, Roster
from moderator.session import open_meeting
from moderator.web import server_log
from moderator.web.app import make_app
from moderator.web.cards import CardsError, cards_of, write_cards
from moderator.web.door import PER_ADDRESS, Door, connection_limit, raise_open_files
from moderator.web.entrance import Listener, RoomRunner
from moderator.web.feed import MeetingFeed
from moderator.web.links import (
    DELEGATION,
    NOTES,
    VIEWER_KINDS,
    Link,
    LinkChanges,
    LinkError,
    Links,
)

NO_CHANGES = LinkChanges()
# Delegations' links made or replaced by one command printed one by one up to this many.
SHOWN_DELEGATIONS = 10


class ServeError(Exception):
    """The server cannot start: a sentence for the terminal."""


def _made(database: Path) -> None:
    if not Path(database).is_file():
        raise ServeError(f"{database}: no meeting database yet; start `moderator` first")


def open_store(agenda: Agenda, database: Path, clock: Clock | None = None):
    """The database alone, for its links (`--links-only`)."""
    from moderator.store import MeetingStore, StoreError

    _made(database)
    try:
        return MeetingStore.open(database, clock, create=False, meeting=agenda.event.id)
    except StoreError as error:
        raise ServeError(str(error)) from error


def change_links(store, changes: LinkChanges) -> tuple[Links, list[Link]]:
    """`changes` made in the database: the links, and those made or replaced now."""
    try:
        return changes.apply(store)
    except LinkError as error:
        raise ServeError(str(error)) from error


def from_roster(changes: LinkChanges, roster: Roster) -> LinkChanges:
    """`changes`, with a link for each delegation of the roster."""
    return replace(changes, delegations=tuple((ref, delegation.name) for ref, delegation
                                              in roster.delegations.items()))


def open_feed(agenda: Agenda, roster: Roster, database: Path, *, clock: Clock | None = None,
              changes: LinkChanges = NO_CHANGES, **options: float
              ) -> tuple[MeetingFeed, list[Link]]:
    """The meeting opened from an existing database (`moderator.session.open_meeting`: through
    its snapshot, checked against the agenda), its links changed as `changes` says; and the
    links made or replaced now. `options`: the feed's `follow_seconds`, `heartbeat_seconds`."""
    from moderator.store import StoreError

    _made(database)
    try:
        opened = open_meeting(agenda, roster, database, role="rapporteur", clock=clock,
                              lasting=True)
    except StoreError as error:
        raise ServeError(str(error)) from error
    try:
        # A database on read-only media is served with the links it holds (nothing written).
        if not opened.store.read_only:
            changes = from_roster(changes, roster)
        changed = change_links(opened.store, changes)[1]
        return MeetingFeed(opened, **options), changed
    except BaseException as error:
        opened.close(save_snapshot=False)
        if isinstance(error, (StoreError, ServeError)):
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


def print_links(links: Links, base: str, out: TextIO, *, qr: bool,
                notes: list[Link] | None = None, changed: list[Link] | None = None) -> None:
    """The viewers' links, one line each `ID  URL`, with their QR codes; then the rapporteurs'
    links of `notes`, apart, or a line saying how to print them; then the delegations'."""
    viewers = [link for link in links if link.kind in VIEWER_KINDS]
    notes = notes or []
    width = max(len(link.id) for link in [*viewers, *notes])
    for link in viewers:
        print(f"{link.id:<{width}}  {link.url(base)}", file=out)
    if qr:
        _qr_codes(viewers, base, out)
    if notes:
        print("\nThe rapporteurs' links (they write notes: keep them off the room's screens):",
              file=out)
        for link in notes:
            print(f"{link.id:<{width}}  {link.url(base)}  {link.name}", file=out)
        if qr:
            _qr_codes(notes, base, out)
    else:
        print("\nThe rapporteurs' links are not shown (the room may see this screen): "
              "`moderator serve --links-only --show-notes-links` prints them.", file=out)
    print_delegations(links, base, out, [link for link in changed or []
                                         if link.kind == DELEGATION])
    out.flush()


def print_delegations(links: Links, base: str, out: TextIO, changed: list[Link]) -> None:
    """How many delegations have a link, and how to print their cards; a few replaced now are
    printed one by one."""
    count = len(links.of_kind(DELEGATION))
    if not count:
        return
    print(f"\nThe delegations' links: {count}, one per delegation, on their cards "
          "(`moderator serve --links-only --cards cards.pdf`); each asks for the floor from "
          "/request.", file=out)
    if changed and len(changed) <= SHOWN_DELEGATIONS:
        print("Made or replaced now (their old cards no longer work):", file=out)
        for link in changed:
            print(f"{link.id}  {link.url(base)}  {link.name}", file=out)


def _qr_codes(links: list[Link], base: str, out: TextIO) -> None:
    import segno

    for link in links:
        print(f"\n{link.id}", file=out)
        segno.make(link.url(base), error="m").terminal(out=out, compact=True)


def printed_notes(links: Links, changed: list[Link], show_notes: bool) -> list[Link]:
    """The rapporteurs' links to print: all on request, else those made or replaced now."""
    return [link for link in links if link.kind == NOTES and (show_notes or link in changed)]


def print_cards(links: Links, changed: list[Link], base: str, paths: tuple[Path, ...],
                title: str, reads: list[tuple[str, Path]], out: TextIO) -> None:
    """Write the delegations' cards to each of `paths`: of the links made or replaced by this
    command when there are any (the cards to print again), else of every delegation."""
    fresh = [link for link in changed if link.kind == DELEGATION]
    cards = cards_of(fresh or links.of_kind(DELEGATION), base)
    for path in paths:
        try:
            written = write_cards(path, cards, title, reads)
        except CardsError as error:
            raise ServeError(str(error)) from error
        print(f"The delegations' cards ({len(cards)}): {written}", file=out)


def serve(agenda: Agenda, roster: Roster, database: Path, *, host: str, port: int,
          public_url: str | None, qr: bool, changes: LinkChanges = NO_CHANGES,
          show_notes: bool = False, links_only: bool = False, per_address: int = PER_ADDRESS,
          cards: tuple[Path, ...] = (), reads: list[tuple[str, Path]] | None = None,
          out: TextIO | None = None) -> int:
    """Serve until SIGINT or SIGTERM (with `links_only`, change and print the links and
    return); returns the exit status. `cards`: where to write the delegations' cards (never
    over what `reads` names, nor the database). `out`: the terminal (sys.stdout)."""
    reads = [*(reads or []), ("the meeting's database", Path(database))]
    out = out or sys.stdout
    if public_url and urlsplit(public_url).scheme not in ("http", "https"):
        raise ServeError(f"--public-url {public_url}: give an http:// or https:// address")
    base = base_url(host, port, public_url)
    if links_only:
        store = open_store(agenda, database)
        try:
            links, changed = change_links(store, from_roster(changes, roster))
        finally:
            store.close()
        print_links(links, base, out, qr=qr, notes=printed_notes(links, changed, show_notes),
                    changed=changed)
        print_cards(links, changed, base, cards, agenda.event.title, reads, out)
        return 0
    feed, changed = open_feed(agenda, roster, database, changes=changes)
    warning = network_warning(host)
    if warning:
        print(warning, file=out)
    try:
        notes = printed_notes(feed.links, changed, show_notes)
        print_cards(feed.links, changed, base, cards, agenda.event.title, reads, out)
        asyncio.run(_run(feed, host, port, public_url, per_address,
                         lambda: print_links(feed.links, base, out, qr=qr, notes=notes,
                                             changed=changed), out))
    finally:
        feed.close()
    return 0


async def _run(feed: MeetingFeed, host: str, port: int, public_url: str | None,
               per_address: int, show_links, out: TextIO) -> None:
    server_log.install(sys.stderr)
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(server_log.loop_exceptions)
    limit = connection_limit(raise_open_files())
    door = Door(limit=limit, per_address=per_address)
    runner = RoomRunner(make_app(feed, public_url=public_url, connections=limit), door,
                        shutdown_timeout=2)
    await runner.setup()
    try:
        await Listener(runner, host, port).start()
    except OSError as error:
        await runner.cleanup()
        raise ServeError(f"cannot listen on {host}:{port}: {error.strerror or error}") from error
    show_links()
    print("Serving the meeting; ctrl+c stops.", file=out, flush=True)
    stopping = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopping.set)
    try:
        await stopping.wait()
    finally:
        await runner.cleanup()
