"""Update a widget only when what it shows changed.

`Static.update` lays the whole screen out again; the console's widgets are shown again on every
tick and every event, mostly with the very same text. The profile of an idle console on a long
meeting showed most of its time in those layouts.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
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
    widget.update(content)  # type: ignore[arg-type]
