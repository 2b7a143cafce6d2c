"""The list of speakers: position, delegation, kind, waited time and when they should speak."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from rich.text import Text
from textual.message import Message
from textual.reactive import Reactive, reactive
from textual.widget import Widget

from moderator.core import Meeting, Request
from moderator.core.clock import local
from moderator.core.expected import expected_starts
from moderator.core.model import InterventionKind
from moderator.tui.frame import FollowsFrame, Frame, Pace, Shown, repainted, value
from moderator.tui.keys import bindings
from moderator.tui.text import ALARM, REPLY, duration_in_units, plain, sanitise, stack

# Points of order and rights of reply must stand out, in words as well as colour.
KIND_MARKS = {
    InterventionKind.POINT_OF_ORDER: ("POINT OF ORDER", ALARM),
    InterventionKind.RIGHT_OF_REPLY: ("RIGHT OF REPLY", REPLY),
    InterventionKind.QUESTION: ("question", "italic"),
    InterventionKind.SCHEDULED: ("scheduled", "italic"),
    InterventionKind.STATEMENT: ("statement", ""),
}


# The list's keys that act on the selected request.
_ON_A_REQUEST = {"move_up", "move_down", "withdraw", "correct", "give_selected"}


class OnRequest(Enum):
    """What the chair does to the selected request (the key named if another console came
    first)."""

    MOVE_UP = "shift+↑"
    MOVE_DOWN = "shift+↓"
    WITHDRAW = "x"
    CORRECT = "c"
    GIVE_FLOOR = "Enter"


class SpeakersPanel(FollowsFrame, Widget, can_focus=True):
    BINDINGS = bindings("speakers")
    PACE = Pace.SLOW
    cursor: reactive[int] = reactive(0)
    # The lines drawn: painted again only when they read differently, not on every frame.
    lines: Reactive[Shown] = value(Shown(Text()))

    @dataclass
    class Chosen(Message):
        """The chair acted on the selected request."""

        action: OnRequest
        request_id: str

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._queue: list[Request] = []
        # The request being moved: the selection follows it once the move is recorded.
        self._moving: str | None = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The keys that act on a request are dimmed in the footer while there is none.
        if action in _ON_A_REQUEST and not self._queue:
            return None
        return True

    def on_resize(self) -> None:
        # The times' column is placed from the width: at start the list is drawn before the
        # layout has given it one, and would stay misaligned until the next redraw.
        self.redraw()

    def watch_cursor(self) -> None:
        # The selection moves at once, not at the next tick.
        self.redraw()

    def draw(self, frame: Frame) -> None:
        meeting, now = frame.meeting, frame.now
        had = bool(self._queue)
        self._queue = meeting.queue()
        if bool(self._queue) != had:
            self.refresh_bindings()
        moved = [i for i, r in enumerate(self._queue) if r.id == self._moving]
        if moved:
            self.cursor = moved[0]
        self.cursor = min(self.cursor, max(0, len(self._queue) - 1))
        header: list[Text] = []
        if meeting.list_closed():
            header.append(Text(" LIST CLOSED — l reopens it ", style="bold reverse"))
        if meeting.current_item() is None:
            header.append(Text("No item in progress", style="dim"))
        elif not self._queue:
            header.append(Text("No requests for the floor — a adds one", style="dim"))
        # Until someone speaks on the new item, the requests the last one dropped, by name.
        header.extend(self._dropped_line(meeting))
        starts = expected_starts(meeting, self._queue, now)
        # Only the requests that fit are written out: 200 waiting made 200 lines a frame.
        first, end = self._window(len(self._queue), self.size.height - len(header))
        lines = [self._line(meeting, position, self._queue[position], starts[position], now)
                 for position in range(first, end)]
        more = [f"{first} more above"] * (first > 0) + [
            f"{len(self._queue) - end} more below"] * (end < len(self._queue))
        if more:
            lines.append(Text(" · ".join(more), style="dim italic"))
        self.lines = Shown(stack(header + lines))

    def watch_lines(self) -> None:
        repainted(self)

    def _line(self, meeting: Meeting, index: int, request: Request, start: datetime,
              now: datetime) -> Text:
        label, style = KIND_MARKS[request.kind]
        # Position, kind and name on the left, the times in a column on the right: a long name
        # is what an ellipsis cuts, never the waited or the expected time.
        line = Text(f"{index + 1:>2}. ", no_wrap=True, overflow="ellipsis")
        if request.kind is not InterventionKind.STATEMENT:
            line.append(label, style)
            line.append(" ")
        line.append_text(plain(meeting.label_of(request)))
        if request.who in meeting.remote_delegations():
            line.append(" (remote)", "italic")
        waited = (now - request.requested_at).total_seconds()
        times = Text(f"  waited {duration_in_units(waited):>5}  ~{local(start, meeting.agenda.event.timezone):%H:%M}", "dim")
        room = self.size.width - times.cell_len
        if room > 8:
            line.truncate(room, overflow="ellipsis", pad=True)
        line.append_text(times)
        if index == self.cursor and self.has_focus:
            line.stylize("reverse")
        elif index == self.cursor:
            line.stylize("underline")
        return line

    @staticmethod
    def _dropped_line(meeting: Meeting) -> list[Text]:
        """Right after `]`, the requests the previous item dropped, until someone asks again."""
        item = meeting.current_item()
        dropped = meeting.dropped()
        if item is None or not dropped or meeting.log(item.id):
            return []
        last = dropped[-1].item_id
        progress = meeting.state.progress
        if last == item.id or progress[last].last_ended != progress[item.id].current_since:
            return []  # dropped by an item before the one `]` just finished
        names = [meeting.label_of(r) for r in dropped if r.item_id == last]
        found = meeting.agenda.find_item(last)
        title = found[1].title if found else "the previous item"
        line = Text(f"Not heard on “{sanitise(title)}” (dropped): ", style="dim italic",
                    no_wrap=True, overflow="ellipsis")
        line.append_text(plain(", ".join(names), "dim"))
        return [line]

    def _window(self, count: int, room: int) -> tuple[int, int]:
        """The requests that fit, around the selected one (one line says how many are not)."""
        if room <= 0 or count <= room:
            return 0, count
        shown = max(1, room - 1)
        start = max(0, min(self.cursor - shown // 2, count - shown))
        return start, start + shown

    def render(self) -> Text:
        return self.lines.content  # type: ignore[return-value]

    @property
    def selected(self) -> Request | None:
        return self._queue[self.cursor] if 0 <= self.cursor < len(self._queue) else None

    def _choose(self, action: OnRequest) -> None:
        if self.selected is not None:
            self.post_message(self.Chosen(action, self.selected.id))

    def action_cursor_up(self) -> None:
        self._moving = None
        self.cursor = max(0, self.cursor - 1)

    def action_cursor_down(self) -> None:
        self._moving = None
        self.cursor = min(max(0, len(self._queue) - 1), self.cursor + 1)

    def action_move_up(self) -> None:
        self._move(OnRequest.MOVE_UP)

    def action_move_down(self) -> None:
        self._move(OnRequest.MOVE_DOWN)

    def _move(self, direction: OnRequest) -> None:
        # The cursor stays until the move is recorded; a refused move leaves it where it was.
        if self.selected is not None:
            self._moving = self.selected.id
        self._choose(direction)

    def action_withdraw(self) -> None:
        self._choose(OnRequest.WITHDRAW)

    def action_correct(self) -> None:
        self._choose(OnRequest.CORRECT)

    def action_give_selected(self) -> None:
        self._choose(OnRequest.GIVE_FLOOR)
