"""The one sanitiser of every export: names and notes as text, never terminal control.

Every renderer passes each piece of recorded or agenda text through `plain_text` before it
escapes it for its format: C0/C1 controls (ESC, OSC 52, BEL...) and bidi overrides become
U+FFFD, so `cat summary.md` cannot retitle, clear or reorder anything.
"""

from __future__ import annotations

from moderator.core.characters import neutralise, unsafe_characters


def plain_text(text: object, *, breaks: bool = True) -> str:
    """`text` (any value, as `str`) safe in an export; `breaks` keeps tabs and newlines."""
    return neutralise(str(text), breaks=breaks)


# A spreadsheet runs a cell that begins with one of these as a formula (or, past leading
# blanks and line breaks, with one of the first four).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def defuse(cell: str) -> str:
    """A text cell that can never run as a formula: a leading quote where it could."""
    if cell.startswith(FORMULA_STARTS) or cell.lstrip().startswith(FORMULA_STARTS[:4]):
        return "'" + cell
    return cell


def spreadsheet_cell(text: object) -> str:
    """`text` for a spreadsheet's cell: `plain_text`, then defused, last, so that no later
    step (a carriage return made a newline, a control made U+FFFD) can make it a formula."""
    return defuse(plain_text(text))


def escape_unsafe(json_text: str) -> str:
    """JSON text with every character that is not text written as a `\\uXXXX` escape.

    The values read back exactly (a tool gets the note as recorded); the bytes hold no
    control or override that a terminal or an editor would act on.
    """
    return unsafe_characters().sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)
