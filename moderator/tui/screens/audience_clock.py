"""The audience clock: who speaks, for whom, the time left in huge digits, and who is next.

Read-only: it folds what the moderator records and never writes.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from moderator.core import Meeting, TimerState
from moderator.tui.live import Recorded
from moderator.tui.text import clock_face, plain
from moderator.tui.widgets.big_countdown import BigCountdown
from moderator.tui.widgets.break_face import BreakFace
from moderator.tui.widgets.podium_banner import PodiumBanner

# The countdown is computed from the clock at least 4 times a second.
TICK_SECONDS = 0.25
NEXT_SHOWN = 3
WORDS = {
    TimerState.IDLE: "",
    TimerState.RUNNING: "",
    TimerState.PAUSED: "PAUSED",
    TimerState.WARNING: "TIME IS NEARLY UP",
    TimerState.OVERTIME: "TIME IS UP",
}


class AudienceClockScreen(Screen[None]):
    CSS_PATH = Path(__file__).with_name("audience_clock.tcss")

    def __init__(self, meeting: Meeting) -> None:
        super().__init__(id="audience-clock")
        self.meeting = meeting

    def compose(self) -> ComposeResult:
        yield Static(id="speaker")
        yield Static(id="state")
        yield BigCountdown(id="countdown")
        yield PodiumBanner(id="podium-message")
        yield Static(id="next")
        yield BreakFace(id="break")

    def on_mount(self) -> None:
        self.show()
        self.set_interval(TICK_SECONDS, self.tick)

    def tick(self) -> None:
        self.show()

    @on(Recorded)
    def _recorded(self) -> None:
        self.show()

    def show(self) -> None:
        meeting = self.meeting
        now = meeting.clock.now()
        self.query_one(PodiumBanner).show(meeting)
        on_break = meeting.break_view(now)
        self.set_class(on_break is not None, "-break")
        if on_break is not None:
            for state in TimerState:
                self.remove_class(f"-{state.value}")
            self.query_one(BreakFace).show(meeting, on_break, now)
            return
        timer = meeting.timer(now)
        speaking = timer.intervention
        for state in TimerState:
            self.set_class(speaking is not None and timer.state == state, f"-{state.value}")
        countdown = self.query_one(BigCountdown)
        if speaking is None:
            self.query_one("#speaker", Static).update(Text("The floor is open", style="dim"))
            self.query_one("#state", Static).update("")
            countdown.face = "-:--"
        else:
            self.query_one("#speaker", Static).update(plain(meeting.label_of(speaking), "bold"))
            words = WORDS[timer.state]
            if timer.state == TimerState.OVERTIME:
                words = f"TIME IS UP  +{clock_face(-timer.remaining)}"
            if not timer.running and timer.state != TimerState.IDLE:
                # Stopped (a point of order, the chair): the room sees the clock is not running.
                words = "PAUSED" + (f"  +{clock_face(-timer.remaining)} over"
                                    if timer.remaining < 0 else "")
            self.query_one("#state", Static).update(Text(words, style="bold"))
            countdown.face = clock_face(timer.remaining)
        waiting = [meeting.label_of(r) for r in meeting.queue()[:NEXT_SHOWN]]
        line = Text("Next: " if waiting else "", style="dim")
        line.append_text(plain("  ·  ".join(waiting)))
        self.query_one("#next", Static).update(line)
