"""How a screen's state reaches its widgets: one frame, published on one reactive.

A screen publishes a `Frame` (the meeting, the moment as its clock shows it, how far the record
has folded) on its `frame` reactive, at each event and at each second the clock or the timer
shows; Textual calls nobody when the new frame equals the last. Its widgets watch it (bound in
`compose`) and follow it at their `Pace`: a widget draws again only when the part of the frame
it shows moved (the list's waited times every few seconds, the log with the state alone). A
watcher each, not `data_bind`: a bound reactive on every widget cost a third more per tick.

What a widget draws is itself a reactive compared by value (`Shown`): a frame that leaves a
widget's text as it was refreshes nothing, and a new text that keeps its size is only painted,
never laid out (`Static.update` lays the whole screen out again: on a long meeting that was most
of an idle console's time and half a floor key's frame).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from functools import cached_property
from typing import Any, ClassVar, TypeVar

from rich.text import Text
from textual.dom import DOMNode
from textual.geometry import Region, Size
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Digits, Static

from moderator.core import Meeting
from moderator.core.clock import local
from moderator.core.views import BreakView

# Between events, what moves on its own slowly (the agenda's forecast, the list's waited times)
# is drawn again this often.
SLOW_SECONDS = 5


Followed = TypeVar("Followed", bound="Widget")
Value = TypeVar("Value")


def value(default: Value) -> Reactive[Value]:
    """A reactive that carries what is shown, compared by value: its watcher draws (no repaint
    of its own) and no compute method is looked for when it is set (that made a set of all the
    widget's reactives at each set)."""
    return Reactive(default, layout=False, repaint=False, init=False, compute=False)


class Pace(Enum):
    """What of the frame a widget shows, so what makes it draw again."""

    STATE = "state"  # the folded state alone (the log), not the notes
    RECORD = "record"  # every event folded (the notes)
    DAY = "day"  # the state, and each day of the meeting's calendar (the agenda)
    SLOW = "slow"  # the record, and every SLOW_SECONDS (the list of speakers' waited times)
    SECOND = "second"  # the record, and each second the clock or the timer shows


@dataclass(frozen=True)
class Frame:
    """The meeting as a screen shows it at one moment. Two frames are equal when they read the
    same: the same meeting folded as far, the same second of the clock and of the timer."""

    meeting: Meeting = field(compare=False)
    now: datetime = field(compare=False)
    record: tuple[int, int, int]  # the meeting (its identity), its state's version, events folded
    second: int  # the wall clock's second
    timer: tuple[int, int]  # the timer's remaining and spoken seconds, as the faces show them

    @classmethod
    def of(cls, meeting: Meeting) -> Frame:
        now = meeting.now()
        timer = meeting.timer(now)
        return cls(meeting, now, (id(meeting), meeting.version, meeting.folded_count),
                   int(now.timestamp()), (math.ceil(timer.remaining), math.ceil(timer.elapsed)))

    @cached_property
    def on_break(self) -> BreakView | None:
        """The break in progress at this moment (None: none), derived once for every widget."""
        return self.meeting.break_view(self.now)

    @cached_property
    def day(self) -> date:
        """The day this moment falls on, in the meeting's time zone."""
        return local(self.now, self.meeting.agenda.event.timezone).date()

    def mark(self, pace: Pace) -> tuple:
        """What a widget of that pace shows of this frame: it draws again when this moves."""
        if pace is Pace.STATE:
            return self.record[:2]
        if pace is Pace.RECORD:
            return self.record
        if pace is Pace.DAY:
            return self.record[:2], self.day
        if pace is Pace.SLOW:
            return self.record, self.second // SLOW_SECONDS
        return self.record, self.second, self.timer


def moved(shown: Frame | None, frame: Frame | None, pace: Pace) -> bool:
    """Does `frame` read differently from `shown` at `pace`? (Nothing shown yet: it does.)"""
    return frame is not None and (shown is None or shown.mark(pace) != frame.mark(pace))


class DrawsFrame:
    """Draws itself from a frame, at its `PACE`: a screen's own part, or a widget."""

    PACE: ClassVar[Pace] = Pace.SECOND
    frame: Frame | None = None  # the last frame received

    def redraw(self) -> None:
        """Draw again, at this moment, the meeting of the frame held (the size or the
        selection changed, say)."""
        if self.frame is not None:
            self.draw(Frame.of(self.frame.meeting))

    def draw(self, frame: Frame) -> None:
        """What this shows of `frame` (a screen's own part: nothing by default)."""


class LaidOutOnce:
    """A widget whose new height (its own content's, or its children's) is laid out in one pass.

    After each layout Textual asks for a second one for every widget whose size changed (its
    `virtual_size` is a reactive that lays out), so that its children are arranged again in the
    new size: a floor key that added a line to the log or the floor laid the screen out twice
    and drew it twice. The first pass arranged the children in that size already; only a new
    width (text wraps anew) still asks for the second."""

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size,
                      layout: bool = True) -> bool:
        shown: Size = self._size  # type: ignore[attr-defined]
        if layout and shown and shown.width == size.width:
            layout = False
        return super()._size_updated(  # type: ignore[misc]
            size, virtual_size, container_size, layout)


