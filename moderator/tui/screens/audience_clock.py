"""The audience clock: the time of day and the item, who speaks, for whom, the time left in huge
digits, who is next; during a break, when the meeting resumes. It lays out the room view
(`moderator.core.room_view`) as the terminal clock may see it, and reads nothing else of the
meeting. Every state is said in words, never by colour alone: a paused timer says so even in
overtime, a suspended sitting says since when (and until when, if the chair said), an
adjourned meeting until when, a point of order says who resumes, a closed list says so, and a
clock that lost its database says so until it reads it again.

Read-only: it folds what the moderator records and never writes.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen

from moderator.core import Meeting, TimerState
from moderator.core.model import InterventionKind
from moderator.core.room_view import Countdown, RecessKind, RoomView, Surface
from moderator.tui.frame import ShownText, set_classes
from moderator.tui.live import MeetingChanged
from moderator.tui.rows import DrawsRows
from moderator.tui.text import at_or_on, clock_face, over_face, plain, sanitise
from moderator.tui.ticking import tick_on_changes
from moderator.tui.widgets.big_countdown import BigCountdown
from moderator.tui.widgets.break_face import BreakFace, BreakShown
from moderator.tui.widgets.podium_banner import PodiumBanner

NEXT_SHOWN = 3
WORDS = {
    TimerState.IDLE: "",
    TimerState.RUNNING: "",
    TimerState.PAUSED: "PAUSED",
    TimerState.WARNING: "TIME IS NEARLY UP",
    TimerState.OVERTIME: "TIME IS UP",
}
NO_TIME = "-:--"
NOBODY = "Nobody has the floor"
# The kinds named beside the speaker, in words (a statement needs none).
MARKS = {
    InterventionKind.POINT_OF_ORDER: "POINT OF ORDER",
    InterventionKind.RIGHT_OF_REPLY: "RIGHT OF REPLY",
    InterventionKind.QUESTION: "QUESTION",
}


def timer_words(state: TimerState, remaining: float, running: bool) -> str:
    """What the line above the digits says; a stopped timer says PAUSED in every state."""
    words = WORDS[state]
    if state == TimerState.OVERTIME:
        words = f"TIME IS UP  +{over_face(remaining)}"
    if not running and state in (TimerState.WARNING, TimerState.OVERTIME):
        words += "  ·  PAUSED"
    return words


def suspension_words(view: RoomView) -> str:
    """"SITTING SUSPENDED since 09:12 · resumes at 10:00" (the last part when it is known;
    "resumes on Friday 09:30" on another day)."""
    sitting = view.sitting_suspended
    if sitting is None:
        return ""
    words = f"SITTING SUSPENDED since {view.local(sitting.since)}"
    if sitting.resumes_at is not None:
        words += f"  ·  resumes {at_or_on(view.local(sitting.resumes_at))}"
    return words


def adjourned_words(view: RoomView) -> str:
    """"Adjourned until Friday 09:30" while the meeting is adjourned, else nothing."""
    recess = view.recess
    if recess is None or recess.kind is not RecessKind.ADJOURNMENT or recess.resumes_at is None:
        return ""
    return f"Adjourned until {view.local(recess.resumes_at)}"


def next_line(view: RoomView) -> Text:
    """LIST CLOSED, then who comes next (the speaker who resumes marked so)."""
    line = Text()
    if view.list_closed:
        line.append(" LIST CLOSED ", "bold reverse")
        line.append("  ")
    if not view.speakers:
        line.append("Nobody is waiting for the floor", "dim")
        return line
    line.append("Next: ", "dim")
    for index, entry in enumerate(view.speakers[:NEXT_SHOWN]):
        if index:
            line.append("  ·  ")
        line.append_text(plain(entry.speaker.short_name))
        if entry.resumes:
            line.append(" (resumes)", "italic")
        if entry.speaker.remote:
            line.append(" (remote)", "italic")
        elif entry.speaker.kind in MARKS:
            line.append(f" ({MARKS[entry.speaker.kind].lower()})", "italic")
    more = len(view.speakers) - NEXT_SHOWN
    if more > 0:
        line.append(f"  ·  and {more} more", "dim")
    return line


class AudienceClockScreen(DrawsRows, Screen[None]):
    CSS_PATH = Path(__file__).with_name("audience_clock.tcss")

    def __init__(self, meeting: Meeting, waiting_for: Path | None = None) -> None:
        super().__init__(id="audience-clock")
        self.meeting = meeting
        # The database the clock waits for (not created yet), or None once it follows one.
        self.waiting_for = waiting_for
        # Why the clock cannot read its database (deleted, say), or None while it can.
        self.lost: str | None = None

    def compose(self) -> ComposeResult:
        yield ShownText(id="lost")
        yield ShownText(id="item")
        yield ShownText(id="sitting")
        yield ShownText(id="speaker")
        yield ShownText(id="state")
        yield BigCountdown(id="countdown")
        yield BreakFace(id="break")
        yield PodiumBanner(id="podium-message")
        yield ShownText(id="next")

    def on_mount(self) -> None:
        self.show()
        tick_on_changes(self, lambda: self.meeting, self.tick)

    def tick(self) -> None:
        self.show()

    @on(MeetingChanged)
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
        self.query_one(selector, ShownText).say(content)

    def show(self) -> None:
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
        self.render_view(self.meeting.room_view().seen_by(Surface.CLOCK))

    def render_view(self, view: RoomView) -> None:
        """Lay out `view`: what the room sees, and nothing else."""
        self.query_one(PodiumBanner).message = view.message.text if view.message else None
        recess = view.recess
        # The time of day, then the item the speakers speak on (a break names itself below).
        head = Text(view.local(view.at), style="bold")
        if view.item is not None and recess is None:
            head.append("  ·  ")
            head.append_text(plain(view.item.heading, "italic"))
        elif adjourned := adjourned_words(view):
            head.append(f"  ·  {adjourned}")
        self._say("#item", head)
        sitting = suspension_words(view)
        self.query_one("#sitting").display = bool(sitting)
        self._say("#sitting", Text(sitting, style="bold"))
        self.set_class(recess is not None, "-break")
        if recess is not None:
            self._phase(None)
            self.query_one(BreakFace).shown_break = BreakShown(
                recess.title, view.local(recess.resumes_at) if recess.resumes_at else None,
                recess.remaining, view.next_item.title if view.next_item else None)
            return
        self._phase(view.countdown if view.floor is not None else None)
        countdown = self.query_one("#countdown", BigCountdown)
        if view.floor is None:
            self._say("#speaker", Text(NOBODY, style="bold"))
            self._say("#state", "")
            countdown.face = NO_TIME
        else:
            who = plain(view.floor.short_name, "bold")
            if view.floor.kind in MARKS:
                who.append("  ")
                who.append(f" {MARKS[view.floor.kind]} ", "bold reverse")
            if view.floor.remote:
                who.append("  (remote)", "italic")
            self._say("#speaker", who)
            timer = view.countdown
            state = Text(timer_words(timer.phase, timer.remaining, timer.running), style="bold")
            if view.suspended is not None:
                state.append("\n" if state.plain else "")
                state.append_text(plain(f"{view.suspended.short_name} resumes after the point "
                                        "of order", "italic"))
            self._say("#state", state)
            countdown.face = clock_face(timer.remaining)
        self._say("#next", next_line(view))

    def _phase(self, countdown: Countdown | None) -> None:
        """The colour classes of the countdown's phase (the words say it too)."""
        classes = {f"-{state.value}": countdown is not None and countdown.phase == state
                   for state in TimerState}
        classes["-stopped"] = countdown is not None and not countdown.running \
            and countdown.phase != TimerState.IDLE
        set_classes(self, classes)

    def _blank(self, heading: Text, reason: str) -> None:
        self.query_one(PodiumBanner).message = None  # no stale message either
        self._phase(None)
        self.set_class(False, "-break")
        self.query_one("#sitting").display = False
        self._say("#lost", Text(sanitise(reason)))  # wrapped: the whole path and reason
        self._say("#item", "")
        self._say("#speaker", heading)
        self._say("#state", "")
        self.query_one("#countdown", BigCountdown).face = NO_TIME
        self._say("#next", "")
