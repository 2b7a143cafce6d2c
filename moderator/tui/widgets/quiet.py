"""Update a widget only when what it shows changed, and lay the screen out only when its size
changes.

`Static.update` lays the whole screen out again; the console's widgets are shown again on every
tick and every event, mostly with the very same text. The profile of an idle console on a long
meeting showed most of its time in those layouts, and a floor key's frame half its time: a
widget whose new content keeps its size is only drawn again (`repainted`).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Digits, Static


def _key(content: Text | str) -> Any:
    if isinstance(content, str):
        return content
    # rich's Text equality ignores the base style and the overflow: compare them as well.
    return (content.plain, str(content.style), tuple(content.spans), content.no_wrap,
            content.overflow, content.justify, content.end)


def update(widget: Static | Digits, content: Text | str) -> None:
    """`widget.update(content)`, unless it already shows exactly that."""
    key = _key(content)
    if getattr(widget, "_quiet_shown", None) == key:
        return
    widget._quiet_shown = key  # type: ignore[union-attr]
    if isinstance(widget, Digits):
        widget.update(content)  # type: ignore[arg-type]  # a layout only when its width changes
        return
    widget.update(content, layout=False)
    if resized(widget):
        widget.refresh(layout=True)


def repainted(widget: Widget) -> None:
    """`widget` shows something else: draw it again, and lay the screen out only if that
    changes its size (call it once the widget renders the new content)."""
    widget.refresh()
    if resized(widget):
        widget.refresh(layout=True)


def resized(widget: Widget) -> bool:
    """Would the widget's content, as it renders now, change its size? (True when unsure:
    not laid out yet.) Only a width or height that is `auto` follows the content."""
    size = widget.content_size
    if not widget.is_mounted or not size:
        return True
    styles = widget.styles
    viewport = widget.app.size
    parent = widget.parent
    container = parent.content_size if isinstance(parent, Widget) else viewport
    if styles.width is not None and styles.width.is_auto \
            and widget.get_content_width(container, viewport) != size.width:
        return True
    return styles.height is not None and styles.height.is_auto \
        and widget.get_content_height(container, viewport, size.width) != size.height
