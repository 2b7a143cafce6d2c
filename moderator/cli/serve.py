"""`moderator serve`: the room server, for the podium, the projector and the delegates' phones."""

from __future__ import annotations

import argparse
import sys

from moderator.cli.options import add_meeting_options, add_subcommand, load_files

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8765


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = add_subcommand(
        subparsers, "serve", run,
        help="the room server: podium timer, projector and list of speakers in any browser",
        description="The room server: the podium timer, the projector view and the list of "
        "speakers in any browser of the room, following the meeting's database live (it "
        "never changes the floor). Each page has its own link, printed with a QR code; "
        "nobody gets in without one.",
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
    parser.add_argument("--new-links", action="store_true",
                        help="replace the links: the old ones stop working at once")
    parser.add_argument("--no-qr", action="store_true", help="print the links without QR codes")


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
    from moderator.web.serve import ServeError, serve

    try:
        return serve(*loaded, host=args.host, port=args.port, public_url=args.public_url,
                     new_links=args.new_links, qr=not args.no_qr)
    except ServeError as error:
        print(f"moderator: {error}", file=sys.stderr)
        return 1
