"""When did the screen last change? A headless app renders its frames but never writes them;
this records each frame and turns it into terminal output, as a real terminal would need."""

from __future__ import annotations

import time
from typing import Any

from textual._compositor import CompositorUpdate
from textual.app import App


class Frames:
    """Wraps `app._display` (Textual's one exit to the terminal) to time every frame."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.times: list[float] = []
        self.screens: list[type] = []
        self._display = app._display
        app._display = self._record  # type: ignore[method-assign]

    def _record(self, screen: Any, renderable: Any) -> None:
        self._display(screen, renderable)
        if renderable is None:
            return
        if isinstance(renderable, CompositorUpdate):  # the bytes a terminal would be sent
            renderable.render_segments(self.app.console)
        self.times.append(time.perf_counter())
        self.screens.append(type(screen))

    def first_of(self, screen_type: type) -> float | None:
        """When the first frame of a screen of `screen_type` was finished."""
        for moment, kind in zip(self.times, self.screens, strict=True):
            if issubclass(kind, screen_type):
                return moment
        return None

    def last_since(self, start: float) -> float | None:
        """The end of the last frame after `start` (None: the screen did not change)."""
        return self.times[-1] if self.times and self.times[-1] >= start else None
