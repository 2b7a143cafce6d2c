"""Textual's footer, drawn again only when the keys it shows change."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """Textual's `Footer` rebuilds all its keys (28 widgets on the chair's console) whenever
    its screen's bindings may have changed: a dialog opening over the screen or closing, the
    focus moving, the list of speakers becoming empty. Most of those leave the keys as they
    were: the footer then keeps them (a third of the time of opening the add dialog)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._keys_shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        keys = self._keys_of(screen)
        if keys is not None and keys == self._keys_shown and self._bindings_ready:
            return
        self._keys_shown = keys
        super().bindings_changed(screen)

    def _keys_of(self, screen: Screen) -> tuple | None:
        """What the footer would show of `screen`'s bindings (None: not this footer's screen,
        or no app focus: Textual's own rules decide)."""
        if not self.is_attached or screen is not self.screen or not screen.app.app_focus:
            return None
        return tuple((binding.key, binding.description, binding.action, binding.show,
                      binding.group, binding.key_display, enabled, tooltip)
                     for (_, binding, enabled, tooltip) in screen.active_bindings.values())
