"""Who has spoken on this item, for how long, over or under their time; it scrolls (h, ↑↓)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll

from moderator.core.model import InterventionKind
from moderator.core.timer import spoken_whole
from moderator.tui.frame import FollowsFrame, Frame, Pace, ShownText
from moderator.tui.text import ALARM, clock_face, plain, spoken_face, stack
from moderator.tui.widgets.speakers import KIND_MARKS

# Enough for any item of a day; an item with more shows its latest, and says so.
SHOWN = 300
# The kinds marked in words, as on the list of speakers.
MARKED = (InterventionKind.POINT_OF_ORDER, InterventionKind.RIGHT_OF_REPLY)


class SpeakingLog(FollowsFrame, VerticalScroll, can_focus=True):
    """The interventions of the current item, oldest first, the latest in view."""

    # Only finished interventions are listed: what they show moves with the record alone.
    PACE = Pace.RECORD

    def compose(self) -> ComposeResult:
        yield ShownText(id="log-lines")

    def on_mount(self) -> None:
        # The latest stays in view unless the chair scrolled up to read (back at the end, it
        # follows again). Anchored, the log is scrolled in the layout that a new line needs,
        # not in a scroll of its own after it: that one drew the whole screen again.
        self.anchor()

    def draw(self, frame: Frame) -> None:
        meeting, now = frame.meeting, frame.now
        item = meeting.current_item()
        lines_widget = self.query_one("#log-lines", ShownText)
        if item is None:  # between items (adjourned overnight): not the whole day's speakers
            lines_widget.say(Text("No item in progress", style="dim"))
            return
        done = [i for i in meeting.log(item.id) if i.ended_at is not None]
        if not done:
            lines_widget.say(Text("Nobody has spoken on this item yet", style="dim"))
            return
        lines = []
        if len(done) > SHOWN:
            lines.append(Text(f"{len(done) - SHOWN} earlier not shown", style="dim italic"))
        for number, intervention in enumerate(done[-SHOWN:], max(1, len(done) - SHOWN + 1)):
            spoken = intervention.speaking_seconds(now)
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
            lines.append(line)
        lines_widget.say(stack(lines))
