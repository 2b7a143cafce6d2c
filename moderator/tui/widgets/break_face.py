"""A break's face, for the chair's console and the audience clock alike: what the break is, a
countdown to the time the meeting resumes (hours past 60 minutes), and what comes after it."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import Reactive

from moderator.tui.frame import FollowsFrame, Frame, Pace, ShownText, value
from moderator.tui.text import at_or_on, clock_face, over_face, sanitise
from moderator.tui.widgets.big_countdown import BigCountdown
from moderator.tui.widgets.status import when


def break_words(title: str, resumes: str | None, remaining: float | None,
                next_title: str | None) -> tuple[Text, Text]:
    """The heading ("COFFEE BREAK · the meeting resumes at 11:05") and the line under the
    countdown (what comes next, or how late the resumption is)."""
    heading = Text(no_wrap=True, overflow="ellipsis", justify="center")
    heading.append(sanitise(title).upper(), "bold")
    if resumes:  # "11:05", or "Friday 09:30" on another day
        heading.append(f"  ·  the meeting resumes {at_or_on(resumes)}")
    after = Text(no_wrap=True, overflow="ellipsis", justify="center")
    if remaining is not None and remaining < 0:
        after.append(f"Resumption is {over_face(remaining, hours=True)} overdue", "bold")
        after.append("  ·  ")
    if next_title:
        after.append("Next: ", "dim")
        after.append(sanitise(next_title))
    else:
        after.append("The last item of the agenda", "dim")
    return heading, after


@dataclass(frozen=True)
class BreakShown:
    """The break as its face reads: `resumes`, the local time the meeting resumes;
    `remaining`, seconds until then."""

    title: str
    resumes: str | None
    remaining: float | None
    next_title: str | None


class BreakFace(Vertical):
    """Shown instead of the floor while a break is open: set `shown_break`."""

    shown_break: Reactive[BreakShown | None] = value(None)

    def compose(self) -> ComposeResult:
        yield ShownText(id="break-title")
        yield BigCountdown(id="break-countdown")
        yield ShownText(id="break-next")

    def watch_shown_break(self, shown_break: BreakShown | None) -> None:
        if shown_break is None:
            return
        remaining = shown_break.remaining
        heading, after = break_words(shown_break.title, shown_break.resumes, remaining,
                                     shown_break.next_title)
        self.query_one("#break-title", ShownText).say(heading)
        self.query_one(BigCountdown).face = (clock_face(remaining, hours=True)
                                             if remaining is not None else "-:--")
        self.query_one("#break-next", ShownText).say(after)
        self.set_class(remaining is not None and remaining < 0, "-overdue")


class MeetingBreakFace(FollowsFrame, BreakFace):
    """The chair's console's: drawn from the screen's frame while a break is open."""

    PACE = Pace.SECOND

    def draw(self, frame: Frame) -> None:
        meeting, now = frame.meeting, frame.now
        on_break = frame.on_break
        if on_break is not None:
            self.shown_break = BreakShown(on_break.title, when(meeting, on_break.resumes_at, now),
                                          on_break.remaining, on_break.next_title)
