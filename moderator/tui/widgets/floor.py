"""The floor: who speaks, a large countdown, the allotted time and the state in words and colour."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical

from moderator.core import Meeting, TimerState
from moderator.core.model import InterventionKind
from moderator.tui.frame import Face, FollowsFrame, Frame, Pace, ShownText, set_classes
from moderator.tui.text import clock_face, over_face, plain, spoken_face
from moderator.tui.widgets.big_countdown import BigCountdown
from moderator.tui.widgets.status import adjourned_words, suspended_words

WORDS = {
    TimerState.IDLE: "READY — space starts the timer",
    TimerState.RUNNING: "SPEAKING",
    TimerState.PAUSED: "PAUSED",
    TimerState.WARNING: "WARNING — time is nearly up",
    TimerState.OVERTIME: "OVERTIME",
}


class FloorPanel(FollowsFrame, Vertical):
    """Drawn while no break is open (the break's face takes its place)."""

    PACE = Pace.SECOND

    def compose(self) -> ComposeResult:
        yield ShownText(id="speaker")
        yield Face("0:00", id="countdown")
        # On a wide screen (a projector) the block digits of the audience clock, larger still.
        yield BigCountdown(id="big-countdown")
        yield ShownText(id="timer-state")

    def _faces(self, face: str) -> None:
        self.query_one(Face).face = face
        self.query_one(BigCountdown).face = face

    def draw(self, frame: Frame) -> None:
        meeting, now = frame.meeting, frame.now
        if frame.on_break is not None:
            return
        timer = meeting.timer(now)
        speaking = timer.intervention
        suspended = meeting.suspended()
        classes = {f"-{state.value}": timer.state == state and speaking is not None
                   for state in TimerState}
        classes["-empty"] = speaking is None
        sitting = suspended_words(meeting, now, loud=True)
        if speaking is None:
            set_classes(self, classes)
            self.query_one("#speaker", ShownText).say(Text("Nobody has the floor", style="dim"))
            self._faces("-:--")
            self.query_one("#timer-state", ShownText).say(
                _with_podium(meeting, _idle_hint(meeting, now)))
            return
        who = plain(meeting.label_of(speaking), "bold")
        who.append(f"  {speaking.kind.label}",
                   "bold reverse" if speaking.kind != InterventionKind.STATEMENT else "")
        self.query_one("#speaker", ShownText).say(who)
        self._faces(clock_face(timer.remaining))
        state = Text(WORDS[timer.state], style="bold")
        if timer.state == TimerState.OVERTIME:
            state = Text(f"OVERTIME +{over_face(timer.remaining)}", style="bold")
            if not timer.running:
                state.append("  (paused)")
        resumed = not timer.running and _after_point_of_order(meeting, speaking)
        classes["-resumed"] = resumed
        if resumed:
            # Back from a point of order with the clock stopped: the chair must not miss it.
            state = Text(" TIMER PAUSED — back after the point of order: space resumes ",
                         style="bold reverse")
        classes["-stopped"] = not timer.running and timer.state != TimerState.IDLE
        set_classes(self, classes)
        if sitting is not None:
            state = Text(f"{sitting} (p resumes)", style="bold")
        state.append(f"\nallotted {clock_face(timer.allotted)} · spoken {spoken_face(timer.elapsed)}",
                     "not bold")
        if suspended is not None:
            held = meeting.label_of(suspended)
            state.append("\n")
            state.append_text(plain(f"{held} suspended for a point of order", "italic"))
        self.query_one("#timer-state", ShownText).say(_with_podium(meeting, state))


def _with_podium(meeting: Meeting, state: Text) -> Text:
    """`state`, and under it the message the podium shows now (`m` sent it), if any."""
    message = meeting.podium_message()
    if message is None:
        return state
    state.append("\n")
    state.append("On the podium: ", "bold")
    state.append_text(plain(f" {message.text} ", "bold reverse"))
    return state


def _idle_hint(meeting: Meeting, now: datetime) -> Text:
    """What the chair can do with nobody on the floor: the key that does it, never one that
    would be refused (no `n` with nobody waiting)."""
    adjourned, sitting = adjourned_words(meeting, now), suspended_words(meeting, now)
    if adjourned is not None:
        return Text(f"{adjourned.upper()}: ] resumes the meeting", style="bold")
    if sitting is not None:
        return Text(f"{sitting}: p resumes it", style="dim")
    if meeting.current_item() is None:
        return Text("] opens the next agenda item", style="dim")
    if meeting.queue():
        return Text("n gives the floor to the next speaker", style="dim")
    return Text("Nobody is waiting: a adds a request for the floor", style="dim")


def _after_point_of_order(meeting: Meeting, speaking) -> bool:
    """The speaker holds the floor again after a point of order that paused them."""
    since = speaking.paused_since
    if since is None:
        return False
    # The point of order started as they were paused; it is among the last few interventions.
    return any(record.kind is InterventionKind.POINT_OF_ORDER and record.started_at >= since
               and record.ended_at is not None for record in meeting.state.log[-4:])
