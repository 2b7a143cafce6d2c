"""Names written the way the meeting's official journal writes them.

"Denmark-European Union (with Albania, Georgia in alignment)", "Japan (Partner for
Co-operation)", "United States of America", "Chairperson".
"""

from __future__ import annotations

from moderator.core.model import Category, Roster

CHAIRPERSON = "Chairperson"


def journal_name(
    roster: Roster,
    who: str | None,
    guest: str | None = None,
    on_behalf: str | None = None,
    alignment: tuple[str, ...] = (),
) -> str:
    """The speaker's name in journal style.

    `who` is a delegation or speaker id; None is the chair (or a guest when `guest` is given).
    `on_behalf` is the group a delegation speaks for; `alignment` the ids of the States that
    align themselves with the statement. Unknown ids are written as they are.
    """
    if who is None:
        return guest.strip() if guest and guest.strip() else CHAIRPERSON
    name = roster.name_of(who)
    if on_behalf:
        name = f"{name}-{roster.name_of(on_behalf)}"
    elif _is_partner(roster, who):
        name = f"{name} ({Category.PARTNER.label})"
    if guest and guest.strip():
        # A named guest speaking for a delegation: the person first, the delegation after.
        name = f"{guest.strip()} ({name})"
    if alignment:
        aligned = ", ".join(roster.name_of(ref) for ref in alignment)
        name = f"{name} (with {aligned} in alignment)"
    return name


def _is_partner(roster: Roster, who: str) -> bool:
    delegation = roster.delegations.get(who)
    return delegation is not None and delegation.category is Category.PARTNER
