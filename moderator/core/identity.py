"""Which console decided an event: every console process has an identity made at its start.

Its role, a random id, the host and the process, and a seat: what stays the same when the same
person starts the console again (`--console NAME`, else the terminal), so a console restarted
after a crash gets back the drafts its predecessor left.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, replace
from datetime import datetime
from uuid import uuid4


@dataclass(frozen=True, slots=True)
class ConsoleIdentity:
    id: str
    role: str
    host: str
    pid: int
    started: datetime
    seat: str | None = None

    def stamp(self) -> dict[str, str]:
        """The fields every event of this console carries."""
        return {"console": self.id, "host": self.host}

    def on_behalf(self, console: str) -> ConsoleIdentity:
        """Another console deciding through this one (a browser through the room server): its
        own id, this process's host, pid and start."""
        return replace(self, id=console, seat=None)

    def as_record(self) -> dict[str, object]:
        return {"id": self.id, "role": self.role, "host": self.host, "pid": self.pid,
                "started": self.started.isoformat(), "seat": self.seat}


def terminal_seat() -> str | None:
    """The terminal this process runs in (`/dev/pts/3`), when it runs in one."""
    for fd in (0, 1, 2):
        try:
            return os.ttyname(fd)
        except OSError:
            continue
    return None


def new_console(role: str, started: datetime, *, name: str | None = None) -> ConsoleIdentity:
    """A fresh identity for a console of `role` starting now; `name` is the seat if given."""
    host = socket.gethostname() or "localhost"
    seat = name or terminal_seat()
    return ConsoleIdentity(id=uuid4().hex[:12], role=role, host=host, pid=os.getpid(),
                           started=started, seat=f"{host}:{seat}" if seat else None)
