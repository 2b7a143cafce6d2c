"""The agenda: sessions and items with planned times and a status mark; the current item stands out."""

from __future__ import annotations

from rich.text import Text

from moderator.core import ItemStatus, Meeting
from moderator.core.clock import local
from moderator.tui.frame import FollowsFrame, Frame, Pace, ShownText
from moderator.tui.text import sanitise, stack
from moderator.tui.widgets.status import adjourned_words

MARKS = {ItemStatus.DONE: "✓", ItemStatus.CURRENT: "▶", ItemStatus.SKIPPED: "⤼"}


# At this height or less (80x24) the agenda is a strip: the current and the next item only.
STRIP_LINES = 2


def with_waiting(line: Text, count: int) -> Text:
    """An item's line with how many wait on its list opened ahead of time, after the time
    (where no ellipsis cuts it): "→ 11:00 [3 waiting] Closing discussion"."""
    if not count:
        return line
    marked = line[:8]
    marked.append(f"[{count} waiting] ", "bold")
    marked.append_text(line[8:])
    return marked


class AgendaPanel(FollowsFrame, ShownText):
    # The planned times and the marks move with the state alone; the strip's "adjourned until
    # Friday 09:30" with the day too. (Drawn every 5 s, its 200 lines were a tenth of an idle
    # chair's CPU.)
    PACE = Pace.DAY

    def on_resize(self) -> None:
        # The same agenda drawn again for the new size (a strip or the whole agenda).
        self.redraw()

    def draw(self, frame: Frame) -> None:
        meeting = frame.meeting
        # Each item's planned start (on the day its session is held), not the whole forecast.
        planned = {item: start for item, (start, _) in meeting.plan().times.items()}
        current = meeting.current_item()
        next_id = meeting.next_item_id()  # the core's: what `]` opens
        if 0 < self.size.height <= STRIP_LINES:
            self.say(self._strip(meeting, planned, current, next_id))
            return
        lines: list[Text] = []
        focus_line, previous = 0, None
        ahead = meeting.waiting_ahead()  # the lists opened ahead of time
        for session in meeting.agenda.sessions:
            lines.append(Text(sanitise(session.title), style="bold underline", no_wrap=True,
                              overflow="ellipsis"))
            heading = None
            for item in session.items:
                # Sub-items under their agenda item (its own line when it is an item itself).
                if item.parent and item.parent not in (heading, previous):
                    lines.append(Text(f"        {sanitise(item.parent_title)}", style="italic",
                                      no_wrap=True, overflow="ellipsis"))
                heading, previous = item.parent, item.id
                status = meeting.item_status(item.id)
                mark = "→" if item.id == next_id else MARKS.get(status, " ")
                start = planned.get(item.id)
                when = f"{local(start, meeting.agenda.event.timezone):%H:%M}" if start else "     "
                style = {ItemStatus.DONE: "dim", ItemStatus.SKIPPED: "dim strike"}.get(status, "")
                if current is not None and item.id == current.id:
                    style = "bold reverse"
                    focus_line = len(lines)
                elif current is None and item.id == next_id:
                    focus_line = len(lines)  # overnight: the morning's first item in view
                title = f"({item.letter}) {item.title}" if item.letter else item.title
                lines.append(Text(f"{mark} {when} {sanitise(title)}", style=style,
                                  no_wrap=True, overflow="ellipsis"))
                lines[-1] = with_waiting(lines[-1], ahead.get(item.id, 0))
        # A long agenda scrolls with the meeting: the current item stays in view.
        height = max(1, self.size.height)
        start = max(0, min(focus_line - 2, len(lines) - height)) if focus_line >= height - 1 else 0
        self.say(stack(lines[start:]))

    @staticmethod
    def _strip(meeting: Meeting, planned: dict, current, next_id: str | None) -> Text:
        """Two lines: the item in progress (with its session) and the one `]` opens."""
        def line(mark: str, label: str, item_id: str | None, style: str, tail: str) -> Text:
            text = Text(no_wrap=True, overflow="ellipsis")
            text.append(f"{mark} {label:<5} ", "bold")
            found = meeting.agenda.find_item(item_id or "")
            if found is None:
                adjourned = adjourned_words(meeting, meeting.now()) if label == "Now" else None
                text.append(adjourned or ("none" if label == "Now" else "end of the agenda"),
                            "bold" if adjourned else "dim")
                return text
            session, item = found
            start = planned.get(item.id)
            tz = meeting.agenda.event.timezone
            text.append(f"{local(start, tz):%H:%M} " if start else "", "dim")
            text.append(sanitise(item.title), style)
            if not tail and session.title != item.title:  # a break's session is named as it
                tail = f"  ·  {sanitise(session.title)}"
            text.append(tail, "dim")
            return text

        now_line = line("▶", "Now", current.id if current else None, "bold", "")
        next_line = line("→", "Next", next_id, "", "  (] opens it, k skips it)")
        return stack([now_line, next_line])
