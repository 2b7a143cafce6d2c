"""The meeting as the room server sees it: a thread follows the database and publishes the
state document to every viewer; the asyncio loop never waits on the store's lock or the disk.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

from moderator.core import Meeting
from moderator.web.links import Links, load_links, read_links
from moderator.web.room_state import state_document

# A change on the chair's console is read within this (an idle read costs ~80 µs); the
# document goes out at once.
FOLLOW_SECONDS = 0.05
# With nothing new, the document still goes out this often: the page knows it is in contact.
HEARTBEAT_SECONDS = 1.0

log = logging.getLogger(__name__)


class FeedStore(Protocol):
    """What the feed uses of the store (`moderator.store.MeetingStore` has it)."""

    def read_new(self) -> list[dict]: ...
    def append(self, events: list[dict]) -> None: ...
    def setting(self, name: str, default: Any = None) -> Any: ...
    def set_setting(self, name: str, value: Any) -> None: ...


class MeetingFeed:
    """Folds what the consoles record and hands the latest document to subscribers.

    `lock` guards the meeting and the store: the follower thread folds under it, and so do the
    writes the server makes for the rapporteur's page (one decision at a time, on the state
    that is on disk).
    """

    def __init__(self, meeting: Meeting, store: FeedStore, *,
                 follow_seconds: float = FOLLOW_SECONDS,
                 heartbeat_seconds: float = HEARTBEAT_SECONDS) -> None:
        self.meeting, self.store = meeting, store
        self.follow_seconds, self.heartbeat_seconds = follow_seconds, heartbeat_seconds
        self.lock = threading.RLock()
        self.links: Links = load_links(store)
        self.document: str = ""
        self.error: str | None = None  # the last failure to read the database, if any
        self._subscribers: set[Callable[[str], None]] = set()
        self._on_links: set[Callable[[Links], None]] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.refresh()

    # -- on the loop -----------------------------------------------------------------------

    def subscribe(self, receive: Callable[[str], None]) -> None:
        """`receive(document)` is called on the loop with every new document."""
        self._subscribers.add(receive)

    def unsubscribe(self, receive: Callable[[str], None]) -> None:
        self._subscribers.discard(receive)

    def on_links_changed(self, told: Callable[[Links], None]) -> None:
        self._on_links.add(told)

    @property
    def viewers(self) -> int:
        return len(self._subscribers)

    def publish(self, document: str) -> None:
        """On the loop: hand `document` to every subscriber."""
        self._publish(document)

    def _publish(self, document: str) -> None:
        for receive in list(self._subscribers):
            receive(document)

    def _links_changed(self, links: Links) -> None:
        for told in list(self._on_links):
            told(links)

    # -- the follower thread ---------------------------------------------------------------

    def start(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="room-follower", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None and self._thread.is_alive():
            self._thread.join(timeout=5)
        self._thread = None

    def _run(self) -> None:
        last_beat = time.monotonic()
        while not self._stop.wait(self.follow_seconds):
            beat = time.monotonic() - last_beat >= self.heartbeat_seconds
            try:
                changed = self.refresh(check_links=beat)
            except Exception as error:  # the server goes on; the pages keep their last state
                log.error("reading the meeting's database: %s", error)
                self.error = str(error)
                continue
            if changed or beat:
                last_beat = time.monotonic()
                self._hand_over(self._publish, self.document)

    def _hand_over(self, call: Callable[[Any], None], value: Any) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(call, value)
            except RuntimeError:  # the loop closed meanwhile
                pass

    def refresh(self, *, check_links: bool = False) -> bool:
        """Read and fold what is new, make the document at the clock's now; True if new events.

        With `check_links`, links replaced in the database (`serve --revoke`, `--new-links`
        from another process) take effect at once and the subscribers are told.
        """
        with self.lock:
            new = self.store.read_new()
            self.meeting.apply_all(new)
            self.document = json.dumps(state_document(self.meeting.room_view()),
                                       ensure_ascii=False, separators=(",", ":"))
            if check_links:
                links = read_links(self.store) or self.links
                if links != self.links:
                    self.links = links
                    self._hand_over(self._links_changed, links)
            self.error = None
        return bool(new)

    def decide_and_record(self, command: Callable[[Meeting], list[dict]]) -> list[dict]:
        """Decide `command` on the state on disk, make its events durable, then fold them.

        Blocking (the store): call it from a worker thread, never on the loop.
        """
        with self.lock:
            self.meeting.apply_all(self.store.read_new())
            events = command(self.meeting)
            if events:
                self.store.append(events)
                self.meeting.apply_all(events)
                self.refresh()
        return events

    def read(self, look: Callable[[Meeting], Any]) -> Any:
        """`look` at the meeting as the database has it now (blocking: from a worker thread)."""
        with self.lock:
            self.meeting.apply_all(self.store.read_new())
            return look(self.meeting)
