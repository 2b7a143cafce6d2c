"""Statements on behalf of a group ("Denmark-European Union (with ... in alignment)"): who may
deliver one, who may align with it, and when a request duplicates one already waiting.

Membership is data of the roster: a delegation's `group` names the group it belongs to (the EU
member States carry `group: EU`). A group nobody is listed in is not checked for membership.
"""

from __future__ import annotations

from collections.abc import Iterable

from moderator.core.model import Roster
from moderator.core.state import WaitingRequest


def members(roster: Roster, group: str) -> set[str]:
    return {ref for ref, delegation in roster.delegations.items() if delegation.group == group}


def is_group(roster: Roster, ref: str) -> bool:
    """A delegation others are listed as members of (the European Union, say)."""
    return any(delegation.group == ref for delegation in roster.delegations.values())


def group_problem(roster: Roster, who: str | None, on_behalf: str | None,
                  alignment: tuple[str, ...], waiting: Iterable[WaitingRequest]) -> str | None:
    """Why a request with this group and alignment cannot join the list (None: it can)."""
    name = roster.name_of
    if on_behalf is not None:
        if who is None:
            return f"A guest cannot speak on behalf of {name(on_behalf)}"
        if who == on_behalf:
            return f"{name(who)} cannot speak on behalf of itself"
        listed = members(roster, on_behalf)
        if listed and who not in listed:
            return f"{name(who)} is not a member of {name(on_behalf)}: it cannot speak on its behalf"
        for request in waiting:
            if request.on_behalf == on_behalf:
                speaker = name(request.who) if request.who else request.guest
                return (f"A statement on behalf of {name(on_behalf)} is already waiting "
                        f"({speaker}-{name(on_behalf)})")
    if not alignment:
        return None
    if on_behalf is None:
        return "Alignment is with a group statement: say on whose behalf the delegation speaks"
    listed = members(roster, on_behalf)
    seen: set[str] = set()
    for ref in alignment:
        if ref in seen:
            return f"{name(ref)} is named twice in alignment"
        seen.add(ref)
        if ref in (who, on_behalf):
            return f"{name(ref)} cannot be in alignment with its own statement"
        if ref in listed:
            return f"{name(ref)} is a member of {name(on_behalf)}, not a country in alignment"
        if is_group(roster, ref):
            return f"{name(ref)} is a group, not a country in alignment"
    return None
