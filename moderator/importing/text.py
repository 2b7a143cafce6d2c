"""Text from other systems made safe for the meeting files: plain, one line, and ids from it."""

from __future__ import annotations

import re

from moderator.core.search import search_key

# Bidirectional overrides and isolates can reorder what a terminal shows.
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_NOT_ID = re.compile(r"[^a-z0-9]+")
# Cyrillic and Greek letters in Latin, for readable ids (accents are already folded away).
_LATIN = str.maketrans({
    **dict(zip("абвгґдеёєжзиіїйклмнопрстуфхцчшщъыьэюя",
               ["a", "b", "v", "g", "g", "d", "e", "e", "ie", "zh", "z", "i", "i", "i", "i",
                "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh",
                "shch", "", "y", "", "e", "iu", "ia"], strict=True)),
    **dict(zip("αβγδεζηθικλμνξοπρσςτυφχψω",
               ["a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p",
                "r", "s", "s", "t", "y", "f", "ch", "ps", "o"], strict=True)),
})


# Unicode's control characters (category Cc: C0, DEL and C1) become spaces; the overrides go.
_CONTROLS = [*range(0x20), *range(0x7F, 0xA0)]
_PLAIN = str.maketrans({**dict.fromkeys(map(chr, _CONTROLS), " "), **dict.fromkeys(_BIDI)})


def clean(value: object) -> str:
    """`value` as one line of plain text: no control characters, whitespace collapsed."""
    if value is None:
        return ""
    return " ".join(str(value).translate(_PLAIN).split())


def slug(text: str, fallback: str, limit: int = 40) -> str:
    """A lower-case ASCII id from `text` ("Ana María Muñoz" -> "ana-maria-munoz"), cut after a
    whole word within `limit` characters."""
    bare = _NOT_ID.sub("-", search_key(text).translate(_LATIN)).strip("-")
    if len(bare) > limit:
        cut = bare[: limit + 1]
        bare = cut.rsplit("-", 1)[0] if "-" in cut else cut[:limit]
    return bare.rstrip("-") or fallback


def unique(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`... the first not in `taken`; added to `taken`."""
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate
