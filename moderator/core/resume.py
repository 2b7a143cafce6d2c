"""The folded state, saved and read back: a meeting resumed where the snapshot left it.

What is saved is the fold of the first `count` events of the journal: the state, the actions
taken back, the last floor event. It is tied to what it was folded with: the agenda and the
roster (an edited time limit changes the fold), the event version and the fold's own code. A
saved state that does not match, or does not read back, is refused (`NotResumable`), never used:
the caller folds the journal from the start instead.

Reading uses pickle restricted to the core's own types, datetimes and containers: a snapshot
file names no other class and runs no code.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import operator
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from moderator import __version__
from moderator.core.belonging import Named, named_entries
from moderator.core.events import EVENT_VERSION
from moderator.core.model import Agenda, Roster

if TYPE_CHECKING:
    from moderator.core.meeting import Meeting

FORMAT = 1
RECENT_ACTIONS = 32
_CODE: str | None = None


class NotResumable(Exception):
    """The saved state does not belong to this meeting, this agenda or this program."""


def fold_key(agenda: Agenda, roster: Roster) -> str:
    """What a saved fold depends on besides the events: agenda, roster, event version, code."""
    digest = hashlib.sha256()
    for part in (f"format {FORMAT}", f"events v{EVENT_VERSION}", __version__, code_fingerprint(),
                 repr(agenda), repr(roster)):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def code_fingerprint() -> str:
    """A digest of the core's sources: a program whose fold changed refuses older states."""
    global _CODE
    if _CODE is None:
        digest = hashlib.sha256()
        root = Path(__file__).resolve().parent
        for source in sorted(root.rglob("*.py")):
            digest.update(str(source.relative_to(root)).encode())
            digest.update(source.read_bytes())
        _CODE = digest.hexdigest()
    return _CODE


def saved_state(meeting: Meeting) -> bytes:
    """The meeting's fold as bytes (its state, what was undone, the last floor event, and the
    agenda entries its events name, so that an edited agenda is still checked against them)."""
    replay = meeting.replay
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _fast_reductions()
    pickler.dump({
        "count": replay.folded_count,
        "entries": replay.resumed_entries | named_entries(replay.events),
        "state": meeting.state,
        "undone": replay.undone,
        "last_floor_event": replay.last_floor_event,
        "until_checkpoint": replay.until_checkpoint,
        # The events of the last actions, so that undoing one still says whose it was (and asks
        # again for another console's) without reading the journal.
        "recent": replay.recent_actions(RECENT_ACTIONS),
        # What was kept but not folded (unknown types, newer versions): still reported.
        "unfolded": dict(replay.unfolded),
    })
    return out.getvalue()


_REDUCTIONS: dict[type, Callable[[Any], tuple]] | None = None


def _fast_reductions() -> dict[type, Callable[[Any], tuple]]:
    """The many small records (notes, interventions, ...) saved as their fields in order and
    read back through their constructor: dataclasses' own pickling walks `fields()` for each
    object, which was most of the time of reading a week's state back."""
    global _REDUCTIONS
    if _REDUCTIONS is None:
        from moderator.core.decisions import Decision, InterpretativeStatement
        from moderator.core.notebook import Note, NoteRevision
        from moderator.core.sitting import Suspension
        from moderator.core.state import InterventionRecord, ItemProgress, WaitingRequest
        from moderator.core.steady import Anchor

        _REDUCTIONS = {}
        for kind in (Note, NoteRevision, InterventionRecord, WaitingRequest, ItemProgress,
                     Suspension, Decision, InterpretativeStatement, Anchor):
            values = operator.attrgetter(*(f.name for f in dataclasses.fields(kind)))
            _REDUCTIONS[kind] = lambda obj, kind=kind, values=values: (kind, values(obj))
    return _REDUCTIONS


def resume(meeting: Meeting, data: bytes, count: int, seen: set[str],
           history: Callable[[], list[dict]]) -> Named:
    """Put the saved fold of the first `count` events into a meeting that has folded nothing.

    `seen`: the ids of those events; `history()`: every event of the journal, read only when
    an undo reaches back past the snapshot. Raises `NotResumable` when the bytes do not read back
    as a fold of `count` events.
    """
    if meeting.folded_count:
        raise ValueError("resume into a meeting that has folded nothing yet")
    try:
        saved = _Restricted(io.BytesIO(data)).load()
    except Exception as error:  # any failure to read is a refusal, never a crash
        raise NotResumable(f"the saved state does not read back ({type(error).__name__}: {error})") from None
    from moderator.core.state import MeetingState

    if not isinstance(saved, dict) or not isinstance(saved.get("state"), MeetingState):
        raise NotResumable("the saved state is not a meeting's state")
    if saved.get("count") != count or len(seen) != count:
        raise NotResumable(f"the saved state folds {saved.get('count')!r} events, not {count}")
    undone = saved.get("undone")
    last = saved.get("last_floor_event")
    until = saved.get("until_checkpoint")
    entries = saved.get("entries")
    recent = saved.get("recent")
    if not isinstance(recent, dict) or not all(
            isinstance(a, str) and isinstance(es, list) and all(isinstance(e, dict) for e in es)
            for a, es in recent.items()):
        raise NotResumable("the saved state lacks its last actions")
    if not isinstance(undone, set) or not (last is None or isinstance(last, str)) \
            or not isinstance(until, int) or until < 1 or not isinstance(entries, set) \
            or not all(isinstance(e, tuple) and len(e) == 2 for e in entries):
        raise NotResumable("the saved state lacks its bookkeeping")
    unfolded = saved.get("unfolded", {})
    if not isinstance(unfolded, dict) or not all(
            isinstance(k, str) and isinstance(n, int) for k, n in unfolded.items()):
        raise NotResumable("the saved state's report of unfolded events does not read back")
    meeting.replay.resume(saved["state"], undone, last, until, count, seen, history, entries, recent)
    meeting.replay.unfolded = dict(unfolded)
    return entries


_ALLOWED = {
    ("builtins", "set"), ("builtins", "frozenset"), ("builtins", "object"),
    ("copyreg", "_reconstructor"), ("copyreg", "__newobj__"),
    ("datetime", "datetime"), ("datetime", "date"), ("datetime", "time"),
    ("datetime", "timedelta"), ("datetime", "timezone"),
}


class _Restricted(pickle.Unpickler):
    """Only the core's classes (by module), datetimes and plain containers."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED or (module.startswith("moderator.core.")
                                          and not name.startswith("_")):
            found = super().find_class(module, name)
            if module.startswith("moderator.core.") and not isinstance(found, type):
                raise pickle.UnpicklingError(f"{module}.{name} is not a class")
            return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a saved state")
