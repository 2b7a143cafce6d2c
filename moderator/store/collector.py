"""The garbage collector kept out of the bulk reads (opening a database, folding a day).

Reading a week's record makes hundreds of thousands of objects, all of them kept: the
collector's passes over them cost a third of the open and the fold and free nothing. Pauses
nest and may overlap across threads; the collector runs again once the last one ends (if it
was running before the first).

What a pause made is not walked by the young passes after it either: it joins the oldest
generation as it ends (`gc.freeze` then `gc.unfreeze`: two list splices), looked at by the next
full pass like everything long-lived. Left young, the first passes after opening the large
meeting walked all of it once more (a young pass of 15 ms, the next generation's of 60 ms; at
ten times its size the export's first pass alone took 160 ms) and freed nothing. Where objects
are frozen already (a console after its first frame, `first_frame_shown`), unfreezing would
end that: there the pause's objects stay young, as before.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False
_launching = False  # a console's launch stopped the collector until its first frame
_frozen = False  # a console froze what its launch made (`first_frame_shown`)


@contextmanager
def paused() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0 and not _launching:  # (a launch keeps what it found)
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled and not _launching:
                # (Counting the frozen walks them: a console's are known without counting.)
                if not _frozen and gc.get_freeze_count() == 0:
                    gc.freeze()  # everything tracked, out of the generations in one splice,
                    gc.unfreeze()  # back into the oldest; the young passes start from nothing
                gc.enable()


# -- a console's garbage collection: out of the key path --------------------------------------

# While a console runs, the collector never makes a full pass by itself: one over Textual's
# caches cost 41-58 ms, about every 10 keys (the tail of the key-to-frame times). The young
# generations still run (they are quick); the full pass runs while the console is idle.
_FULL_NEVER = 1_000_000_000
_consoles = 0
_threshold: tuple[int, int, int] | None = None


def console_started() -> None:
    """A console opens: no full pass of the collector by itself until `console_stopped`."""
    global _consoles, _threshold
    with _lock:
        if _consoles == 0:
            _threshold = gc.get_threshold()
            gc.set_threshold(_threshold[0], _threshold[1], _FULL_NEVER)
        _consoles += 1


def launching() -> None:
    """A console is being launched: no pass of the collector until its first frame (or its
    end). What the start makes (Textual's modules and the console's, the screen, the folded
    meeting) is all kept: passes over it were 40 ms of a 0.5 s launch and freed nothing."""
    global _launching, _was_enabled
    with _lock:
        if not _launching:
            _launching = True
            if _depth == 0:
                _was_enabled = gc.isenabled()
                gc.disable()


def first_frame_shown() -> None:
    """What the opening made (the folded meeting, the screens) lives as long as the console:
    kept out of every later pass (`gc.freeze`), which then looks only at what came after;
    the collector runs again if the launch stopped it."""
    global _frozen
    gc.freeze()
    _frozen = True
    launched()


def launched() -> None:
    """The launch is over (its first frame, or the console closed before one): the collector
    as it was before it, now or at the end of the pause in progress."""
    global _launching
    with _lock:
        if _launching:
            _launching = False
            if _depth == 0 and _was_enabled:
                gc.enable()


def collect_while_idle() -> None:
    """The full pass the collector no longer makes by itself (nobody is waiting for a frame)."""
    gc.collect()


def console_stopped() -> None:
    """The last console closed: the collector as it was, everything frozen looked at again."""
    global _consoles, _frozen
    with _lock:
        _consoles = max(0, _consoles - 1)
        if _consoles == 0 and _threshold is not None:
            gc.set_threshold(*_threshold)
            gc.unfreeze()
            _frozen = False