class FollowsFrame(LaidOutOnce, DrawsFrame):
    """A widget that draws itself from its screen's frame (the screen binds it:
    `yield self.bound(Widget())`)."""

    def follow(self, frame: Frame | None) -> None:
        """The screen's frame changed (its watcher): draw if the part this widget shows moved."""
        shown, self.frame = self.frame, frame
        if moved(shown, frame, self.PACE):
            self.draw(frame)  # type: ignore[arg-type]

    def draw(self, frame: Frame) -> None:
        raise NotImplementedError  # a widget shows something of the frame


class PublishesFrame(DrawsFrame):
    """A screen: publishes `frame` (Textual calls nobody when it equals the last one), draws its
    own part at its `PACE`, and binds its widgets to it (`bound`)."""

    frame: Reactive[Frame | None] = value(None)  # type: ignore[assignment]

    def watch_frame(self, shown: Frame | None, frame: Frame | None) -> None:
        if moved(shown, frame, self.PACE):
            self.draw(frame)  # type: ignore[arg-type]

    def bound(self, widget: Followed) -> Followed:
        """`widget`, following this screen's frame (a watcher of the reactive)."""
        widget.watch(self, "frame", widget.follow)  # type: ignore[arg-type]
        return widget


def changed_rows(old: Text | str, new: Text | str) -> list[int] | None:
    """The lines of `new` that read differently from those of `old` (None: not as many lines,
    or not both rich texts: all of it is drawn again)."""
    if not isinstance(old, Text) or not isinstance(new, Text):
        return None
    before, after = old.split("\n", allow_blank=True), new.split("\n", allow_blank=True)
    if len(before) != len(after):
        return None
    return [row for row, (was, now) in enumerate(zip(before, after, strict=True))
            if _key(was) != _key(now)]


def _key(content: Text | str) -> Any:
    if isinstance(content, str):
        return content
    # rich's Text equality ignores the base style and the overflow: compare them as well.
    return (content.plain, str(content.style), tuple(content.spans), content.no_wrap,
            content.overflow, content.justify, content.end)


@dataclass(frozen=True)
class Shown:
    """What a widget shows, compared by everything that draws: text, style, spans, wrap,
    overflow and justification."""

    content: Text | str = field(compare=False)
    key: Any = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", _key(self.content))


class ShownText(LaidOutOnce, Static):
    """A `Static` whose content is the reactive `shown`: set it; an equal value draws nothing.
    Where each line is one row (`text-wrap: nowrap`), a new text of as many lines draws again
    only the rows that changed: each second the status bar's clock, not its item's line."""

    shown: Reactive[Shown] = value(Shown(""))

    def render(self) -> Text | str:
        return self.shown.content

    def watch_shown(self, old: Shown, shown: Shown) -> None:
        rows = changed_rows(old.content, shown.content) \
            if self.styles.text_wrap == "nowrap" else None
        if not rows:  # (none that reads otherwise, yet the text changed: all of it)
            self.refresh()
        else:
            width = self.content_size.width
            self.refresh(*(Region(0, row, width, 1) for row in rows))
        if resized(self):  # measured after the refresh: the new text, not the last
            self.refresh(layout=True)

    def say(self, content: Text | str) -> None:
        self.shown = Shown(content)


class Face(Digits):
    """`Digits` whose value is the reactive `face` (a layout only when its width changes)."""

    face: Reactive[str] = value("")

    def watch_face(self, face: str) -> None:
        self.update(face)


def set_classes(node: DOMNode, wanted: Mapping[str, bool]) -> None:
    """Each class of `wanted` on `node` or off it, in one restyle: every change of a node's
    classes restyles it and all it holds (a floor key changed three classes of the floor:
    three restyles of its widgets, a third of the key's time). The node's other classes stay."""
    classes = set(node.classes)
    changed = {name for name, on in wanted.items() if on} | (classes - wanted.keys())
    if changed != classes:
        node.set_classes(changed)


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
