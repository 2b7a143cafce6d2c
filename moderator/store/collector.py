"""The garbage collector kept out of the bulk reads (opening a database, folding a day).

Reading a week's record makes hundreds of thousands of objects, all of them kept: the
collector's passes over them cost a third of the open and the fold and free nothing. Pauses
nest and may overlap across threads; the collector runs again once the last one ends (if it
was running before the first).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def paused() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
