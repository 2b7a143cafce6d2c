"""A console wakes when what it shows of the time reads differently, not 4 or 5 times a second.

What a console shows of the time moves by whole seconds: the wall clock's (the status bar, a
break's countdown) and the speaker's timer's (the countdown, the time spoken), which starts at
any moment of a second. The next tick is set for the first of those to come.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from moderator.core import Meeting

# A tick comes this long after the second it is for, so that it never reads the second before.
MARGIN = 0.005
# Never sooner than this (a timer due at once), never later than a second.
SOONEST = 0.02


def next_change(meeting: Meeting, now: datetime) -> float:
    """Seconds until the wall clock or the running timer reaches its next whole second."""
    delays = [1 - now.timestamp() % 1]
    timer = meeting.timer(now)
    if timer.running:
        delays += [1 - timer.elapsed % 1, timer.remaining % 1 or 1.0]
    return min(1.0, max(SOONEST, min(delays) + MARGIN))


def tick_on_changes(node: Any, meeting: Callable[[], Meeting], tick: Callable[[], Any]) -> None:
    """Call `tick` at each change of what `meeting()` shows of the time, for `node`'s life."""

    def again() -> None:
        tick()
        schedule()

    def schedule() -> None:
        shown = meeting()
        node.set_timer(next_change(shown, shown.now()), again, name="tick")

    schedule()
