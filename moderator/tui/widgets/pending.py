"""The strip of the delegations' requests awaiting the chair (in arrival order), and how many
wait on each later item's list opened ahead of time. Hidden while there is neither."""

from __future__ import annotations

from rich.text import Text

from moderator.core.clock import local
from moderator.tui.frame import FollowsFrame, Frame, Pace, ShownText
from moderator.tui.text import plain, sanitise, stack

# Pending requests named one by one in the strip; the rest are counted.
NAMED = 3


class PendingStrip(FollowsFrame, ShownText):
    PACE = Pace.SLOW

    def draw(self, frame: Frame) -> None:
        meeting = frame.meeting
        pending = meeting.pending_requests()
        ahead = meeting.waiting_ahead()
        self.display = bool(pending or ahead)
        lines = []
        if pending:
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append("y accepts · w declines ", "italic")
            line.append(f"Awaiting your approval ({len(pending)}): ", "bold")
            zone = meeting.agenda.event.timezone
            for number, asked in enumerate(pending[:NAMED]):
                if number:
                    line.append(" · ")
                line.append_text(plain(meeting.label_of(asked)))
                line.append(f" {asked.kind.label.lower()} {local(asked.asked_at, zone):%H:%M}",
                            "dim")
            if len(pending) > NAMED:
                line.append(f" · and {len(pending) - NAMED} more", "dim")
            lines.append(line)
        if ahead:
            line = Text("Waiting on later items: ", "bold", no_wrap=True, overflow="ellipsis")
            for number, (item_id, count) in enumerate(ahead.items()):
                found = meeting.agenda.find_item(item_id)
                title = sanitise(found[1].title) if found else item_id
                line.append(f"{' · ' if number else ''}“{title}” {count}")
            lines.append(line)
        self.say(stack(lines) if lines else "")
