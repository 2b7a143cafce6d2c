"""Whether the console's terminal is still there.

A terminal closed under a console that never got its SIGHUP (run through `make run`, whose
make outlives the hangup; a closed tmux pane or ssh session) leaves the console reading a
hung-up terminal: Textual's input thread then wakes for ever, a core's worth of CPU, with
nobody to see it. The apps look every few seconds and quit when the terminal hung up: every
change is on disk already, so quitting loses nothing.
"""

from __future__ import annotations

import select
import sys
from typing import TextIO

LOOK_SECONDS = 2.0
_GONE = select.POLLHUP | select.POLLERR | select.POLLNVAL


def hung_up(stream: TextIO | None = None) -> bool:
    """True when `stream` (the process's standard input) is a terminal that hung up or a
    closed file; False while it is there, and where it cannot be told."""
    stream = stream if stream is not None else sys.__stdin__
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return False
    watch = select.poll()
    watch.register(descriptor, select.POLLHUP)  # hang-ups and errors are always reported
    return any(events & _GONE for _, events in watch.poll(0))
