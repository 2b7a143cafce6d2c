"""Does a record belong to this agenda? The items and sessions its events name must be on it.

The same meeting's agenda may be edited during the meeting (an item added, a title or a time
corrected); an edit that removes an item the record already holds would silently drop what
was said on it, so the record is then refused, naming the item.
"""

from __future__ import annotations

from collections.abc import Iterable

from moderator.core.model import Agenda

# Every spelling the events use for the agenda entry they belong to.
_ITEM_KEYS = ("item", "item_id")
_SESSION_KEYS = ("session", "session_id")


Named = set[tuple[str, str]]  # ("item" | "session", id)


def named_entries(events: Iterable[dict]) -> Named:
    """Every agenda entry the events name, as ("item", id) and ("session", id)."""
    found: Named = set()
    for event in events:
        for kind, keys in (("item", _ITEM_KEYS), ("session", _SESSION_KEYS)):
            for key in keys:
                value = event.get(key)
                if isinstance(value, str):
                    found.add((kind, value))
    return found


def missing_from_agenda(agenda: Agenda, events: Iterable[dict], named: Named = frozenset()
                        ) -> list[str]:
    """The item and session ids the events (and `named`) name that `agenda` lacks, sorted."""
    known = {("item", item.id) for _, item in agenda.items()}
    known |= {("session", session.id) for session in agenda.sessions}
    return sorted({value for _, value in (named_entries(events) | set(named)) - known})


def record_problem(agenda: Agenda, events: Iterable[dict], named: Named = frozenset()
                   ) -> str | None:
    """A sentence saying why the record does not fit `agenda`, or None when it does.

    `named`: the entries named by events a saved state stands for (they are not read).
    """
    missing = missing_from_agenda(agenda, events, named)
    if not missing:
        return None
    shown = ", ".join(repr(m) for m in missing[:5]) + (", ..." if len(missing) > 5 else "")
    return (f"the record holds agenda entries that the agenda of {agenda.event.id!r} does not "
            f"have ({shown}): a database of another meeting, the wrong --agenda, or entries "
            "removed from the agenda (put them back); nothing was changed")
