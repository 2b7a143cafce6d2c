"""Names written the way the meeting's official journal writes them.

"Denmark-European Union (with the candidate countries Albania and Montenegro; as well as
Andorra, in alignment)", "Japan (Partner for Co-operation)", "United States of America",
"Chairperson". The categories of aligned countries and their labels are the roster's data
(`Roster.alignment`), since they change from year to year; the grammar is here.
"""

from __future__ import annotations

from collections.abc import Sequence

from moderator.core.model import AlignmentCategory, Category, Roster

CHAIRPERSON = "Chairperson"
# Where space is short (the projector), an alignment of more countries than this is counted.
NAMED_IN_SHORT = 2


def journal_name(
    roster: Roster,
    who: str | None,
    guest: str | None = None,
    on_behalf: str | None = None,
    alignment: tuple[str, ...] = (),
    *,
    short: bool = False,
) -> str:
    """The speaker's name in journal style.

    `who` is a delegation or speaker id; None is the chair (or a guest when `guest` is given).
    `on_behalf` is the group a delegation speaks for; `alignment` the ids of the States that
    align themselves with the statement. Unknown ids are written as they are. `short`: an
    alignment of more than NAMED_IN_SHORT countries is counted ("(with 8 countries in
    alignment)"), for a screen with little room; the record always writes the clause in full.
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
        counted = len(set(alignment))
        clause = (f"(with {counted} countries in alignment)" if short and counted > NAMED_IN_SHORT
                  else alignment_clause(roster, on_behalf or who, alignment))
        name = f"{name} {clause}"
    return name


def alignment_clause(roster: Roster, group: str, aligned: Sequence[str]) -> str:
    """"(with the acceding country Croatia; ...; as well as the EFTA country Liechtenstein,
    member of the EEA, in alignment)": the aligned countries by the group's categories.

    Each category: its label by count, the names joined "A, B and C", its suffix after a
    comma; categories joined by "; ", "as well as" before the last; countries in no category
    come last, without a label.
    """
    aligned = list(dict.fromkeys(aligned))  # each country once, in the order given
    parts = []
    placed: set[str] = set()
    for category in roster.alignment.get(group, ()):
        members = [m for m in category.members if m in aligned]
        if members:
            parts.append(_category_part(roster, category, members))
            placed.update(members)
    rest = [roster.name_of(ref) for ref in aligned if ref not in placed]
    if rest:
        parts.append(join_names(rest))
    if len(parts) > 1:
        parts[-1] = f"as well as {parts[-1]}"
    return f"(with {'; '.join(parts)}, in alignment)"


def _category_part(roster: Roster, category: AlignmentCategory, members: list[str]) -> str:
    one = len(members) == 1
    text = f"{category.singular if one else category.plural} "
    text += join_names([roster.name_of(m) for m in members])
    suffix = category.suffix if one else category.suffix_plural
    return f"{text}, {suffix}" if suffix else text


def join_names(names: Sequence[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    if len(names) <= 2:
        return " and ".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _is_partner(roster: Roster, who: str) -> bool:
    delegation = roster.delegations.get(who)
    return delegation is not None and delegation.category is Category.PARTNER
