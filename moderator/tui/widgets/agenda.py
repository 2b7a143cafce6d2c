"""The agenda: sessions and items with planned times and a status mark; the current item stands out."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widgets import Static

from moderator.core import ItemStatus, Meeting
from moderator.tui.text import sanitise, stack
from moderator.tui.widgets import quiet
from moderator.tui.widgets.status import local

MARKS = {ItemStatus.DONE: "✓", ItemStatus.CURRENT: "▶", ItemStatus.SKIPPED: "⤼"}


class AgendaPanel(Static):
    def show(self, meeting: Meeting, now: datetime) -> None:
        planned = {f.item_id: f.planned_start for f in meeting.forecast(now).items}
        current = meeting.current_item()
        next_id = self._next_pending(meeting)
        lines: list[Text] = []
        focus_line = 0
        for session in meeting.agenda.sessions:
            lines.append(Text(sanitise(session.title), style="bold underline", no_wrap=True,
                              overflow="ellipsis"))
            heading = None
            for item in session.items:
                if item.parent and item.parent != heading:  # sub-items under their agenda item
                    lines.append(Text(f"        {sanitise(item.parent_title)}", style="italic",
                                      no_wrap=True, overflow="ellipsis"))
                heading = item.parent
                status = meeting.item_status(item.id)
                mark = "→" if item.id == next_id else MARKS.get(status, " ")
                start = planned.get(item.id)
                when = f"{local(meeting, start):%H:%M}" if start else "     "
                style = {ItemStatus.DONE: "dim", ItemStatus.SKIPPED: "dim strike"}.get(status, "")
                if current is not None and item.id == current.id:
                    style = "bold reverse"
                    focus_line = len(lines)
                title = f"({item.letter}) {item.title}" if item.parent else item.title
                lines.append(Text(f"{mark} {when} {sanitise(title)}", style=style,
                                  no_wrap=True, overflow="ellipsis"))
        # A long agenda scrolls with the meeting: the current item stays in view.
        height = max(1, self.size.height)
        start = max(0, min(focus_line - 2, len(lines) - height)) if focus_line >= height - 1 else 0
        quiet.update(self, stack(lines[start:]))

    @staticmethod
    def _next_pending(meeting: Meeting) -> str | None:
        """The item `]` would open: the first pending one after the current (or the first)."""
        items = [item for _, item in meeting.agenda.items()]
        current = meeting.current_item()
        start = items.index(current) + 1 if current in items else 0
        for item in items[start:]:
            if meeting.item_status(item.id) == ItemStatus.PENDING:
                return item.id
        return None
