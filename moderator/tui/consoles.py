"""The consoles open on one meeting: this one announced, the others named in a banner."""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from typing import Any

from rich.text import Text
from textual.widgets import Static

from moderator.core import Meeting
from moderator.core.clock import local
from moderator.core.identity import ConsoleIdentity
from moderator.store.presence import Presence
from moderator.tui.text import sanitise

# How often a console looks for others opening or closing (on a thread of its own).
LOOK_SECONDS = 2.0


def join(store: Any, console: ConsoleIdentity) -> Presence | None:
    """Announce `console` beside the database of `store`; None when it has no file."""
    path = getattr(store, "path", None)
    if not isinstance(path, str):
        return None
    try:
        return Presence.open(path, console.as_record())
    except Exception as error:  # the console works without it: it only cannot be seen
        logging.getLogger(__name__).warning("console not announced: %s", error)
        return None


def banner_text(meeting: Meeting, others: list[dict[str, Any]]) -> Text | None:
    """"Another chair console is open on this meeting (host, since 14:02) …", or None."""
    if not others:
        return None
    parts = [_where(meeting, other) for other in others]
    many = len(others) > 1
    head = f"{len(others)} other chair consoles are" if many else "Another chair console is"
    return Text(f"{head} open on this meeting ({'; '.join(parts)}). Both can act: each sees "
                "the other's actions, and ctrl+z asks before taking back one of theirs.",
                style="bold")


def _where(meeting: Meeting, other: dict[str, Any]) -> str:
    """"laptop-2, since 14:02": the other console's host and when it opened."""
    try:
        started = datetime.fromisoformat(str(other.get("started")))
        since = local(started, meeting.agenda.event.timezone)
        when = f"since {since:%H:%M}"
    except ValueError:
        when = "since a moment"
    return f"{sanitise(str(other.get('host', '?')))}, {when}"


class OtherConsoles(Static):
    """A banner while another chair console is open; it looks every LOOK_SECONDS, in a thread."""

    DEFAULT_CSS = """
    OtherConsoles { height: auto; background: $warning 30%; padding: 0 1; display: none; }
    """

    def __init__(self, meeting: Meeting, presence: Presence | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.meeting, self.presence = meeting, presence
        self.others: list[dict[str, Any]] = []
        self._looked = False  # the first look, at start, names those open before this one
        self._looking_done = threading.Event()  # set when the banner goes: its look thread ends
        self.looker: threading.Thread | None = None

    def on_mount(self) -> None:
        if self.presence is None:
            return
        self.show_others(self.presence.others(role=self.meeting.role))
        # A thread of its own that tells the UI only of a change: a worker each look cost the
        # idle chair's UI thread a task, a pool's thread and three state messages every 2 s.
        self.looker = threading.Thread(target=self._look, args=(self.presence, self._looking_done),
                                       daemon=True, name="other-consoles")
        self.looker.start()

    def on_unmount(self) -> None:
        self._looking_done.set()

    def _look(self, presence: Presence, closed: threading.Event) -> None:
        """Every LOOK_SECONDS until the banner is gone: the others, to the UI when they change."""
        while not closed.wait(LOOK_SECONDS):
            try:
                found = presence.others(role=self.meeting.role)
                if found != self.others:
                    self.app.call_from_thread(self.show_others, found)
            except Exception as error:  # the banner is a courtesy: the console goes on
                if closed.is_set():
                    return
                logging.getLogger(__name__).warning("other consoles not read: %s", error)

    def show_others(self, others: list[dict[str, Any]]) -> None:
        known = {other.get("id") for other in self.others}
        opened = [other for other in others if other.get("id") not in known]
        if self._looked and opened:
            # A banner appearing at the top is easily missed: the chair already at work is told.
            for other in opened:
                self.app.notify(f"A second chair console opened on this meeting "
                                f"({_where(self.meeting, other)}): both can act, and each is "
                                "told of the other's actions", title="Another chair console",
                                severity="warning", markup=False, timeout=10)
        self._looked = True
        self.others = others
        text = banner_text(self.meeting, others)
        self.display = text is not None
        if text is not None:
            self.update(text)
