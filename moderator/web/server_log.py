"""What the room server writes to its terminal: one line per kind of trouble, never a request.

Hostile traffic must fill neither the disk nor the screen, and nothing of a request (its token
above all) may reach a log. So every record of the web stack (aiohttp, asyncio) is reduced to the
first line of its template, without its arguments or traceback; and each kind of record is
written at most once a minute, saying how many times it happened meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Callable
from typing import Any, TextIO

EVERY_SECONDS = 60.0
OWN = "moderator"  # our own loggers: their arguments never hold a request, they are kept


class Hush(logging.Filter):
    def __init__(self, every: float = EVERY_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.every, self.clock = every, clock
        self.last: dict[str, float] = {}
        self.since: Counter[str] = Counter()

    def filter(self, record: logging.LogRecord) -> bool:
        own = record.name == OWN or record.name.startswith(f"{OWN}.")
        template = (str(record.msg).splitlines() or ["an error"])[0]
        key = f"{record.name}:{template}"
        self.since[key] += 1
        now = self.clock()
        if key in self.last and now - self.last[key] < self.every:
            return False
        self.last[key] = now
        times = self.since.pop(key)
        if not own:
            record.msg, record.args = template, ()
        if times > 1:
            record.msg = f"{record.msg} ({times} times in the last minute)"
        record.exc_info = record.exc_text = record.stack_info = None
        return True


def install(stream: TextIO) -> Hush:
    """The server's records go to `stream` through a Hush; aiohttp's access log stays off."""
    hush = Hush()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("moderator: %(message)s"))
    handler.addFilter(hush)
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    logging.getLogger("aiohttp.access").disabled = True
    return hush


def loop_exceptions(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """The loop's own troubles (e.g. "socket.accept() out of system resource") as one line."""
    message = str(context.get("message") or "an error in the server's loop")
    logging.getLogger("asyncio").error(message)
