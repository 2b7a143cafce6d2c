"""Table columns sized to their content and the page, so that no word breaks inside a cell.

Text is measured with the metrics of DejaVu Sans (the font matplotlib ships, so it is always
here), which is wider than the fonts Word and LibreOffice set tables in (Calibri, Carlito,
Liberation Sans): a column wide enough for a word in DejaVu Sans holds it in those too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib.util import find_spec
from itertools import repeat
from pathlib import Path

from fontTools.ttLib import TTFont

CELL_PADDING_CM = 0.19 * 2 + 0.1  # Word's cell margins, left and right, and a little air
POINT_CM = 2.54 / 72
_BREAKS = re.compile(r"[ \t\n]+")  # where a line may break: words are kept whole, dashes and all
# Found without importing matplotlib (half a second): its package's own data folder.
_FONTS = Path(find_spec("matplotlib").submodule_search_locations[0]) / "mpl-data" / "fonts" / "ttf"


@cache
def _advances(bold: bool) -> tuple[dict[str, float], float]:
    """Each character's advance as a share of the font size, and the widest (for the rest)."""
    font = TTFont(_FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"), lazy=True)
    per_em = font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    advances = {chr(code): metrics[name][0] / per_em
                for code, name in font.getBestCmap().items()}
    return advances, max(advances.values())


def text_width_cm(text: str, size_pt: float, *, bold: bool = False) -> float:
    advances, widest = _advances(bold)
    # map over the dict's own get: the loop stays in C (a 100,000-character name is measured)
    return sum(map(advances.get, text, repeat(widest, len(text)))) * size_pt * POINT_CM


def column_widths(header: Sequence[str], rows: Sequence[Sequence[str]], available_cm: float,
                  size_pt: float) -> tuple[list[float], bool]:
    """Widths in cm for each column, and whether they fit `available_cm` with no word broken.

    Each column gets at least its longest word; what is left of the page goes to the columns
    whose text would otherwise wrap, in proportion to how much more they would need.
    """
    least = [0.0] * len(header)
    natural = [0.0] * len(header)
    seen: dict[tuple[str, bool], tuple[float, float]] = {}  # cells repeat: measure each once
    for row, bold in ((header, True), *((r, False) for r in rows)):
        for n, text in enumerate(row):
            key = (text, bold)
            if key not in seen:
                words = _BREAKS.split(text)  # a no-break space holds its words together
                whole = text_width_cm(text, size_pt, bold=bold)
                seen[key] = (whole if len(words) == 1 else
                             max(text_width_cm(w, size_pt, bold=bold) for w in words), whole)
            word, whole = seen[key]
            least[n], natural[n] = max(least[n], word), max(natural[n], whole)
    least = [w + CELL_PADDING_CM for w in least]
    natural = [w + CELL_PADDING_CM for w in natural]
    if sum(natural) <= available_cm:
        return _stretch(natural, available_cm), True
    if sum(least) > available_cm:
        return _stretch(least, available_cm), False
    spare = available_cm - sum(least)
    wants = [b - a for a, b in zip(least, natural, strict=True)]
    return [a + spare * w / sum(wants) for a, w in zip(least, wants, strict=True)], True


def _stretch(widths: list[float], available_cm: float) -> list[float]:
    """The widths in proportion, filling the page's width."""
    total = sum(widths)
    return [w * available_cm / total for w in widths]
