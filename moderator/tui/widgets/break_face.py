"""A break's face, for the chair's console and the audience clock alike: what the break is, a
countdown to the time the meeting resumes (hours past 60 minutes), and what comes after it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from moderator.tui.text import at_or_on, clock_face, over_face, sanitise
from moderator.tui.widgets import quiet
from moderator.tui.widgets.big_countdown import BigCountdown


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


class BreakFace(Vertical):
    """Shown instead of the floor while a break is open."""

    def compose(self) -> ComposeResult:
        yield Static(id="break-title")
        yield BigCountdown(id="break-countdown")
        yield Static(id="break-next")

    def show(self, title: str, resumes: str | None, remaining: float | None,
             next_title: str | None) -> None:
        """`resumes`: the local time the meeting resumes; `remaining`: seconds until then."""
        heading, after = break_words(title, resumes, remaining, next_title)
        quiet.update(self.query_one("#break-title", Static), heading)
        self.query_one(BigCountdown).face = (clock_face(remaining, hours=True)
                                             if remaining is not None else "-:--")
        quiet.update(self.query_one("#break-next", Static), after)
        self.set_class(remaining is not None and remaining < 0, "-overdue")
