"""A partial update draws the rows it updates, not every line of every widget.

Asked for a partial update (a second of the clock: the status bar's row, the countdown's digits),
Textual's compositor has every visible widget whose container overlaps the updated area render
all its lines, and keeps those of the updated rows: each second, all 16 widgets of the console
rendered their every line (from their caches), two thirds of an idle console's CPU. Here each
renders the rows of the updated area alone, every column of them, as before: the chops of
those rows are filled as Textual fills them, and no row outside the area is drawn anyway.
The same screens, covered by a dialog, do not have the dialog drawn whole a second time.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip


class RowsCompositor(Compositor):
    def _get_renders(self, crop: Region | None = None
                     ) -> Iterable[tuple[Region, Region, list[Strip]]]:
        if crop is None:  # the whole screen
            yield from super()._get_renders(crop)
            return
        top, bottom = crop.y, crop.bottom
        for widget, (region, clip) in self.visible_widgets.items():
            if not crop.overlaps(clip):
                continue
            first, last = max(clip.y, top), min(clip.bottom, bottom)
            if last <= first:
                continue
            rows = Region(clip.x, first, clip.width, last - first)  # the clip, those rows
            x, y, width, height = region.intersection(rows)
            if width and height:
                yield region, rows, widget.render_lines(
                    Region(x - region.x, y - region.y, width, height))


class DrawsRows:
    """A screen whose partial updates draw the rows they update (`RowsCompositor`), and which a
    dialog opening over it does not have drawn twice."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._compositor = RowsCompositor()

    def on_screen_suspend(self) -> None:
        # Textual repaints the screen a dialog opens over (`push_screen`), and the repaint of a
        # screen under a dialog redraws the dialog's whole frame: a second frame, drawn a timer
        # later, of what the dialog's first frame showed (this screen blended in, as it is).
        # What changes under the dialog afterwards (the clock) still reaches it, row by row;
        # Textual repaints the screen whole again when it is shown again.
        self._repaint_required = False
