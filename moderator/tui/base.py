"""What the three consoles share: an open meeting (`moderator.session`), followed live, closed
cleanly."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual import events, on
from textual.app import App, SystemCommand
from textual.message import Message
from textual.screen import ModalScreen, Screen

from moderator.core import Meeting
from moderator.session import OpenMeeting, ReadFailed, ReadResumed
from moderator.session.messages import Told
from moderator.store import collector
from moderator.tui.consoles import join
from moderator.tui.key_burst import KeyBurst, types_text
from moderator.tui.live import Handed, SessionLink
from moderator.tui.palette import KeyCommands
from moderator.tui.screens.help import HelpScreen
from moderator.tui.terminal import LOOK_SECONDS, hung_up
from moderator.tui.widgets.note_editor import NoteEditor

# About 4 reads a second keeps every change made elsewhere within a second of its making.
FOLLOW_SECONDS = 0.25
# A paste sent as keys arrives far faster than this; a typist's keys come farther apart.
PASTE_QUIET_SECONDS = 0.005
# The collector's full pass (`store.collector`) runs about this often, when no key came for
# IDLE_SECONDS (else it waits for the next look, COLLECT_LOOK_SECONDS later).
COLLECT_SECONDS = 60.0
COLLECT_LOOK_SECONDS = 10.0
IDLE_SECONDS = 2.0


def _dialogs() -> list[type[Screen]]:
    """Every dialog of the consoles loaded so far (a console imports the dialogs it opens)."""
    found, below = [], [ModalScreen]
    while below:
        for screen in below.pop().__subclasses__():
            below.append(screen)
            if screen.__module__.startswith("moderator."):
                found.append(screen)
    return found


def _stylesheets(screen: type[Screen]) -> list[Path]:
    paths = screen.CSS_PATH
    if paths is None:
        return []
    return [Path(p) for p in (paths if isinstance(paths, list | tuple) else [paths])]


class Backdrop(Screen):
    """Textual's blank screen at the bottom of the stack, under the console's own screen.

    Textual counts the screen under the top one as showing through it: once this blank screen
    was marked for a repaint, it repainted the whole console over it at its every turn, and
    marked itself again (most floor keys drew the whole screen, not the lines that changed:
    a `space` took 41 ms, 21 ms without). Covered by an opaque screen, it has nothing to show."""

    def _on_timer_update(self) -> None:
        if self.app.screen is self:
            super()._on_timer_update()
            return
        self._update_timer.pause()
        self._repaint_required = False
        self._dirty_widgets.clear()


class MeetingFollowingApp(App[None]):
    """An app over one open meeting: commands go through `link`, others' events arrive from
    the open meeting's follower thread, and everything is closed on the way out."""

    # The keys of the screen under the palette; Textual's own commands but its Quit (ours is).
    COMMANDS = App.COMMANDS | {KeyCommands}

    def __init__(self, opened: OpenMeeting) -> None:
        super().__init__()
        self._upkeep_told: str | None = None
        self._unfolded_told: set[str] = set()
        self._take(opened)
        # This console among the others open on the meeting (released with the process).
        self.presence = join(opened.store, opened.identity) if opened.writer is not None else None
        self._burst: KeyBurst | None = None  # the burst of keys still open to more
        self._loop_thread = threading.get_ident()
        # The collector kept out of the key path: when the last key came, and the last pass.
        self._last_input = self._collected = time.monotonic()

    def _take(self, opened: OpenMeeting) -> None:
        self.opened: OpenMeeting = opened
        self.meeting: Meeting = opened.meeting
        self.store: Any = opened.store
        self.link = SessionLink(opened, self)
        opened.listen(self._told)

    @property
    def follower(self) -> Any:
        """The open meeting's follower thread (started at mount)."""
        return self.opened.follower

    def post_message(self, message: Message) -> bool:
        # Keys come from the terminal on the app's own thread; other threads never touch bursts.
        if threading.get_ident() != self._loop_thread:
            return super().post_message(message)
        if isinstance(message, events.Key | events.MouseEvent | events.Paste):
            self._last_input = time.monotonic()
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

    def get_default_screen(self) -> Screen:
        return Backdrop(id="_default")

    def on_mount(self) -> None:
        collector.console_started()  # until unmounted
        self.opened.follow(FOLLOW_SECONDS)
        self._tell_unfolded()
        self.call_after_refresh(collector.first_frame_shown)
        self.call_after_refresh(self._read_dialog_styles)  # after the first frame too
        self.set_interval(COLLECT_LOOK_SECONDS, self._collect_while_idle, name="collector")
        if not self.is_headless:
            self.set_interval(LOOK_SECONDS, self._quit_without_terminal, name="terminal")

    def _read_dialog_styles(self) -> None:
        """The stylesheets of the dialogs this console can open, read once its first frame is
        shown: read as a dialog first opened, each restyled the whole console then (the first
        `a` took twice as long as the next). Each styles its own dialog alone, so reading them
        early changes no look."""
        read = False
        for dialog in _dialogs():
            for path in _stylesheets(dialog):
                if not self.stylesheet.has_source(str(path), ""):
                    self.stylesheet.read(path)
                    read = True
        if read:
            self.stylesheet.reparse()
            self.stylesheet.update(self)

    def _quit_without_terminal(self) -> None:
        """Quit when the terminal hung up (tui/terminal.py): nobody can see or type here."""
        if hung_up():
            self.exit()

    def _collect_while_idle(self) -> None:
        now = time.monotonic()
        if now - self._collected >= COLLECT_SECONDS and now - self._last_input >= IDLE_SECONDS:
            collector.collect_while_idle()
            self._collected = time.monotonic()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        return (command for command in super().get_system_commands(screen)
                if command.callback != self.action_quit)

    def action_help(self) -> None:
        """The keys that work on the screen on top (a dialog's own, from the dialog)."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    @on(Handed)
    def _handed(self, handed: Handed) -> None:
        handed.call()
        self._tell_upkeep()
        self._tell_unfolded()

    def _told(self, told: Told) -> None:
        if isinstance(told, ReadFailed):
            self.read_failed(told.error)
        elif isinstance(told, ReadResumed):
            self.read_resumed()

    def read_failed(self, error: BaseException) -> None:
        """The follower cannot read the database: the console keeps running; it is told."""
        self.notify(f"Cannot read the meeting's record: {error}", severity="error", markup=False)

    def read_resumed(self) -> None:
        """The follower reads the database again."""

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

    def on_unmount(self) -> None:
        # The last writes were on their way to disk: waited for; then the folded state is
        # saved beside the journal, so that the next start folds only what follows.
        collector.console_stopped()
        self.opened.close()
        if self.presence is not None:
            try:
                self.presence.close()
            except Exception as error:
                logging.getLogger(__name__).error("closing the console's presence: %s", error)
