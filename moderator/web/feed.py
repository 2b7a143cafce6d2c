"""The meeting as the room server sees it: a thread follows the database and publishes the
state document to every viewer; the asyncio loop never waits on the store's lock or the disk.

The server's open meeting (`moderator.session`) is the one way it records: `record` is its
loop's awaitable form (the browser's identity given to the loop, which stamps it), on the same
writer thread as every other write, and the meeting is then current without a read.

A delegation's link gets a document of its own (`document_for`): the room's, and of the
requests only its own (`core/delegation_view.py`); made when a delegation's page asks for it,
once per state of the meeting, whatever the number of its phones.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from moderator.core import Meeting
from moderator.core.identity import ConsoleIdentity
from moderator.core.room_view import RoomView, Surface
from moderator.session import OpenMeeting, Outcome, ReadFailed, Recorded
from moderator.web.links import Link, Links, load_links, read_links
from moderator.web.room_state import delegation_part, state_document

# A change on the chair's console is read within this (an idle read costs ~80 µs); the
# document goes out at once.
FOLLOW_SECONDS = 0.05
# With nothing new, the document still goes out this often: the page knows it is in contact.
HEARTBEAT_SECONDS = 1.0

log = logging.getLogger(__name__)


class MeetingFeed:
    """Folds what the consoles record and hands the latest document to subscribers.

    The open meeting's `lock` guards the meeting: the follower thread folds and makes the
    document under it, and so does the writer thread once the server's own decisions (the
    rapporteur's page) are durable. Nothing holds it while reading or writing the database.
    """

    def __init__(self, opened: OpenMeeting, *, follow_seconds: float = FOLLOW_SECONDS,
                 heartbeat_seconds: float = HEARTBEAT_SECONDS) -> None:
        self.opened = opened
        self.meeting: Meeting = opened.meeting
        self.store: Any = opened.store
        self.follow_seconds, self.heartbeat_seconds = follow_seconds, heartbeat_seconds
        self.links: Links = load_links(opened.store)
        self.document: str = ""
        self.generation = 0  # the state of the meeting `document` shows (counts its making)
        # Each delegation's document, with the generation it was made for; the room view they
        # share (one per generation, however many delegations).
        self._delegations: dict[str, tuple[int, str]] = {}
        self._room: tuple[int, RoomView, str] | None = None
        self.error: str | None = None  # the last failure to read the database, if any
        self._subscribers: set[Callable[[str], None]] = set()
        self._on_links: set[Callable[[Links], None]] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._failed: BaseException | None = None  # the last poll's failure to read
        opened.listen(self._recorded)
        self.refresh()

    def close(self) -> None:
        """The writes on their way waited for, the store closed (the consoles save the
        folded state at their quit; the server leaves that to them)."""
        self.stop()
        self.opened.close(save_snapshot=False)

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
        """Read and fold what others recorded, make the document at the clock's now; True if
        new events.

        With `check_links`, links replaced in the database (`serve --revoke`, `--new-links`
        from another process) take effect at once and the subscribers are told.
        """
        self._failed = None
        new = self.opened.poll()  # reads off the lock; folds under it
        if self._failed is not None:
            raise self._failed
        self._make_document()
        if check_links:
            links = read_links(self.store) or self.links
            if links != self.links:
                self.links = links
                self._hand_over(self._links_changed, links)
        self.error = None
        return new

    def _make_document(self) -> None:
        with self.opened.lock:
            meeting = self.opened.meeting
            self.document = _compact(state_document(meeting.room_view()))
            self.generation += 1

    def document_for(self, link: Link) -> str:
        """The document `link`'s page gets: a delegation's own, else the room's.

        A delegation's is the room's as its page may see it, and its own part: the part is
        made once per change of the meeting (not at every heartbeat), under the lock."""
        delegation = link.delegation
        if delegation is None:
            return self.document
        with self.opened.lock:
            meeting = self.opened.meeting
            if delegation not in meeting.roster.delegations:
                return self.document  # gone from the roster: its link goes at the next start
            changed, generation = meeting.folded_count, self.generation
            if self._room is None or self._room[0] != generation:
                document = state_document(meeting.room_view().seen_by(Surface.DELEGATION))
                self._room = (generation, meeting.room_view(), _compact(document))
            made = self._delegations.get(delegation)
            if made is None or made[0] != changed:
                view = meeting.delegation_view(delegation, self._room[1])
                made = (changed, _compact(delegation_part(view)))
                self._delegations[delegation] = made
            return f'{self._room[2][:-1]},"delegation":{made[1]}}}'

    def _recorded(self, told: object) -> None:
        # Our own decisions, durable and folded (on the writer thread, under the lock): the
        # document is made at once; `record` publishes it on the loop.
        if isinstance(told, Recorded) and told.ours:
            self._make_document()
        elif isinstance(told, ReadFailed):
            self._failed = told.error

    async def record(self, command: Callable[[Meeting], list[dict]],
                     console: ConsoleIdentity | None = None, *, retry: int = 0) -> list[dict]:
        """Decide `command` on the meeting as this server has folded it, for `console` (the
        browser's identity, stamped on the events by the loop), make its events durable on
        the open meeting's writer thread, fold them and publish the document; returns the
        events, or raises `Refused` (or the store's error). `retry`: how many times a conflict
        has it decided again on the new state (a note's edit: the core then refuses it with both
        texts; a request, which the other's decision cannot change, is recorded on it).

        Awaitable: decided here, on the loop (the open meeting's lock is never held across a
        read or a write), then the writer thread hands the outcome back to the loop.
        """
        loop = asyncio.get_running_loop()
        ended: asyncio.Future[Outcome] = loop.create_future()

        def told(outcome: Outcome) -> None:
            loop.call_soon_threadsafe(_settle, ended, outcome)

        self.opened.run(partial(command, self.opened.meeting), console=console, on_done=told,
                        retry=retry)
        outcome = await ended
        if outcome.error is not None:
            raise outcome.error
        if outcome.events:
            self.publish(self.document)
        return outcome.events

    def read(self, look: Callable[[Meeting], Any]) -> Any:
        """`look` at the meeting as the database has it now (blocking: from a worker thread)."""
        self.opened.poll()
        return self.look(look)

    def look(self, look: Callable[[Meeting], Any]) -> Any:
        """`look` at the meeting as folded so far: no read (the follower keeps it current)."""
        with self.opened.lock:
            return look(self.opened.meeting)


def _compact(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def _settle(ended: asyncio.Future[Outcome], outcome: Outcome) -> None:
    if not ended.done():
        ended.set_result(outcome)
