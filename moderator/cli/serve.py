"""`moderator serve`: the room server, for the podium, the projector and the delegates' phones."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from moderator.cli.options import add_meeting_options, add_subcommand, load_files, meeting_paths

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8765


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    from moderator.web.door import PER_ADDRESS

    parser = add_subcommand(
        subparsers, "serve", run,
        help="the room server: podium timer, projector and list of speakers in any browser",
        description="The room server: the podium timer, the projector view and the list of "
        "speakers in any browser of the room, following the meeting's database live (it "
        "never changes the floor). Each device kind has its own link (podium, projector, "
        "speakers for the delegates' phones), printed with a QR code, each rapporteur "
        "their own, and each delegation its own, to ask for the floor from its seat (on the "
        "cards, --cards); nobody gets in without one.",
    )
    add_meeting_options(parser)
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help=f"the address to listen on (default {DEFAULT_HOST}: this machine "
                        "only; 0.0.0.0 makes the pages reachable from the network)")
    parser.add_argument("--port", type=port_number, default=DEFAULT_PORT,
                        help=f"the port to listen on, 1 to 65535 (default {DEFAULT_PORT}; 0: "
                        "any free port)")
    parser.add_argument("--public-url", metavar="URL",
                        help="the address the room's devices use to reach this server (a name "
                        "or address on the venue's network, or a proxy's https address); the "
                        "links are printed with it")
    parser.add_argument("--revoke", metavar="LINK", action="append", default=[],
                        help="replace one link alone, the other devices staying connected: "
                        "podium, projector, speakers (the phones), notes (every rapporteur's), "
                        "one rapporteur's link by its id (notes-2) or name, delegations "
                        "(every delegation's), or one delegation's by its id (AT) or name; "
                        "repeatable")
    parser.add_argument("--new-links", action="store_true",
                        help="replace every link, the rapporteurs' included: the old ones stop "
                        "working at once")
    parser.add_argument("--notes-link", metavar="NAME", action="append", default=[],
                        help="make a rapporteur's link with this name (e.g. \"Rapporteur "
                        "session 2\"; their notes will say it) and print it; repeatable")
    parser.add_argument("--show-notes-links", action="store_true",
                        help="print the rapporteurs' links too (not by default: the room may "
                        "see this terminal)")
    parser.add_argument("--links-only", action="store_true",
                        help="change and print the links, then exit without serving (a running "
                        "server takes the change within a second)")
    parser.add_argument("--per-address", metavar="N", type=_count, default=PER_ADDRESS,
                        help=f"connections at most from one address (default {PER_ADDRESS}; "
                        "this machine's own are not counted; 0: no limit)")
    parser.add_argument("--no-qr", action="store_true", help="print the links without QR codes")
    parser.add_argument("--cards", metavar="FILE", action="append", default=[], type=Path,
                        help="write the delegations' cards (name, QR code of its link, one line "
                        "of instructions) to print, as FILE.html or FILE.pdf; those of the "
                        "links made or replaced by this command, else every delegation's; an "
                        "existing file is kept (the next free name is taken); repeatable")


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 100_000:
        raise argparse.ArgumentTypeError(f"{text!r}: give a number from 0 to 100000")
    return value


def port_number(text: str) -> int:
    """A TCP port, checked where it is given: a usage error rather than a failure to bind."""
    digits = text.strip()
    if not digits.isascii() or not digits.isdigit() or len(digits) > 5 or int(digits) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port: a whole number from 1 to "
                                         "65535 (0: any free port)")
    return int(digits)


def run(args: argparse.Namespace) -> int:
    loaded = load_files(args)
    if loaded is None:
        return 1
    from moderator.web.links import LinkChanges
    from moderator.web.serve import ServeError, serve

    changes = LinkChanges(renew=args.new_links, revoke=tuple(args.revoke),
                          notes_links=tuple(args.notes_link))
    agenda_path, speakers_path = meeting_paths(args)
    reads = [("the agenda", agenda_path), ("the roster", speakers_path)]
    try:
        return serve(*loaded, host=args.host, port=args.port, public_url=args.public_url,
                     qr=not args.no_qr, changes=changes, show_notes=args.show_notes_links,
                     links_only=args.links_only, per_address=args.per_address,
                     cards=tuple(args.cards), reads=reads)
    except ServeError as error:
        print(f"moderator: {error}", file=sys.stderr)
        return 1
