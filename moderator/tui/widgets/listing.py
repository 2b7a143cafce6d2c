"""A long list of rich texts, some of which can be highlighted, on Textual's public Line API.

What the notes list needs of a list and `OptionList` does not give through public methods: when
one entry changes (the speaker who was "speaking" has spoken) or one is added in the middle (a
note on the item as a whole), only that entry is measured and drawn again. `OptionList`'s public
`replace_option_prompt` and `remove_option` measure every option again (40 ms a key with 300
notes), so this list keeps its own entries, cursor and caches: an entry is measured once per
width and drawn once per style, by what it shows, wherever it moves in the list.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar, Literal

from rich.text import Text
from textual import events
from textual.content import Content
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.style import Style

from moderator.tui.keys import bindings
from moderator.tui.scrolled import KeepsItsSize

# Rendered entries kept for drawing; the shown ones are a few dozen, a search shows thousands.
_RENDERED_KEPT = 2048


@dataclass(frozen=True, eq=False, slots=True)
class Entry:
    """One entry: a heading (`key` None: never highlighted) or an item the cursor stops on."""

    text: Text
    key: str | None = None
    shows: Hashable = field(init=False)  # what it looks like: equal texts are drawn once

    def __post_init__(self) -> None:
        text = self.text
        object.__setattr__(self, "shows", (
            self.key is None, text.plain, tuple(text.spans), str(text.style), text.end,
            text.justify, text.overflow, text.no_wrap))

    @property
    def heading(self) -> bool:
        return self.key is None


class Listing(KeepsItsSize, can_focus=True):
    """Entries one under the other, a cursor (`highlighted`) on the ones that have a key."""

    ALLOW_SELECT = False  # a click highlights an entry; it does not select text (OptionList's way)
    BINDINGS = bindings("listing")

    # The look of Textual's OptionList, which this list replaced: the same screens.
    DEFAULT_CSS = """
    Listing {
        height: auto;
        max-height: 100%;
        color: $foreground;
        overflow-x: hidden;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        & > .listing--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .listing--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        /* A heading (a speaker, an item) is read, not chosen: plain text, not a disabled
           option's faded one (1.8:1 in the light theme). */
        & > .listing--heading {
            color: $foreground;
        }
        & > .listing--hover {
            background: $block-hover-background;
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "listing--entry", "listing--heading", "listing--highlighted", "listing--hover"}

    highlighted: reactive[int | None] = reactive(None)
    """The index of the entry under the cursor, or None."""
    _hover: reactive[int | None] = reactive(None)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._entries: list[Entry] = []
        self._index: dict[str, int] = {}  # key -> index
        self._tops: list[int] = []  # the first line of each entry
        self._width = 0  # the width `_heights` were measured at; 0: not yet
        self._stale = True  # `_tops` are not those of `_entries`
        self._heights: dict[Hashable, int] = {}  # by what an entry shows, at `_width`
        self._contents: dict[Hashable, Content] = {}
        self._rendered: dict[tuple[Hashable, Style, int], list[Strip]] = {}
        self._scroll_pending = False  # to the highlight, once the list is measured

    # What the list holds.

    @property
    def entries(self) -> Sequence[Entry]:
        return self._entries

    @property
    def highlighted_key(self) -> str | None:
        """The key of the entry under the cursor, or None."""
        if self.highlighted is None:
            return None
        return self._entries[self.highlighted].key

    def index_of(self, key: str) -> int | None:
        return self._index.get(key)

    def set_entries(self, entries: Sequence[Entry], *, highlight: int | None) -> None:
        """Show `entries`, the cursor on `highlight`; the scroll stays where it was (clamped)."""
        self._entries = list(entries)
        self._index = {e.key: i for i, e in enumerate(self._entries) if e.key is not None}
        shown = {entry.shows for entry in self._entries}
        # Only what is shown is kept: a long search's results do not stay in memory after it.
        self._contents = {k: v for k, v in self._contents.items() if k in shown}
        self._heights = {k: v for k, v in self._heights.items() if k in shown}
        self._stale = True
        self._hover = None
        self.set_reactive(Listing.highlighted, self.validate_highlighted(highlight))
        self._measure()
        self.refresh()
        self.scroll_to_highlight()

    # Measuring and drawing.

    def _content_width(self) -> int:
        return self.scrollable_content_region.width

    def _content(self, entry: Entry) -> Content:
        content = self._contents.get(entry.shows)
        if content is None:
            content = Content.from_rich_text(entry.text, console=self.app.console)
            self._contents[entry.shows] = content
        return content

    def _measure(self) -> bool:
        """Each entry's first line at the current width: True once measured."""
        width = self._content_width()
        if width <= 0:
            return False
        if width != self._width:  # resized, or a scrollbar came or went
            self._heights.clear()
            self._width, self._stale = width, True
        if not self._stale:
            return True
        heights, tops, y = self._heights, [], 0
        for entry in self._entries:
            height = heights.get(entry.shows)
            if height is None:
                height = heights[entry.shows] = self._content(entry).get_height(self.styles, width)
            tops.append(y)
            y += height
        self._tops, self._stale = tops, False
        self.show_virtual_size(Size(width, y))
        if self._scroll_pending:
            self.scroll_to_highlight()
        return True

    def _region_of(self, index: int) -> Region:
        top = self._tops[index]
        bottom = self._tops[index + 1] if index + 1 < len(self._tops) else self.virtual_size.height
        return Region(0, top, self._width, bottom - top)

    def _style(self, index: int) -> Style:
        if self._entries[index].heading:
            return self.get_visual_style("listing--entry", "listing--heading")
        if index == self.highlighted:
            return self.get_visual_style("listing--entry", "listing--highlighted")
        if index == self._hover:
            return self.get_visual_style("listing--entry", "listing--hover")
        return self.get_visual_style("listing--entry")

    def _strips(self, index: int, style: Style) -> list[Strip]:
        entry, width = self._entries[index], self._width
        cached = (entry.shows, style, width)
        strips = self._rendered.get(cached)
        if strips is None:
            strips = [Strip(line.render_segments(style)).extend_cell_length(width, style.rich_style)
                      for line in self._content(entry).wrap(width)]
            if len(self._rendered) >= _RENDERED_KEPT:
                self._rendered.clear()
            self._rendered[cached] = strips
        return strips

    def render_lines(self, crop: Region) -> list[Strip]:
        self._measure()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        index = self._entry_at(line)
        if index is not None:
            strips = self._strips(index, self._style(index))
            offset = line - self._tops[index]
            if offset < len(strips):
                return strips[offset]
        return Strip.blank(self._content_width(), self.get_visual_style("listing--entry").rich_style)

    def _entry_at(self, line: int) -> int | None:
        if self._stale or not self._entries or not 0 <= line < self.virtual_size.height:
            return None
        return bisect_right(self._tops, line) - 1

    def notify_style_update(self) -> None:
        self._rendered.clear()  # a theme or focus change: the styles of every entry change
        super().notify_style_update()

    def on_resize(self) -> None:
        self._measure()

    def on_show(self) -> None:
        self._scroll_pending = True
        self._measure()

    # The cursor.

    def validate_highlighted(self, highlighted: int | None) -> int | None:
        if highlighted is None or not self._entries:
            return None
        return max(0, min(highlighted, len(self._entries) - 1))

    def watch_highlighted(self, highlighted: int | None) -> None:
        if highlighted is not None and not self._entries[highlighted].heading:
            self.scroll_to_highlight()

    def scroll_to_highlight(self) -> None:
        """Bring the highlighted entry into view (now, or once the list is measured)."""
        if self.highlighted is None:
            return
        if not self.is_mounted or not self._measure():
            self._scroll_pending = True
            return
        self._scroll_pending = False
        self.scroll_to_region(self._region_of(self.highlighted), force=True, animate=False,
                              immediate=True)

    def _next(self, start: int, direction: Literal[-1, 1], wrap: bool) -> int | None:
        """The first entry with a key from `start` on, in `direction`."""
        count = len(self._entries)
        steps = range(count) if wrap else range(count - start if direction == 1 else start + 1)
        for step in steps:
            index = (start + direction * step) % count
            if not self._entries[index].heading:
                return index
        return None

    def _move(self, direction: Literal[-1, 1]) -> None:
        if not self._entries:
            return
        if self.highlighted is None:
            start = 0 if direction == 1 else len(self._entries) - 1
            self.highlighted = self._next(start, direction, wrap=False)
        else:
            found = self._next((self.highlighted + direction) % len(self._entries), direction,
                               wrap=True)
            self.highlighted = self.highlighted if found is None else found

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_first(self) -> None:
        self.highlighted = self._next(0, 1, wrap=False) if self._entries else None

    def action_last(self) -> None:
        self.highlighted = self._next(len(self._entries) - 1, -1, wrap=False) \
            if self._entries else None

    def _page(self, direction: Literal[-1, 1]) -> None:
        if not self._entries or not self._measure():
            return
        if self.highlighted is None:
            self.action_first() if direction == 1 else self.action_last()
            return
        height = self.scrollable_content_region.height
        line = self._tops[self.highlighted] + direction * height
        line = max(0, min(line, self.virtual_size.height - 1))
        found = self._next(bisect_right(self._tops, line) - 1, direction, wrap=False)
        if found is not None:
            self.highlighted = found

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    # The mouse: the entry under it is hovered, a click highlights it and selects it.

    def _entry_under(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        return self._entry_at(self.scroll_offset.y + offset.y)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover = self._entry_under(event)

    def on_leave(self) -> None:
        self._hover = None

    async def on_click(self, event: events.Click) -> None:
        index = self._entry_under(event)
        if index is not None and not self._entries[index].heading:
            self.highlighted = index
            await self.run_action("select")

    def action_select(self) -> None:
        """What Enter or a click on an entry does: for a subclass to say."""
