"""Characters that are not text: terminal controls, bidi overrides, invisible marks.

A name or a note is shown, printed and exported as text; these characters would make it
something else (retitle or clear a terminal, write its clipboard, reorder a line, make two
names look alike). One list, for the loader's checks and for every export.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
# C0 controls but tab and newline, DEL, C1 controls (ESC and CSI start terminal escapes).
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
# Embeddings, overrides and isolates reorder the text around them; the line and paragraph
# separators break a line where no newline is seen.
_BIDI = "\u202a-\u202e\u2066-\u2069\u061c\u2028\u2029"
# Invisible in a name: zero-width space, word joiner, zero-width no-break space (BOM).
# (The zero-width joiner and non-joiner are kept: emoji sequences and several scripts need them.)
_INVISIBLE = "\u200b\u2060\ufeff"

_NOT_TEXT = re.compile(f"[{_CONTROLS}{_BIDI}{_INVISIBLE}]")
_NOT_TEXT_OR_BREAK = re.compile(f"[{_CONTROLS}\t\n{_BIDI}{_INVISIBLE}]")


def neutralise(text: str, *, breaks: bool = True) -> str:
    """`text` with every character that is not text replaced by U+FFFD.

    `breaks` keeps tab and newline (for formats where a note keeps its lines); a carriage
    return becomes a newline first, as the note meant.
    """
    if text.isprintable():  # no control, format or separator character: nothing to replace
        return text
    if breaks and text.replace("\n", "").replace("\t", "").isprintable():
        return text  # lines and tabs, kept; nothing else to replace (a CR is not printable)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return (_NOT_TEXT if breaks else _NOT_TEXT_OR_BREAK).sub(REPLACEMENT, text)


def first_unwanted(text: str, *, breaks: bool = False) -> str | None:
    """A description of the first character that is not text (e.g. "U+202E"), or None."""
    match = (_NOT_TEXT if breaks else _NOT_TEXT_OR_BREAK).search(text.replace("\r\n", "\n"))
    return None if match is None else f"U+{ord(match.group()):04X}"


def unsafe_characters(*, breaks: bool = True) -> re.Pattern[str]:
    """The pattern of every character that is not text (tab and newline too unless `breaks`)."""
    return _NOT_TEXT if breaks else _NOT_TEXT_OR_BREAK
