"""`json.dumps(value, indent=2, ensure_ascii=False)`, byte for byte, in a third of its time.

With an indent, Python's `json` leaves its C encoder for a pure-Python one made of nested
generators that yield every comma and space on its own (1x the generated meeting: 0.15 s, against
0.03 s without the indent). This writes the same text with one recursive call per container and
the C string encoder for every string. Anything but the plain JSON types the summary's document
holds (dict with str keys, list, str, int, float, bool, None) is left to `json` itself.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C encoder where there is one
from typing import Any

INDENT = "  "
CONTAINERS = (dict, list)


class _Unusual(Exception):
    """A value this writer does not write as `json` would: `json` writes the whole document."""


def _float(number: float) -> str:
    if number != number:
        return "NaN"
    if number == float("inf"):
        return "Infinity"
    if number == -float("inf"):
        return "-Infinity"
    return float.__repr__(number)


def indented(value: Any) -> str:
    """`value` as `json.dumps(value, indent=2, ensure_ascii=False)` writes it."""
    try:
        return _write(value)
    except _Unusual:
        return json.dumps(value, indent=2, ensure_ascii=False)


def _write(value: Any) -> str:
    chunks: list[str] = []
    append, text = chunks.append, encode_basestring

    def scalar(item: Any) -> str:
        kind = type(item)
        if kind is str:
            return text(item)
        if item is None:
            return "null"
        if item is True:
            return "true"
        if item is False:
            return "false"
        if kind is int:
            return int.__repr__(item)
        if kind is float:
            return _float(item)
        raise _Unusual

    def walk(item: Any, pad: str) -> None:
        """A dict or a list: its members one per line, `pad` deeper (a scalar written whole)."""
        kind = type(item)
        if kind is dict:
            members, brackets = item.items(), "{}"
        elif kind is list:
            members, brackets = enumerate(item), "[]"
        else:
            append(scalar(item))
            return
        if not item:
            append(brackets)
            return
        inner = pad + INDENT
        opening = brackets[0] + inner
        for key, member in members:
            append(opening)
            if kind is dict:
                if type(key) is not str:
                    raise _Unusual
                append(text(key))
                append(": ")
            if type(member) in CONTAINERS:
                walk(member, inner)
            else:
                append(scalar(member))
            opening = "," + inner
        append(pad)
        append(brackets[1])

    walk(value, "\n")
    return "".join(chunks)
