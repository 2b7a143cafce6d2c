"""People from other systems as roster speakers, placed in the roster's delegations.

A delegation is matched by its name, id or alias, accents and case ignored ("Turkiye",
"Türkiye" and "Turkey" are one), folded as the roster's own search folds them; failing that, an affiliation
that names exactly one country of the roster ("Ministerio del Interior, España") is placed
with it, and the summary says so. Nothing unmatched is dropped: the person is kept, with the
text as their affiliation, and the text is listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from moderator.core.model import Category, Roster, Speaker
from moderator.core.search import search_key
from moderator.importing.text import slug, unique

COUNTRIES = (Category.PARTICIPATING_STATE, Category.PARTNER)
SHORTEST_COUNTRY_PHRASE = 4  # "UK" or "US" inside a longer text is too easily a false match
GENDERS = {
    "female": ("f", "female", "woman", "w", "femme", "frau", "weiblich", "mrs", "ms", "mme"),
    "male": ("m", "male", "man", "homme", "herr", "mann", "mannlich", "mr"),
    "other": ("other", "diverse", "divers", "non-binary", "nonbinary", "x", "d"),
}
NO_GENDER = ("", "-", "n/a", "prefer not to say", "not specified", "unknown")


@dataclass(frozen=True, slots=True)
class DelegationMatch:
    ref: str | None
    by_country: bool = False  # found as a country named inside the text
    candidates: tuple[str, ...] = ()  # several countries named: none chosen


def gender_of(text: str) -> tuple[str | None, bool]:
    """("female" | "male" | "other" | None, whether `text` was understood)."""
    value = search_key(text).rstrip(".")
    if value in NO_GENDER:
        return None, True
    for gender, spellings in GENDERS.items():
        if value in spellings:
            return gender, True
    return None, False


class DelegationFinder:
    """The roster's delegations, looked up by text; each distinct text is matched once."""

    def __init__(self, roster: Roster) -> None:
        # The roster search's exact matches (`match_names` scores a name above an id above an
        # alias), as one index: a list of thousands of affiliations costs one look-up each.
        self._exact: dict[str, str] = {}
        for rank in ("aliases", "id", "name"):
            for d in roster.delegations.values():
                texts = d.aliases if rank == "aliases" else (getattr(d, rank),)
                self._exact.update((search_key(text), d.id) for text in texts if search_key(text))
        self._cache: dict[str, DelegationMatch] = {}
        self._countries = [
            (d.id, re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)"))
            for d in roster.delegations.values()
            if d.category in COUNTRIES
            for phrase in {search_key(p) for p in (d.name, *d.aliases)}
            if len(phrase) >= SHORTEST_COUNTRY_PHRASE
        ]

    def find(self, text: str) -> DelegationMatch:
        query = search_key(text)
        if query not in self._cache:
            self._cache[query] = self._find(query)
        return self._cache[query]

    def _find(self, query: str) -> DelegationMatch:
        if not query:
            return DelegationMatch(None)
        if query in self._exact:
            return DelegationMatch(self._exact[query])
        named = sorted({ref for ref, pattern in self._countries if pattern.search(query)})
        if len(named) == 1:
            return DelegationMatch(named[0], by_country=True)
        return DelegationMatch(None, candidates=tuple(named))


@dataclass
class Enrolment:
    """Speakers added to a roster, each person once; what matched and what did not."""

    roster: Roster
    added: dict[str, Speaker] = field(default_factory=dict)
    already: set[str] = field(default_factory=set)  # roster speakers met again
    unmatched: dict[str, list[str]] = field(default_factory=dict)  # text -> places
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)  # text -> countries
    by_country: dict[str, str] = field(default_factory=dict)  # text -> delegation id
    matched: int = 0  # people placed in a delegation
    unplaced: dict[str, str] = field(default_factory=dict)  # new speaker id -> unmatched text

    def __post_init__(self) -> None:
        self.finder = DelegationFinder(self.roster)
        self._taken = set(self.roster.delegations) | set(self.roster.speakers)
        self._known = {self._key(s.name, s.delegation, s.affiliation): s.id
                       for s in self.roster.speakers.values()}
        self._by_name: dict[str, list[Speaker]] = {}
        for speaker in self.roster.speakers.values():
            self._by_name.setdefault(search_key(speaker.name), []).append(speaker)

    @staticmethod
    def _key(name: str, delegation: str | None, affiliation: str) -> tuple[str, str]:
        return search_key(name), delegation or search_key(affiliation)

    def enrol(self, name: str, *, place: str, affiliation: str = "", delegation: str = "",
              title: str = "", gender: str | None = None) -> str:
        """The roster id of this person: the existing speaker, else a new one.

        `delegation` is the text naming the delegation; without it the affiliation is used.
        """
        text = delegation or affiliation
        found = self.finder.find(text)
        if found.ref is not None:
            if found.by_country:
                self.by_country[text] = found.ref
        elif text:
            self.unmatched.setdefault(text, []).append(place)
            if found.candidates:
                self.ambiguous[text] = found.candidates
        key = self._key(name, found.ref, affiliation or ("" if found.ref else delegation))
        ref = self._known.get(key) or self._namesake(name, found.ref)
        if ref is not None:
            if ref in self.roster.speakers:
                self.already.add(ref)
            return ref
        if found.ref is not None:
            self.matched += 1
        ref = unique(slug(name, "speaker"), self._taken)
        self.added[ref] = Speaker(ref, name, title, affiliation or (delegation if found.ref is None
                                                                     else ""),
                                  found.ref, gender)
        self._known[key] = ref
        self._by_name.setdefault(search_key(name), []).append(self.added[ref])
        if found.ref is None and text:
            self.unplaced[ref] = text
        return ref

    def _namesake(self, name: str, delegation: str | None) -> str | None:
        """The one speaker of this name, unless a delegation tells them apart."""
        same = self._by_name.get(search_key(name), [])
        if len(same) == 1 and delegation in (None, same[0].delegation):
            return same[0].id
        return None

    def notes(self) -> dict[str, list[str]]:
        """A comment for each new speaker whose delegation was not found."""
        return {ref: [f"'{text}' is not a delegation of the roster: add it, or set "
                      "`delegation:` to one"] for ref, text in self.unplaced.items()}

    def by_country_lines(self) -> list[str]:
        """The people placed by a country their text names, for the secretariat to check."""
        if not self.by_country:
            return []
        pairs = ", ".join(f"'{text}' -> {self.roster.delegations[ref].name}"
                          for text, ref in self.by_country.items())
        return [f"Placed by the country the text names (check them): {pairs}."]

    def unmatched_summary(self, what: str) -> str:
        """"; 3 affiliations not matched: A, B, C" (or nothing)."""
        if not self.unmatched:
            return ""
        n = len(self.unmatched)
        names = ", ".join(f"'{text}'" for text in self.unmatched)
        return f"; {n} {what}{'s' * (n != 1)} not matched: {names}"
