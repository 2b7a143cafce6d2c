"""Finding a delegation or speaker by what the moderator types: name, id or alias, accents optional."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from moderator.core.model import Roster

# Letters that NFKD does not split into a base letter and an accent.
_SPECIAL = str.maketrans(
    {"ı": "i", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "æ": "ae", "œ": "oe"}
)


def search_key(text: str) -> str:
    """Lower-case `text` without accents, so that "Türkiye" and "turkiye" compare equal."""
    if text.isascii():  # nothing to translate, decompose or strip: `folded`'s result, quick
        return " ".join(text.lower().split())
    return folded(text)


class _WithoutMarks(dict[int, int | None]):
    """A `str.translate` table that drops combining marks: each character is looked up in
    Unicode's data once, the first time it is met (up to `KEPT` characters: a text made of
    every code point cannot grow the table without end)."""

    KEPT = 65_536

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        if len(self) < self.KEPT:
            self[code] = kept
        return kept


_WITHOUT_MARKS = _WithoutMarks()


def folded(text: str) -> str:
    """`search_key` the long way, for any text."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return " ".join(decomposed.translate(_WITHOUT_MARKS).casefold().split())


@dataclass(frozen=True, slots=True)
class Match:
    """A delegation or speaker that matches the typed text; higher `score` is better."""

    ref: str  # the delegation or speaker id
    name: str
    kind: str  # "delegation" or "speaker"
    score: int
    via: str  # what matched: the name, the id or an alias


def _score(query: str, candidate: str, exact: int) -> int:
    """How well `query` (folded) matches `candidate`; 0 when it does not."""
    folded = search_key(candidate)
    if not folded:
        return 0
    if folded == query:
        return exact
    if folded.startswith(query):
        return exact - 10
    words = folded.replace("-", " ").replace("(", " ").split()
    if any(word.startswith(query) for word in words):
        return exact - 20
    if query in folded:
        return exact - 40
    return 0


def match_names(roster: Roster, text: str, limit: int = 20) -> list[Match]:
    """Delegations and speakers matching `text`, best first.

    Matches by name, id and alias, case- and accent-insensitive ("turki" finds Türkiye).
    An exact id or name beats a prefix, which beats a word prefix, which beats a substring;
    ties go to delegations, then alphabetical order.
    """
    query = search_key(text)
    if not query:
        return []
    found: list[Match] = []
    entries = [
        ("delegation", d.id, d.name, d.aliases) for d in roster.delegations.values()
    ] + [("speaker", s.id, s.name, ()) for s in roster.speakers.values()]
    for kind, ref, name, aliases in entries:
        candidates = [(_score(query, name, 100), name), (_score(query, ref, 98), ref)]
        candidates += [(_score(query, alias, 96), alias) for alias in aliases]
        score, via = max(candidates, key=lambda pair: pair[0])
        if score > 0:
            found.append(Match(ref, name, kind, score, via))
    found.sort(key=lambda m: (-m.score, m.kind != "delegation", search_key(m.name)))
    return found[:limit]
