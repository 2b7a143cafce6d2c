"""The console's link to its open meeting (`moderator.session`): commands in; notifications and
redraws out, on the UI thread.

The session layer decides, records and applies. This module adapts it to Textual: what the
writer thread and the follower thread hand over comes to the UI thread as one `Handed` message
(`post_message`: thread-safe, never blocks; `call_from_thread` would block and could deadlock
with a closing writer), and every screen of the stack hears `MeetingChanged` once the meeting
changed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.app import App
from textual.message import Message

from moderator.core import AskAgain, Meeting, Refused
from moderator.session import ChangedMeanwhile, OpenMeeting, Outcome, Recorded
from moderator.session.loop import Command

# Told on the UI thread how a command ended: its events once durable and applied (error None),
# or the error that kept them out (the store failed, or the command was refused); ([], None)
# when it decided nothing.
OnRecorded = Callable[[list[dict], BaseException | None], Any]


class Handed(Message):
    """A result of the writer or the follower thread, to be taken on the UI thread."""

    def __init__(self, call: Callable[[], Any]) -> None:
        super().__init__()
        self.call = call


class MeetingChanged(Message, bubble=False):
    """Events are durable and applied: each meeting screen in the stack re-renders (the one
    under a dialog too, so that it is current when the dialog closes)."""

    def __init__(self, events: list[dict]) -> None:
        super().__init__()
        self.events = events


class SessionLink:
    """A console's side of its `OpenMeeting`: runs commands, names what they did or why not."""

    def __init__(self, opened: OpenMeeting, app: App) -> None:
        self.opened = opened
        self.meeting: Meeting = opened.meeting
        self.store: Any = opened.store
        self.app = app
        opened.hand_over = self._hand_over
        opened.listen(self._told)
        # Told of events other consoles recorded, once folded (the chair's console names them).
        self.on_others: Callable[[list[dict]], Any] | None = None

    @property
    def idle(self) -> bool:
        """Nothing waits for the store (tests wait on this, never on a clock)."""
        return self.opened.idle

    def _hand_over(self, call: Callable[[], Any]) -> None:
        self.app.post_message(Handed(call))

    def run(self, command: Command, *, announce: bool = False,
            on_recorded: OnRecorded | None = None, again: str | None = None,
            retry: bool = False) -> None:
        """Decide `command` on the current state, record it, then apply it.

        `on_recorded` (optional) is called on the UI thread once that is done or has failed.
        A floor decision is appended only if no other console's floor decision came first;
        if one did, it is folded in and the chair is told (press `again` again), or, with
        `retry` (a decision the other's cannot change, like adding a request), decided anew.
        """
        self.opened.run(command, retry=3 if retry else 0,
                        on_done=partial(self._ended, announce, again, on_recorded))

    def _ended(self, announce: bool, again: str | None, on_recorded: OnRecorded | None,
               outcome: Outcome) -> None:
        error, notify = outcome.error, self.app.notify
        press = f"press {again} again" if again else "do it again"
        if outcome.dropped:
            pass  # meant for a state that did not happen: the failure before it was told
        elif isinstance(error, AskAgain):
            # The key first: a long reason is cut at the end of the one-line notice.
            notify(f"{press[0].upper()}{press[1:]} to {error.then}: {error}.",
                   severity="warning", markup=False, timeout=8)
        elif isinstance(error, ChangedMeanwhile):
            notify(f"{error}; nothing was done here: {press}.", title="Not done",
                   severity="warning", markup=False, timeout=10)
        elif isinstance(error, Refused):
            notify(str(error), severity="warning", markup=False)
        elif error is not None:
            notify(f"Not saved: {error}", severity="error", markup=False, timeout=10)
        elif announce and outcome.events:
            notify(self.meeting.describe(outcome.events), markup=False)
        if on_recorded is not None:
            on_recorded(outcome.events, error)

    def _told(self, told: object) -> None:
        if not isinstance(told, Recorded):
            return
        self._redraw(told.events)
        others = [] if told.ours else told.by_others()
        if others and self.on_others is not None:
            self.on_others(others)

    def _redraw(self, events: list[dict]) -> None:
        """Every screen of the stack hears of `events`, not only the top one (a dialog, help or
        the palette): the screens under it are current the moment it closes."""
        for screen in self.app.screen_stack:
            screen.post_message(MeetingChanged(events))

    def poll(self) -> bool:
        """Read and fold in now, on the calling thread (tests and tools; the consoles follow
        with the open meeting's follower thread instead)."""
        return self.opened.poll()
