"""The CSV export writes its rows itself: byte for byte what Python's csv writer writes."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from moderator.export.csv_export import csv_row

# Text made mostly of what CSV treats specially: quotes, commas, both line ends, blanks.
TEXT = st.text(alphabet=st.sampled_from(['"', ",", "\r", "\n", " ", "\t", "a", "é", "=", "'",
                                         ";", "\u2028", "\x00"]), max_size=12)
CELL = st.one_of(TEXT, st.integers(-10**12, 10**12), st.booleans(),
                 st.floats(allow_nan=False, allow_infinity=False))
ROW = st.lists(CELL, min_size=1, max_size=6)


def written_by_csv(cells: list) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    return out.getvalue()


@settings(max_examples=2000, deadline=None)
@given(ROW)
def test_a_row_is_what_the_csv_writer_writes(cells: list) -> None:
    assert csv_row(cells) == written_by_csv(cells)


def test_the_cells_that_need_quotes_get_them() -> None:
    for cells in (["a", "b"], ["he said \"no\"", "x"], ["one,two"], ["line\r\nnext", ""],
                  [""], ["", ""], [" padded ", 7], ["=1+1"]):
        assert csv_row(cells) == written_by_csv(cells), cells
    assert csv_row(['he said "no"', "a,b", "two\nlines"]) == \
        '"he said ""no""","a,b","two\nlines"\r\n'
