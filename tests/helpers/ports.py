"""A port for a server a test starts, stops and starts again on the same address.

A port taken with bind(0) comes from the kernel's ephemeral range, which also gives the local
ports of outgoing connections: once the server stops, any connection of a parallel test may take
it before the server binds it again. Below that range the kernel hands out nothing by itself;
chosen at random, parallel runs (xdist workers, a second checkout) rarely pick the same one, and
one that is taken is seen at once and another tried.
"""

from __future__ import annotations

import random
import socket
from pathlib import Path

LOWEST = 20000


def ephemeral_start() -> int:
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def free_port(host: str = "127.0.0.1") -> int:
    """A port on `host` nobody has bound, outside the kernel's ephemeral range."""
    chance = random.SystemRandom()
    top = max(ephemeral_start(), LOWEST + 1000)
    for _ in range(200):
        port = chance.randrange(LOWEST, top)
        with socket.socket() as probe:
            try:
                probe.bind((host, port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port between {LOWEST} and {top} on {host}")
