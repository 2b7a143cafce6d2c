"""The consoles' two themes, dark and light, each with WCAG AA contrast: text at least 4.5:1 on
what it is drawn on, the countdown's digits at least 3:1 (tests/tui/test_contrast.py measures
every cell of the consoles' screens, in true colour and in 256 colours).

Textual's stock themes are not made for that: the light one drew the running countdown green
on light grey (1.8:1, 1.9:1 in 256 colours). Each colour here says what it is for.
"""

from __future__ import annotations

from textual.theme import Theme

DARK = Theme(
    name="moderator-dark",
    primary="#0178D4",  # frames, the selection
    secondary="#004578",
    accent="#FFA62B",  # a break's countdown
    warning="#FFA62B",  # the last seconds
    error="#FF6E85",  # overtime: light enough on its own tinted background
    success="#4EBF71",  # the running countdown
    foreground="#E0E0E0",
    variables={
        "text-accent": "#FFB85C",  # section titles
        "text-disabled": "#9A9A9A",  # an input's placeholder: read before typing
    },
)

LIGHT = Theme(
    name="moderator-light",
    primary="#004578",
    secondary="#0162AD",
    accent="#8A4B00",
    warning="#8A4B00",
    error="#A8182E",
    success="#1E7B3A",
    foreground="#1A1A1A",
    surface="#E8E8E8",
    panel="#DCDCDC",
    background="#F0F0F0",
    dark=False,
    variables={
        "footer-key-foreground": "#00487A",
        "text-accent": "#7A4200",
        "text-muted": "#4A4A4A",
        "text-disabled": "#5E5E5E",
    },
)

THEMES = (DARK, LIGHT)
# What databases saved before these themes say: Textual's own, by name.
FORMER_NAMES = {"textual-dark": DARK.name, "textual-light": LIGHT.name}
