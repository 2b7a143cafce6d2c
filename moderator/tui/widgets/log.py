"""Who has spoken on this item, for how long, over or under their time; it scrolls (h, ↑↓).

On Textual's Line API (like `listing.py`): a new line draws the lines in view (seven at most),
not every line of the item, which a `Static` of all of them measured and drew at each key."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from rich.text import Text
from textual.geometry import Size
from textual.reactive import Reactive
from textual.strip import Strip
from textual.visual import Visual, visualize

from moderator.core import Meeting
from moderator.core.model import InterventionKind
from moderator.core.timer import spoken_whole
from moderator.core.views import Intervention
from moderator.tui.frame import FollowsFrame, Frame, Pace, Shown, value
from moderator.tui.scrolled import KeepsItsSize
from moderator.tui.text import ALARM, clock_face, plain, spoken_face
from moderator.tui.widgets.speakers import KIND_MARKS

# Enough for any item of a day; an item with more shows its latest, and says so.
SHOWN = 300
# The kinds marked in words, as on the list of speakers.
MARKED = (InterventionKind.POINT_OF_ORDER, InterventionKind.RIGHT_OF_REPLY)


class SpeakingLog(FollowsFrame, KeepsItsSize, can_focus=True):
    """The interventions of the current item, oldest first, the latest in view; one line each,
    cut with an ellipsis rather than wrapped."""

    # Only finished interventions are listed: what they show moves with the record alone.
    PACE = Pace.RECORD
    DEFAULT_CSS = """
    SpeakingLog {
        overflow-x: hidden;
    }
    """

    lines: Reactive[tuple[Shown, ...]] = value(())
    """The lines shown (the same lines again draw nothing)."""
    _drawing_whole = False  # new lines are drawn in the coming frame, in full
    # The lines last listed, by number and intervention (`draw` replaces it, never changes it).
    _made: Mapping[tuple[int, Intervention], Shown] = MappingProxyType({})
    _made_for: Meeting | None = None  # the meeting they were made for

    @property
    def text(self) -> str:
        """What the log says, a line each (all of them, in view or not)."""
        return "\n".join(line.content.plain for line in self.lines)

    def show(self, lines: list[Text]) -> None:
        self.lines = tuple(Shown(line) for line in lines)

    def watch_lines(self, lines: tuple[Shown, ...]) -> None:
        # A new height lays the screen out (the log grows up to its most; at its most, only
        # the log is drawn: `KeepsItsSize`); the anchor keeps the latest line in view, and
        # the frame to come draws the log whole.
        self._drawing_whole = True
        self.show_virtual_size(Size(0, len(lines)))
        self.refresh()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        if self.show_vertical_scrollbar:
            self.vertical_scrollbar.position = new_value
        self._check_anchor()  # read back down to the end, the log follows the latest again
        # The anchor's scroll in the layout of a new line: the frame to come draws the log
        # whole already (a refresh here drew it again, in a second frame of its own).
        if round(old_value) != round(new_value) and not self._drawing_whole:
            self.refresh(self.size.region)

    def render_line(self, y: int) -> Strip:
        self._drawing_whole = False
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        style = self.visual_style
        if 0 <= index < len(self.lines) and width > 0:
            strips = Visual.to_strips(self, visualize(self, self.lines[index].content), width, 1,
                                      style, pad=True)
            if strips:
                return strips[0]
        return Strip.blank(width, style.rich_style)

    def on_mount(self) -> None:
        # The latest stays in view unless the chair scrolled up to read (back at the end, it
        # follows again). Anchored, the log is scrolled in the layout that a new line needs,
        # not in a scroll of its own after it: that one drew the whole screen again.
        self.anchor()

    def draw(self, frame: Frame) -> None:
        meeting = frame.meeting
        item = meeting.current_item()
        if item is None:  # between items (adjourned overnight): not the whole day's speakers
            self.show([Text("No item in progress", style="dim")])
            return
        done = [i for i in meeting.log(item.id) if i.ended_at is not None]
        if not done:
            self.show([Text("Nobody has spoken on this item yet", style="dim")])
            return
        # A finished intervention's line never changes: made once, kept while it is listed
        # (an item's log is listed again at each event: 300 lines built for one new one).
        made, kept = self._made, {}
        if meeting is not self._made_for:
            made, self._made_for = {}, meeting
        lines = []
        if len(done) > SHOWN:
            lines.append(Shown(Text(f"{len(done) - SHOWN} earlier not shown", style="dim italic")))
        for number, intervention in enumerate(done[-SHOWN:], max(1, len(done) - SHOWN + 1)):
            key = (number, intervention)
            shown = made.get(key)
            if shown is None:
                shown = Shown(_line(meeting, number, intervention))
            kept[key] = shown
            lines.append(shown)
        self._made = kept
        self.lines = tuple(lines)


def _line(meeting: Meeting, number: int, intervention: Intervention) -> Text:
    """A finished intervention as the log lists it."""
    spoken = intervention.speaking_seconds(intervention.ended_at)
    over = spoken_whole(spoken) - intervention.allotted
    # Spoken of allotted first, so a long name is what an ellipsis cuts.
    line = Text()
    line.append(f"{number:>2}. {spoken_face(spoken)} of "
                f"{clock_face(intervention.allotted)}  ", "dim")
    if intervention.kind in MARKED:
        # As the list marks them: in words, not by colour alone.
        label, style = KIND_MARKS[intervention.kind]
        line.append(label, style)
        line.append(" ")
    line.append_text(plain(meeting.label_of(intervention)))
    if over > 0:
        line.append("  ")
        line.append(f"+{spoken_face(over)} over", ALARM)
    return line
