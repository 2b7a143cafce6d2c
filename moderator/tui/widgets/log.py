"""Who has spoken on this item, for how long, over or under their time."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widgets import Static

from moderator.core import Meeting
from moderator.tui.text import clock_face, plain, stack
from moderator.tui.widgets import quiet


class SpeakingLog(Static):
    def show(self, meeting: Meeting, now: datetime, last: int = 6) -> None:
        item = meeting.current_item()
        done = [i for i in meeting.log(item.id if item else None) if i.ended_at is not None]
        if not done:
            quiet.update(self, Text("Nobody has spoken on this item yet", style="dim"))
            return
        lines = []
        for intervention in done[-last:]:
            spoken = intervention.speaking_seconds(now)
            over = spoken - intervention.allotted
            # Spoken of allotted first, so a long name is what an ellipsis cuts.
            line = Text(f"{clock_face(spoken)} of {clock_face(intervention.allotted)}  ",
                        style="dim")
            line.append_text(plain(meeting.label_of(intervention)))
            if over > 0:
                line.append(f"  +{clock_face(over)} over", "bold red")
            lines.append(line)
        quiet.update(self, stack(lines))
