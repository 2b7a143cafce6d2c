"""The chair's message to the podium, unmissable on the audience clock (hidden when none)."""

from __future__ import annotations

from textual.widgets import Static

from moderator.core import Meeting
from moderator.tui.text import plain


class PodiumBanner(Static):
    """Shows `meeting.podium_message()`; self-contained so any screen can place it."""

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

    def show(self, meeting: Meeting) -> None:
        message = meeting.podium_message()
        self.set_class(message is None, "-empty")
        shown = message.text if message is not None else ""
        if getattr(self, "_shown", None) != shown:
            self._shown = shown
            self.update(plain(shown, "bold"))
