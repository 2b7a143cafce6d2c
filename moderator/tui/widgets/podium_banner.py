"""The chair's message to the podium, unmissable on the audience clock (hidden when none)."""

from __future__ import annotations

from textual.reactive import var
from textual.widgets import Static

from moderator.tui.text import plain


class PodiumBanner(Static):
    """Shows the message the room view gives the screen (set `message`, None for none);
    self-contained so any screen can place it."""

    message: var[str | None] = var(None)

    # Kept with the widget: the screens that place it need no rule of their own.
    DEFAULT_CSS = """
    PodiumBanner {
        width: 1fr;
        height: auto;
        padding: 0 2;
        margin: 0 2;
        text-align: center;
        text-style: bold;
        /* Reverse video: apart from the clock's green, amber and red. */
        color: $background;
        background: $foreground;
        border: tall $accent;
    }
    PodiumBanner.-empty {
        display: none;
    }
    """

    def watch_message(self, message: str | None) -> None:
        self.set_class(message is None, "-empty")
        self.update(plain(message or "", "bold"))
