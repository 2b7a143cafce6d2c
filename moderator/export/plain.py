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


_TEXT_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n"  # printable ASCII, and the breaks kept


def may_hold_unsafe(data: bytes) -> bool:
    """Whether UTF-8 `data` holds a character `escape_unsafe` escapes.

    Looked for among what is left once printable ASCII is taken out (a multi-byte character
    is all bytes >= 0x80, so it stays whole): at ten times the generated meeting 0.03 s for the
    JSON export's 70 MB, where the pattern over the whole text took 0.2 s.
    """
    rest = data.translate(None, _TEXT_ASCII)
    return bool(rest) and unsafe_characters().search(rest.decode("utf-8")) is not None


def escape_unsafe(json_text: str) -> str:
    """JSON text with every character that is not text written as a `\\uXXXX` escape.

    The values read back exactly (a tool gets the note as recorded); the bytes hold no
    control or override that a terminal or an editor would act on.
    """
    return unsafe_characters().sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)
