"""Line API lists whose new length is no layout of the screen, when their size cannot change.

Textual lays the whole screen out whenever a widget's `virtual_size` changes (a reactive that
lays out), so that the widget's own size and its scrollbars follow its content. A list taller
than its box, before and after, with its scrollbar shown, needs neither: its height is held
(its own height, or its greatest, clamps it both times) and its scrollbar stays. Its scrollbar
is updated and the list drawn; the rest of the screen is left as it is. (At 160 columns each
floor key laid the screen out for the notes list's new speaker and redrew half of it.)
"""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.widget import Widget


class KeepsItsSize(ScrollView):
    """A `ScrollView` that sets its virtual size with `show_virtual_size`."""

    def show_virtual_size(self, size: Size) -> None:
        """`virtual_size` becomes `size`: a layout of the screen only if this list's size or its
        scrollbars could change with it."""
        if size == self.virtual_size:
            return
        if not self._size_held(size):
            self.virtual_size = size
            return
        self.set_reactive(Widget.virtual_size, size)
        self._scroll_update(size)  # the scrollbar's thumb; the scroll kept within the list
        if self.is_anchored and not self._anchor_released:
            # As Textual's layout keeps an anchored list at its end.
            end = size.height - (self.container_size.height - self.scrollbar_size_horizontal)
            self.scroll_y = end
            self.scroll_target_y = self.scroll_y
        self.refresh()

    def _size_held(self, size: Size) -> bool:
        """Taller than its box now and with `size`, the vertical scrollbar shown, no horizontal
        one (overflow-x hidden): the list's size and scrollbars stay as they are."""
        styles, shown = self.styles, self.container_size
        return (self.is_mounted and bool(shown) and self.show_vertical_scrollbar
                and styles.overflow_x == "hidden" and styles.overflow_y in ("auto", "scroll")
                and size.width == self.virtual_size.width
                and self.virtual_size.height > shown.height and size.height > shown.height)
