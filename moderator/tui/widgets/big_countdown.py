"""A countdown drawn in block digits scaled to fill its widget, for the back of the room."""

from __future__ import annotations

from functools import lru_cache

from rich.text import Text
from textual.geometry import Region
from textual.reactive import Reactive
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual, visualize
from textual.widget import Widget

# 5 rows per glyph; "#" is ink.
GLYPHS: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": ("..#", "..#", "..#", "..#", "..#"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    "-": ("...", "...", "###", "...", "..."),
    " ": ("...", "...", "...", "...", "..."),
}
ROWS = 5


def big_lines(face: str, width: int, height: int) -> list[str] | None:
    """`face` in block digits as large as fits `width` x `height` cells; None if it cannot fit."""
    glyphs = [GLYPHS.get(c, GLYPHS[" "]) for c in face]
    base = sum(len(g[0]) for g in glyphs) + max(0, len(glyphs) - 1)
    across, down = width // max(1, base), height // ROWS
    if across < 1 or down < 1:
        return None
    # Cells are about twice as tall as wide: keep digits from looking stretched either way.
    across, down = min(across, 3 * down), min(down, across)
    lines = []
    for row in range(ROWS):
        line = (" " * across).join(
            "".join(("█" if ink == "#" else " ") * across for ink in glyph[row])
            for glyph in glyphs
        )
        lines += [line] * down
    return lines


@lru_cache(maxsize=8)
def rows_of(face: str, width: int, height: int) -> list[str] | None:
    """The widget's rows for `face`, uncentred: blank rows above the digits to centre them
    in `height`; None when the digits cannot fit (the face is then written small). Each row
    is asked for as it is drawn: made once (shared, not to be changed)."""
    lines = big_lines(face.replace("-:--", "--:--"), width, height)
    if lines is None:
        return None
    return [""] * max(0, (height - len(lines)) // 2) + lines


def changed_cells(old: list[str], new: list[str], width: int) -> Region | None:
    """The cells where the rows `new` differ from `old` once centred in `width`: one box
    over the digits that changed, from the first row that changed to the last (None: the
    rows do not line up, all of it is drawn again)."""
    if len(old) != len(new) or any(len(a) != len(b) for a, b in zip(old, new, strict=True)):
        return None
    changed = [(y, [x for x, (c, d) in enumerate(zip(a, b, strict=True)) if c != d])
               for y, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    if not changed:
        return Region()
    centred = (width - len(old[changed[0][0]])) // 2
    # A cell either side: the centring's rounding is the renderer's.
    left = max(0, centred + min(xs[0] for _, xs in changed) - 1)
    right = min(width, centred + max(xs[-1] for _, xs in changed) + 2)
    return Region(left, changed[0][0], right - left, changed[-1][0] - changed[0][0] + 1)


class BigCountdown(Widget):
    """The block digits, drawn a row at a time: a new second draws the cells that changed (a
    digit or two of a few rows), not the whole face of ten rows across the screen."""

    face: Reactive[str] = Reactive("-:--", layout=False, repaint=False, init=False,
                                   compute=False)
    _strips: dict[str, Strip]  # a row's strip, for the width and style they were made for
    _made_for: tuple[int, Style | None] = (0, None)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._strips = {}

    def watch_face(self, old: str, new: str) -> None:
        width, height = self.size
        if width and height:
            before, after = rows_of(old, width, height), rows_of(new, width, height)
            if before is not None and after is not None:
                changed = changed_cells(before, after, width)
                if changed is not None:
                    if changed:
                        self.refresh(changed)
                    return
        self.refresh()

    def render(self) -> Text:
        width, height = self.size
        rows = rows_of(self.face, width, height)
        if rows is None:  # a tiny terminal still shows the time
            return Text(self.face, justify="center")
        return Text("\n".join(rows), justify="center", no_wrap=True)

    def render_line(self, y: int) -> Strip:
        width, height = self.size
        rows = rows_of(self.face, width, height)
        if rows is None:
            return super().render_line(y)
        style = self.visual_style
        if self._made_for != (width, style):
            self._strips.clear()
            self._made_for = (width, style)
        row = rows[y] if y < len(rows) else ""
        strip = self._strips.get(row)
        if strip is None:
            if len(self._strips) > 64:  # a day of faces: the rows of the last few
                self._strips.clear()
            strip = Visual.to_strips(self, visualize(self, Text(row, justify="center",
                                                                no_wrap=True)),
                                     width, 1, style, pad=True)[0]
            self._strips[row] = strip
        return strip
