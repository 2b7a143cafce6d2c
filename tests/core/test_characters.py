"""The one list of characters that are not text, and `neutralise`'s quick way past clean text."""

from __future__ import annotations

import sys

from moderator.core.characters import REPLACEMENT, neutralise, unsafe_characters


def test_every_character_replaced_is_one_that_is_not_printable() -> None:
    # `neutralise` returns printable text untouched without its patterns: it may only do so if
    # no character the patterns replace is printable.
    for breaks in (True, False):
        pattern = unsafe_characters(breaks=breaks)
        printable = [f"U+{n:04X}" for n in range(sys.maxunicode + 1)
                     if pattern.match(chr(n)) and chr(n).isprintable()]
        assert printable == []


def test_neutralise_replaces_what_is_not_text_and_keeps_the_rest() -> None:
    assert neutralise("Türkiye — 北京 «ok»") == "Türkiye — 北京 «ok»"
    assert neutralise("a\u202eb\x1b[2Jc") == f"a{REPLACEMENT}b{REPLACEMENT}[2Jc"
    assert neutralise("one\r\ntwo\rthree\tfour") == "one\ntwo\nthree\tfour"
    assert neutralise("one\ntwo\tthree", breaks=False) == f"one{REPLACEMENT}two{REPLACEMENT}three"
    assert neutralise("no\u00a0break\u200bspace") == f"no\u00a0break{REPLACEMENT}space"


def test_lines_and_tabs_alone_are_kept_as_they_are_and_nothing_else_slips_by_them() -> None:
    kept = "First line\n\tsecond, indented\n\nthird — «ok» 北京"
    assert neutralise(kept) is kept
    assert neutralise("line\n\u202eevil\tx") == f"line\n{REPLACEMENT}evil\tx"
    assert neutralise("line\nbell\x07\n") == f"line\nbell{REPLACEMENT}\n"
    assert neutralise("line\r\nnext\n") == "line\nnext\n"
    assert neutralise("line\nzero\u200bwidth") == f"line\nzero{REPLACEMENT}width"
    assert neutralise(kept, breaks=False) == kept.replace("\n", REPLACEMENT).replace(
        "\t", REPLACEMENT)
