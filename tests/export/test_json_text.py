"""The JSON export's writer writes what `json.dumps(indent=2, ensure_ascii=False)` writes, byte
for byte, for every document: the file a tool reads did not change when the writer did."""

from __future__ import annotations

import json
import math
from enum import StrEnum

from hypothesis import given, settings
from hypothesis import strategies as st

from moderator.export.json_text import indented

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
