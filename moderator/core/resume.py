"""The folded state, saved and read back: a meeting resumed where the snapshot left it.

What is saved is the fold of the first `count` events of the journal: the state, the actions
taken back, the last floor event. It is tied to what it was folded with: the agenda and the
roster (an edited time limit changes the fold), the event version and the fold's own code. A
saved state that does not match, or does not read back, is refused (`NotResumable`), never used:
the caller folds the journal from the start instead.

The fold is saved as JSON (`plain_state.py`): reading it builds the core's own classes from
plain values and nothing else, so a saved state, whoever made it, runs no code.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from moderator import __version__
from moderator.core.belonging import Named, named_entries
from moderator.core.events import EVENT_VERSION
from moderator.core.model import Agenda, Roster
from moderator.core.plain_state import plain_state, state_from_plain

if TYPE_CHECKING:
    from moderator.core.meeting import Meeting

FORMAT = 2  # 2: JSON (1 was a pickle)
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
    saved = {
        "count": replay.folded_count,
        "entries": sorted(replay.resumed_entries | named_entries(replay.events)),
        "state": plain_state(meeting.state),
        "undone": sorted(replay.undone),
        "last_floor_event": replay.last_floor_event,
        "until_checkpoint": replay.until_checkpoint,
        # The events of the last actions, so that undoing one still says whose it was (and asks
        # again for another console's) without reading the journal.
        "recent": replay.recent_actions(RECENT_ACTIONS),
        # What was kept but not folded (unknown types, newer versions): still reported.
        "unfolded": dict(replay.unfolded),
    }
    return json.dumps(saved, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def resume(meeting: Meeting, data: bytes, count: int, seen: set[str],
           history: Callable[[], list[dict]]) -> Named:
    """Put the saved fold of the first `count` events into a meeting that has folded nothing.

    `seen`: the ids of those events (a set of its own: the meeting keeps it, uncopied);
    `history()`: every event of the journal, read only when an undo reaches back past the
    snapshot. Raises `NotResumable` when the bytes do not read back as a fold of `count` events.
    """
    if meeting.folded_count:
        raise ValueError("resume into a meeting that has folded nothing yet")
    try:
        saved = json.loads(data.decode("ascii"))  # written ASCII-only: the quickest read
        if not isinstance(saved, dict):
            raise TypeError("not a mapping")
        state = state_from_plain(saved["state"])
    except Exception as error:  # any failure to read is a refusal, never a crash
        raise NotResumable(f"the saved state does not read back ({type(error).__name__}: {error})") from None
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
    if not isinstance(undone, list) or not all(isinstance(a, str) for a in undone) \
            or not (last is None or isinstance(last, str)) \
            or type(until) is not int or until < 1 or not isinstance(entries, list) \
            or not all(isinstance(e, list) and len(e) == 2 and all(isinstance(x, str) for x in e)
                       for e in entries):
        raise NotResumable("the saved state lacks its bookkeeping")
    unfolded = saved.get("unfolded", {})
    if not isinstance(unfolded, dict) or not all(
            isinstance(k, str) and type(n) is int for k, n in unfolded.items()):
        raise NotResumable("the saved state's report of unfolded events does not read back")
    named: Named = {(kind, value) for kind, value in entries}
    meeting.replay.resume(state, set(undone), last, until, count, seen, history, named, recent)
    meeting.replay.unfolded = dict(unfolded)
    return named
