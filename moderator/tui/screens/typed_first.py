"""A dialog's first field gets the letters typed before it had the focus.

Each dialog focuses its field when it is mounted; on a loaded machine the dialog can be drawn
(and the chair can start typing) before that. A key that then reaches the dialog with nothing
focused is given to the field, after the focus: it lands as if the focus had come first
(a field that selects its text on focus has it replaced, as it would have been).
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.screen import Screen


class TypedBeforeFocus:
    """For a dialog (a Screen) whose field `FIRST_FIELD` (a selector) takes the focus."""

    FIRST_FIELD: ClassVar[str] = "Input"

    def on_key(self: Screen, event: events.Key) -> None:  # type: ignore[misc]
        if self.focused is None and event.is_printable and event.character:
            field = self.query_one(self.FIRST_FIELD)  # type: ignore[attr-defined]
            # At once (Widget.focus waits for the next turn, behind the letters still coming):
            # the field is told of its focus before it gets the letter.
            self.set_focus(field)
            field.post_message(events.Key(event.key, event.character))
            event.stop()
