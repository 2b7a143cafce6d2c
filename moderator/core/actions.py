"""What every decision shares: `Refused`, the events of one action, text checks.

A decision (a command) reads the state and never changes it: it answers with the events of one
user action, which share one moment and one `action` id (so that undo takes back all of them).
"""

from __future__ import annotations

from datetime import datetime
from uuid import uuid4

from moderator.core import events as ev
from moderator.core.context import MeetingContext


class Refused(Exception):
    """A command the rules do not allow; `str(exc)` is a sentence for the notification."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class AskAgain(Refused):
    """A command that needs a second press: `str(exc)` says why, `then` what the press does."""

    def __init__(self, reason: str, then: str, action: str) -> None:
        super().__init__(reason)
        self.then = then
        self.action = action  # the action the second press is about


def refuse_invalid_text(text: str, what: str) -> None:
    """Refuse text that is not valid Unicode (a lone surrogate): no file, export or terminal
    could write it, so it would break the record far from where it was typed."""
    for position, char in enumerate(text):
        if "\ud800" <= char <= "\udfff":
            raise Refused(f"The {what} contains an invalid character (U+{ord(char):04X}) at "
                          f"position {position + 1}; retype or paste it again")


class Action:
    """Collects the events of one action, all stamped with the same moment and action id."""

    def __init__(self, context: MeetingContext) -> None:
        self.context = context
        self.at: datetime = context.clock.now()
        self.origin = ev.origin(context.clock, context.console)
        self.id = uuid4().hex
        self.events: list[dict] = []

    def add(self, event: ev.Event) -> Action:
        self.events.append(ev.stamped(event, self.at, self.context.role, action=self.id,
                                      **self.origin))
        return self


def single(context: MeetingContext, event: ev.Event, *, action: bool = False,
           origin: bool = True) -> dict:
    """One event outside an action's list (notes, documents, decisions: never undone).

    `action`: give it an action id of its own; `origin`: with the clock's and console's origin.
    """
    extra: dict[str, object] = {}
    if action:
        extra["action"] = ev.new_action()
    if origin:
        extra.update(ev.origin(context.clock, context.console))
    return ev.stamped(event, context.clock.now(), context.role, **extra)
