"""A break's face, for the chair's console and the audience clock alike: what the break is, a
countdown to the time the meeting resumes, and what comes after it."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from moderator.core import Meeting
from moderator.core.views import BreakView
from moderator.tui.text import clock_face, over_face, sanitise
from moderator.tui.widgets import quiet
from moderator.tui.widgets.big_countdown import BigCountdown
from moderator.tui.widgets.status import local


def break_words(meeting: Meeting, view: BreakView) -> tuple[Text, Text]:
    """The heading ("COFFEE BREAK · the meeting resumes at 11:05") and the line under the
    countdown (what comes next, or how late the resumption is)."""
    heading = Text(no_wrap=True, overflow="ellipsis", justify="center")
    heading.append(sanitise(view.title).upper(), "bold")
    heading.append(f"  ·  the meeting resumes at {local(meeting, view.resumes_at):%H:%M}")
    after = Text(no_wrap=True, overflow="ellipsis", justify="center")
    if view.remaining < 0:
        after.append(f"Resumption is {over_face(view.remaining)} overdue", "bold")
        after.append("  ·  ")
    if view.next_title:
        after.append("Next: ", "dim")
        after.append(sanitise(view.next_title))
    else:
        after.append("The last item of the agenda", "dim")
    return heading, after


class BreakFace(Vertical):
    """Shown instead of the floor while a break is open."""

    def compose(self) -> ComposeResult:
        yield Static(id="break-title")
        yield BigCountdown(id="break-countdown")
        yield Static(id="break-next")

    def show(self, meeting: Meeting, view: BreakView, now: datetime) -> None:
        heading, after = break_words(meeting, view)
        quiet.update(self.query_one("#break-title", Static), heading)
        self.query_one(BigCountdown).face = clock_face(view.remaining)
        quiet.update(self.query_one("#break-next", Static), after)
        self.set_class(view.remaining < 0, "-overdue")
