"""A countdown drawn in block digits scaled to fill its widget, for the back of the room."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
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


class BigCountdown(Widget):
    face: reactive[str] = reactive("-:--")

    def render(self) -> Text:
        width, height = self.size
        lines = big_lines(self.face.replace("-:--", "--:--"), width, height)
        if lines is None:  # a tiny terminal still shows the time
            return Text(self.face, justify="center")
        pad = max(0, (height - len(lines)) // 2)
        return Text("\n" * pad + "\n".join(lines), justify="center", no_wrap=True)
