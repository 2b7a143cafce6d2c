"""JSON whose objects remember the line they start on, so a problem can say where it is.

Read by json's C parser, then each object is given the line of its `{` (objects start in the
text in the order a depth-first walk of the value meets them; when there are more `{` than
objects, some stand in strings, and a scan that skips strings finds the objects' own). A file
that does not parse, or whose objects repeat a key (a repeated key can drop or reorder
objects), is read again by the pure-Python scanner that notes each object's offset as it
parses: its error messages, and its lines, are the reference.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from json.decoder import JSONObject
from json.scanner import py_make_scanner
from pathlib import Path
from typing import Any

from moderator.importing.source_file import failed, read_source, utf8_text


class Located(dict):  # type: ignore[type-arg]
    """A JSON object; `line` is where its `{` stands (1-based)."""

    line = 0


class _Repeated(Exception):
    """An object repeats a key: the quick reading cannot place the objects."""


def _unrepeated(pairs: list[tuple[str, Any]]) -> Located:
    value = Located(pairs)
    if len(value) != len(pairs):
        raise _Repeated
    return value


MAX_DIGITS = 30  # ids, minutes and dates need far fewer; a longer number is not Indico's


class NumberRefused(ValueError):
    """A number no timetable holds (too many digits, not finite): `text` as written."""

    def __init__(self, text: str, why: str) -> None:
        super().__init__(why)
        self.text = text


def _whole(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise NumberRefused(text, f"a number of {len(text.lstrip('-')):,} digits (at most "
                                  f"{MAX_DIGITS})")
    return int(text)


def _decimal(text: str) -> float:
    value = float(text) if len(text) <= 2 * MAX_DIGITS else float("inf")
    if not math.isfinite(value):
        raise NumberRefused(text, f"a number too large ({len(text):,} characters)")
    return value


def _constant(text: str) -> float:
    raise NumberRefused(text, f"{text} is not a number JSON allows")


class _Decoder(json.JSONDecoder):
    """The pure-Python scanner, with objects that note their offset (the C one cannot), and
    numbers held to what a timetable holds (Python's own limit would end in a traceback)."""

    def __init__(self, text: str) -> None:
        super().__init__(object_pairs_hook=Located, parse_int=_whole, parse_float=_decimal,
                         parse_constant=_constant)
        newlines = [m.start() for m in re.finditer("\n", text)]

        def parse_object(s_and_end: tuple[str, int], *rest: Any) -> tuple[Located, int]:
            value, end = JSONObject(s_and_end, *rest)
            value.line = bisect_right(newlines, s_and_end[1] - 1) + 1
            return value, end

        self.parse_object = parse_object
        self.scan_once = py_make_scanner(self)


_BRACE = re.compile(r"\{")
_STRING_OR_BRACE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|\{')


def _quick(text: str) -> Any:
    """The value, its objects placed; None when the careful reading must decide."""
    try:
        value = json.loads(text, object_pairs_hook=_unrepeated, parse_int=_whole,
                           parse_float=_decimal, parse_constant=_constant)
    except (ValueError, RecursionError, _Repeated):  # JSONDecodeError and NumberRefused too
        return None
    objects = list(_depth_first(value))
    starts = [m.start() for m in _BRACE.finditer(text)]
    if len(starts) != len(objects):  # some string holds a `{`: the strings are skipped
        starts = [m.start() for m in _STRING_OR_BRACE.finditer(text) if text[m.start()] == "{"]
    if len(starts) != len(objects):  # pragma: no cover - every `{` outside a string is one
        return None
    line, counted = 1, 0
    for found, start in zip(objects, starts, strict=True):
        line += text.count("\n", counted, start)
        counted = start
        found.line = line
    return value


def _depth_first(value: Any) -> Any:
    """Every object in `value`, in the order their `{` stand in the text."""
    waiting = [value]
    while waiting:
        value = waiting.pop()
        if isinstance(value, Located):
            yield value
            waiting.extend(reversed(value.values()))
        elif isinstance(value, list):
            waiting.extend(reversed(value))


def read_json(path: Path) -> Any:
    """The JSON value in `path`, objects `Located`; raises `ImportFailed` saying where it is bad."""
    name = str(path)
    text = utf8_text(read_source(path, "a JSON file"), name)
    if not text.strip():
        raise failed(name, "is empty: expected the JSON of Indico's timetable export")
    quick = _quick(text)
    if quick is not None:
        return quick
    try:
        return _Decoder(text).decode(text)
    except json.JSONDecodeError as error:
        hint = ""
        if text.lstrip().startswith("<"):
            hint = " (this looks like a web page: save the export's JSON, not the page)"
        raise failed(f"{name}:{error.lineno}:{error.colno}", f"not JSON: {error.msg}{hint}"
                    ) from None
    except RecursionError:
        raise failed(name, "is nested too deeply") from None
    except NumberRefused as refused:
        at = max(0, text.find(refused.text))
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        raise failed(f"{name}:{line}:{column}", f"not JSON for a timetable: {refused}") from None
