"""WCAG contrast of what a screen shows, cell by cell, in the colours the theme gave it.

Each cell's foreground and background are read from the composited screen (Textual has already
resolved the theme's variables, `auto` colours, transparency and dim text by then), in true
colour and as a 256-colour terminal shows them. Text needs 4.5:1; the digits of a countdown
3:1 (large text, WCAG 1.4.3); frames and rules are not text; an inactive key (dimmed in the
footer) is exempt, as WCAG exempts inactive controls.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.color import Color, ColorSystem
from textual.app import App
from textual.geometry import Region

TEXT = 4.5
DIGITS = 3.0
# Box drawing, blocks and the block digits' parts: frames, rules and digits, not letters.
_SHAPES = (range(0x2500, 0x25A0), range(0x1FB00, 0x1FBFF))


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        value_ = value / 255
        return value_ / 12.92 if value_ <= 0.03928 else ((value_ + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """The WCAG contrast ratio of two colours, 1 to 21."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def _rgb(color: Color | None, system: ColorSystem) -> tuple[int, int, int] | None:
    if color is None:
        return None
    if system is ColorSystem.EIGHT_BIT:
        color = color.downgrade(ColorSystem.EIGHT_BIT)
    triplet = color.get_truecolor()
    return triplet.red, triplet.green, triplet.blue


def _is_shape(char: str) -> bool:
    return any(ord(char) in shapes for shapes in _SHAPES)


@dataclass(frozen=True)
class Poor:
    """A run of cells below its contrast."""

    text: str
    x: int
    y: int
    ratio: float
    needed: float
    colours: str

    def __str__(self) -> str:
        return f"“{self.text}” at {self.x},{self.y}: {self.ratio:.2f}:1 < {self.needed} ({self.colours})"


def poor_contrast(app: App, digits: list[Region], exempt: list[Region],
                  within: Region | None = None) -> list[Poor]:
    """Every run of cells on the screen whose contrast is below what it needs, in true colour
    and in 256 colours; `digits`: where countdown digits are; `exempt`: inactive controls;
    `within`: only there (a dialog: the screen under it is shaded, and inactive)."""
    found: list[Poor] = []
    strips = app.screen._compositor.render_strips()  # what the terminal is sent, composited
    for y, strip in enumerate(strips):
        x = 0
        for segment in strip:
            text, style = segment.text, segment.style
            width = segment.cell_length
            if style is not None and text.strip():
                for system in (ColorSystem.TRUECOLOR, ColorSystem.EIGHT_BIT):
                    fg, bg = _rgb(style.color, system), _rgb(style.bgcolor, system)
                    if style.reverse:
                        fg, bg = bg, fg
                    if fg is None or bg is None:
                        continue
                    in_digits = any(r.contains(x, y) for r in digits)
                    if any(r.contains(x, y) for r in exempt) or (
                            within is not None and not within.contains(x, y)):
                        continue
                    letters = [c for c in text if c.strip() and not _is_shape(c)]
                    if not letters and not in_digits:
                        continue  # a frame or a rule
                    needed = DIGITS if in_digits else TEXT
                    value = ratio(fg, bg)
                    if value < needed:
                        found.append(Poor(text.strip()[:40], x, y, value, needed,
                                          f"{system.name}: #{fg[0]:02x}{fg[1]:02x}{fg[2]:02x} "
                                          f"on #{bg[0]:02x}{bg[1]:02x}{bg[2]:02x}"))
            x += width
    return found
