"""The JSON export's writers write what `json.dumps(indent=2, ensure_ascii=False)` writes, byte
for byte, for every document: the file a tool reads did not change when the writer did."""

from __future__ import annotations

import json
import math
from enum import StrEnum

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moderator.core.characters import unsafe_characters
from moderator.export import json_export
from moderator.export.json_text import Real, encoded, indented
from moderator.export.plain import escape_unsafe, may_hold_unsafe
from tests.export.hand_built import hand_summary

SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
DOCUMENTS = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                         | st.dictionaries(st.text(), inner, max_size=4), max_leaves=40)


def same(value) -> None:
    assert indented(value) == json.dumps(value, indent=2, ensure_ascii=False)


@settings(max_examples=400, deadline=None)
@given(DOCUMENTS)
def test_any_document_is_written_as_json_writes_it(document) -> None:
    same(document)


def test_the_edges_of_each_type() -> None:
    for value in ({}, [], "", [{}], {"a": []}, [[[]]], {"": {"": ""}}, 0, -0.0, 1e16, 1e-7,
                  math.nan, math.inf, -math.inf, 2 ** 70, True, None,
                  "\x00\x1f\x7f\u202e\ud800 \"quoted\" back\\slash\n\t",
                  {"a": 1, "b": [1, 2.5, "x", None, False, {"c": {}}]}):
        same(value)


def test_what_it_does_not_write_itself_is_left_to_json() -> None:
    class Kind(StrEnum):
        STATEMENT = "statement"

    for value in ({1: "a"}, {None: 1}, (1, 2), {"k": (1, [2])}, [Kind.STATEMENT],
                  {"kind": Kind.STATEMENT}):
        same(value)


# -- `encoded`: orjson's bytes, the floats given as `Real` -------------------------------------

def _as_json_writes(value) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _reals(value):
    """The document with its floats as `Real`, as `json_export` gives them."""
    if type(value) is float:
        return Real(value)
    if type(value) is dict:
        return {k: _reals(v) for k, v in value.items()}
    if type(value) is list:
        return [_reals(v) for v in value]
    return value


@settings(max_examples=400, deadline=None)
@given(DOCUMENTS)
def test_encoded_writes_any_document_as_json_writes_it(document) -> None:
    document = _reals(document)
    assert encoded(document) == _as_json_writes(document)


def test_encoded_writes_every_character_and_the_edges_of_each_type() -> None:
    every = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))
    for value in ({}, [], "", [{}], {"a": []}, [[[]]], {"": {"": ""}}, 0, 2 ** 63 - 1, -2 ** 63,
                  every, {every: [every, "\U0001f600"]},
                  [Real(x) for x in (0.0, -0.0, 1e16, 1e-05, 1e-7, 5e-324, 0.1, 12.5, 1e300,
                                     math.nan, math.inf, -math.inf)]):
        assert encoded(value) == _as_json_writes(value), repr(value)[:80]


def test_what_orjson_refuses_is_written_the_former_way() -> None:
    class Kind(StrEnum):
        STATEMENT = "statement"

    for value in ({1: "a"}, {None: 1}, 2 ** 70, [-2 ** 64], {"k": (1, [2])}, [Kind.STATEMENT]):
        assert encoded(value) == _as_json_writes(value)
    for value in ("\ud800", {"a": ["\udfff"]}):  # a lone surrogate is not UTF-8, either way
        with pytest.raises(UnicodeEncodeError):
            _as_json_writes(value)
        with pytest.raises(UnicodeEncodeError):
            encoded(value)


def _plain_floats(value, path="") -> list[str]:
    if type(value) is float:
        return [path]
    if type(value) is dict:
        return [p for k, v in value.items() for p in _plain_floats(v, f"{path}.{k}")]
    if type(value) is list:
        return [p for v in value for p in _plain_floats(v, f"{path}[]")]
    return []


def test_the_summary_gives_every_float_as_real_and_its_file_is_the_former_one() -> None:
    summary = hand_summary()
    document = json_export.to_document(summary)
    assert _plain_floats(document) == []
    reals = {type(v) for f in document["statistics"]["by_delegation"]
             for v in (f["share"], f["average_seconds"])}
    assert reals == {Real}
    assert type(document["sessions"][0]["items"][0]["actual_minutes"]) is Real
    former = escape_unsafe(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"
    assert json_export.render(summary) == former.encode("utf-8")


# -- the quick look for characters to escape ---------------------------------------------------

UNSAFE = "\x00\x08\x0b\x1b\x7f\x80\x85\x9f\u061c\u200b\u2028\u2029\u202a\u202e\u2060\u2066\u2069\ufeff"
SAFE = "ab \t\n\"\\é€\u200d\u00a0\U0001f600\u2014\u2019"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(UNSAFE + SAFE) | st.characters(), max_size=30))
def test_may_hold_unsafe_says_what_the_pattern_finds(text: str) -> None:
    data = text.encode("utf-8", "replace")
    found = unsafe_characters().search(data.decode("utf-8")) is not None
    assert may_hold_unsafe(data) is found


def test_may_hold_unsafe_for_each_character() -> None:
    for character in UNSAFE:
        assert may_hold_unsafe(f"text {character} text".encode())
    for character in SAFE:
        assert not may_hold_unsafe(f"text {character} text".encode())
    assert not may_hold_unsafe(b"")
