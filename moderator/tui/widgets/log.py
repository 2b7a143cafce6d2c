"""Who has spoken on this item, for how long, over or under their time."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widgets import Static

from moderator.core import Meeting
from moderator.core.journal import journal_name
from moderator.tui.text import duration, plain, stack
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
            line = plain(journal_name(meeting.roster, intervention.who, intervention.guest,
                                      intervention.on_behalf, intervention.alignment))
            line.append(f"  {duration(spoken)} ")
            if over > 0:
                line.append(f"{duration(over)} over", "bold red")
            else:
                line.append(f"{duration(-over)} under", "green")
            lines.append(line)
        quiet.update(self, stack(lines))
