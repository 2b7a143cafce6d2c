"""Keys that arrive together, typed into the note editor as one edit.

A terminal without bracketed paste sends a pasted text as one key per character: 5,000 words
are 30,000 keys, and Textual's handling of each (bindings checked, the key forwarded, the
document edited and wrapped again) took 19 s to show the paste. The app gathers the printable
keys that reach it back to back into one burst; the burst is typed when the app comes to it,
in its place among the other messages, so nothing changes order.
"""

from __future__ import annotations

from textual import events
from textual.message import Message


class KeyBurst(Message):
    """Printable keys that arrived back to back, in order."""

    def __init__(self, first: events.Key) -> None:
        super().__init__()
        self.keys = [first]

    @property
    def text(self) -> str:
        return "".join("\n" if key.key == "enter" else key.character or "" for key in self.keys)


def types_text(key: events.Key) -> bool:
    """A key the note editor types (a character or a new line), not one it acts on."""
    return key.is_printable or key.key == "enter"
