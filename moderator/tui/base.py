"""What the three consoles share: a meeting folded from the store, followed live, closed cleanly."""

from __future__ import annotations

import asyncio
import gc
import logging
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual import events, on
from textual.app import App, SystemCommand
from textual.message import Message
from textual.screen import Screen

from moderator.core import Clock, Meeting, SystemClock
from moderator.core.identity import new_console
from moderator.core.model import Agenda, Roster
from moderator.session.snapshots import keep_after_compactions, open_folded, save_at_quit
from moderator.store import MeetingStore
from moderator.tui.consoles import join
from moderator.tui.live import (
    Arrived,
    Durable,
    EventStore,
    EventWriter,
    Follower,
    ReadFailed,
    SessionLink,
)
from moderator.tui.palette import KeyCommands
from moderator.tui.screens.help import HelpScreen
from moderator.tui.typing import KeyBurst, types_text
from moderator.tui.widgets.note_editor import NoteEditor

# About 4 reads a second keeps every change made elsewhere within a second of its making.
FOLLOW_SECONDS = 0.25
# A paste sent as keys arrives far faster than this; a typist's keys come farther apart.
PASTE_QUIET_SECONDS = 0.005


class MeetingFollowingApp(App[None]):
    """An app over one meeting's database: commands go through `link`, others' events arrive
    from a follower thread, and the writer and the store are closed on the way out."""

    # The keys of the screen under the palette; Textual's own commands but its Quit (ours is).
    COMMANDS = App.COMMANDS | {KeyCommands}

    def __init__(self, meeting: Meeting, store: EventStore, writer: EventWriter | None) -> None:
        super().__init__()
        self.meeting, self.store, self.writer = meeting, store, writer
        self.link = SessionLink(meeting, store, writer, self)
        self.follower = Follower(store, self, FOLLOW_SECONDS)
        self._upkeep_told: str | None = None
        self._unfolded_told: set[str] = set()
        # This console among the others open on the meeting (released with the process).
        self.presence = join(store, meeting.console) if writer is not None else None
        self._burst: KeyBurst | None = None  # the burst of keys still open to more
        self._loop_thread = threading.get_ident()

    def post_message(self, message: Message) -> bool:
        # Keys come from the terminal on the app's own thread; other threads never touch bursts.
        if threading.get_ident() != self._loop_thread:
            return super().post_message(message)
        if isinstance(message, events.Key) and types_text(message) and \
                isinstance(self.focused, NoteEditor):
            if self._burst is not None:
                self._burst.keys.append(message)
                return True
            self._burst = KeyBurst(message)
            return super().post_message(self._burst)
        self._burst = None  # anything else comes after the burst, never inside it
        return super().post_message(message)

    @on(KeyBurst)
    async def _key_burst(self, burst: KeyBurst) -> None:
        # Several keys at once is a paste, not a typist: let the rest of it arrive first (one
        # edit, not one per key). A key typed alone is typed at once.
        while len(burst.keys) > 1 and self._burst is burst:
            arrived = len(burst.keys)
            await asyncio.sleep(PASTE_QUIET_SECONDS)
            if len(burst.keys) == arrived:
                break
        if self._burst is burst:
            self._burst = None
        editor = self.focused
        if len(burst.keys) > 1 and isinstance(editor, NoteEditor) and not editor.read_only:
            editor.type_in(burst.text)
            return
        for key in burst.keys:  # one key typed by hand, or the focus moved: as it came
            await self.on_event(key)

    def on_mount(self) -> None:
        self.follower.start()
        self._tell_unfolded()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        return (command for command in super().get_system_commands(screen)
                if command.callback != self.action_quit)

    def action_help(self) -> None:
        """The keys that work on the screen on top (a dialog's own, from the dialog)."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    @on(Durable)
    def _durable(self, durable: Durable) -> None:
        self.link.recorded(durable)
        self._tell_upkeep()
        self._tell_unfolded()

    def _tell_upkeep(self) -> None:
        """A failed compaction (the disk is full) is told apart from the saves, which succeeded."""
        problem = getattr(self.store, "upkeep_problem", None)
        if problem and problem != self._upkeep_told:
            self.notify(problem, title="Saved, but the database needs space", severity="warning",
                        markup=False, timeout=10)
        self._upkeep_told = problem

    def _tell_unfolded(self) -> None:
        """Events kept in the record that this program cannot read (a newer program wrote them,
        or a hand edit): said once for each kind, so the chair knows the screen may miss them."""
        found = self.meeting.unfolded_events()
        new = [kind for kind in found if kind not in self._unfolded_told]
        if not new:
            return
        self._unfolded_told.update(new)
        kinds = ", ".join(kind + (f" \u00d7{found[kind]}" if found[kind] > 1 else "")
                          for kind in new)
        self.notify(f"This database holds events this version of moderator cannot read: "
                    f"{kinds}. They are kept in the record.", title="Kept, not shown",
                    severity="warning", markup=False, timeout=10)

    @on(Arrived)
    def _arrived(self, arrived: Arrived) -> None:
        self.link.arrived(arrived.events)
        self._tell_unfolded()

    @on(ReadFailed)
    def _read_failed(self, failed: ReadFailed) -> None:
        self.link.failed(failed.error)

    def on_unmount(self) -> None:
        self.follower.stop()
        # Wait for the last writes; they were on their way to disk already; then the folded
        # state is saved beside the journal, so that the next start folds only what follows.
        closings = (getattr(self.writer, "close", None), self._save_snapshot,
                    getattr(self.store, "close", None), getattr(self.presence, "close", None))
        for closing in closings:
            try:
                if closing is not None:
                    closing()
            except Exception as error:
                logging.getLogger(__name__).error("closing the store: %s", error)


    def _save_snapshot(self) -> None:
        if self.writer is not None and isinstance(self.store, MeetingStore):
            save_at_quit(self.store, self.meeting.agenda, self.meeting.roster, self.meeting)


def open_meeting(agenda: Agenda, roster: Roster, database: Path, clock: Clock | None,
                 role: str, *, create: bool = False,
                 console: str | None = None) -> tuple[Meeting, Any]:
    """The store at `database` (created 0600 if new and `create`) and the meeting folded from it.

    Raises StoreError for a database of another meeting, or one holding items this agenda
    lacks: folding it under this agenda would show the meeting as lost. `console`: the name of
    this console's seat (`--console`), else its terminal.
    """
    clock = clock or SystemClock()
    identity = new_console(role, clock.now(), name=console)
    meeting = Meeting(agenda, roster, clock, role=role, console=identity)
    # Through the snapshot saved at the last quit or compaction: only what followed is folded.
    store = open_folded(database, agenda, roster, meeting, create=create)
    keep_after_compactions(store, agenda, roster)
    # The folded meeting (50,000 events in a week) lives as long as the console: out of the
    # collector's full passes, which otherwise took 50-180 ms at random keys.
    gc.freeze()
    return meeting, store
