"""The audience clock: the item, who speaks, for whom, the time left in huge digits, who is next;
during a break, when the meeting resumes. It always tells the room the truth: a paused timer
says so even in overtime, and a clock that lost its database says so until it reads it again.

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
from moderator.tui.text import clock_face, over_face, plain, sanitise
from moderator.tui.widgets import quiet
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
NO_TIME = "-:--"


def timer_words(state: TimerState, remaining: float, running: bool) -> str:
    """What the line above the digits says; a stopped timer says PAUSED in every state."""
    words = WORDS[state]
    if state == TimerState.OVERTIME:
        words = f"TIME IS UP  +{over_face(remaining)}"
    if not running and state in (TimerState.WARNING, TimerState.OVERTIME):
        words += "  ·  PAUSED"
    return words


class AudienceClockScreen(Screen[None]):
    CSS_PATH = Path(__file__).with_name("audience_clock.tcss")

    def __init__(self, meeting: Meeting, waiting_for: Path | None = None) -> None:
        super().__init__(id="audience-clock")
        self.meeting = meeting
        # The database the clock waits for (not created yet), or None once it follows one.
        self.waiting_for = waiting_for
        # Why the clock cannot read its database (deleted, say), or None while it can.
        self.lost: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="lost")
        yield Static(id="item")
        yield Static(id="speaker")
        yield Static(id="state")
        yield BigCountdown(id="countdown")
        yield BreakFace(id="break")
        yield PodiumBanner(id="podium-message")
        yield Static(id="next")

    def on_mount(self) -> None:
        self.show()
        self.set_interval(TICK_SECONDS, self.tick)

    def tick(self) -> None:
        self.show()

    @on(Recorded)
    def _recorded(self) -> None:
        self.show()

    def follow(self, meeting: Meeting) -> None:
        """The database exists now: follow the meeting folded from it."""
        self.meeting, self.waiting_for = meeting, None
        self.show()

    def lose(self, reason: str | None) -> None:
        """The database cannot be read (`reason`), or can be again (None)."""
        self.lost = reason
        self.show()

    def _say(self, selector: str, content: Text | str) -> None:
        quiet.update(self.query_one(selector, Static), content)

    def show(self) -> None:
        meeting, now = self.meeting, self.meeting.now()
        lost = self.lost is not None or self.waiting_for is not None
        self.query_one("#lost").display = lost
        self.set_class(lost, "-lost")
        if self.waiting_for is not None:
            self._blank(Text("Waiting for the meeting's database", style="bold"),
                        f"{self.waiting_for} does not exist yet: the clock starts as soon as "
                        "the moderator's console creates it.")
            return
        if self.lost is not None:
            # A stale speaker counting down would mislead the room: nothing is shown as live.
            self._blank(Text("This clock has lost the meeting", style="bold"), self.lost)
            return
        self.query_one(PodiumBanner).show(meeting)
        item = meeting.current_item()
        on_break = meeting.break_view(now)
        # The item the speakers speak on; a break has its own face, its name in it.
        self._say("#item", plain(item.title if item and on_break is None else "", "italic"))
        self.set_class(on_break is not None, "-break")
        if on_break is not None:
            for state in TimerState:
                self.set_class(False, f"-{state.value}")
            self.set_class(False, "-stopped")
            self.query_one(BreakFace).show(meeting, on_break, now)
            return
        timer = meeting.timer(now)
        speaking = timer.intervention
        for state in TimerState:
            self.set_class(speaking is not None and timer.state == state, f"-{state.value}")
        self.set_class(speaking is not None and not timer.running
                       and timer.state != TimerState.IDLE, "-stopped")
        countdown = self.query_one("#countdown", BigCountdown)
        if speaking is None:
            self._say("#speaker", Text("The floor is open", style="dim"))
            self._say("#state", "")
            countdown.face = NO_TIME
        else:
            self._say("#speaker", plain(meeting.label_of(speaking), "bold"))
            words = timer_words(timer.state, timer.remaining, timer.running)
            self._say("#state", Text(words, style="bold"))
            countdown.face = clock_face(timer.remaining)
        waiting = [meeting.label_of(r) for r in meeting.queue()[:NEXT_SHOWN]]
        line = Text("Next: " if waiting else "", style="dim")
        line.append_text(plain("  ·  ".join(waiting)))
        self._say("#next", line)

    def _blank(self, heading: Text, reason: str) -> None:
        self.query_one(PodiumBanner).set_class(True, "-empty")  # no stale message either
        for state in TimerState:
            self.set_class(False, f"-{state.value}")
        self.set_class(False, "-break")
        self.set_class(False, "-stopped")
        self._say("#lost", Text(sanitise(reason)))  # wrapped: the whole path and reason
        self._say("#item", "")
        self._say("#speaker", heading)
        self._say("#state", "")
        self.query_one("#countdown", BigCountdown).face = NO_TIME
        self._say("#next", "")
