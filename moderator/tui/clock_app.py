"""`moderator clock`: the audience display, a read-only follower of the meeting's database."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.message import Message

from moderator.core import Clock, Meeting, SystemClock
from moderator.core.model import Agenda, Roster
from moderator.session import OpenMeeting, open_meeting
from moderator.session.follower import PollingThread
from moderator.tui.base import FOLLOW_SECONDS, MeetingFollowingApp
from moderator.tui.keys import bindings
from moderator.tui.screens.audience_clock import AudienceClockScreen

ROLE = "audience"
# How often a clock started before the moderator looks for the database to appear.
WAIT_SECONDS = 0.5


class NoDatabaseYet:
    """The store of a clock whose database does not exist yet: nothing to read."""

    def read_new(self) -> list[dict]:
        return []

    def close(self) -> None:
        pass


class DatabaseOpened(Message):
    """The database the clock waited for exists and is folded (on the watcher's thread)."""

    def __init__(self, opened: OpenMeeting) -> None:
        super().__init__()
        self.opened = opened


class WatchFailed(Message):
    """The database the clock waited for exists but cannot be opened (told once per error)."""

    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error


class DatabaseWatch(PollingThread):
    """Looks for the database off the UI thread until it exists, then opens and folds it.

    The moderator's console creates it whole (written aside, then renamed into place), so a
    file that exists can be read; the clock never creates nor writes it.
    """

    def __init__(self, app: ClockApp, agenda: Agenda, roster: Roster, database: Path,
                 clock: Clock | None) -> None:
        super().__init__("database-watch", WAIT_SECONDS)
        self.app, self.agenda, self.roster, self.database = app, agenda, roster, database
        self.clock = clock

    def _run(self) -> None:
        failing = ""
        while not self._stop.wait(self.interval):
            if not self.database.is_file():
                continue
            try:
                opened = open_meeting(self.agenda, self.roster, self.database, role=ROLE,
                                      clock=self.clock, records=False, lasting=True)
            except Exception as error:  # damaged, say: told once, then tried again
                if str(error) != failing:
                    failing = str(error)
                    self.app.post_message(WatchFailed(error))
                continue
            self.app.post_message(DatabaseOpened(opened))
            return


class ClockApp(MeetingFollowingApp):
    """Shows the floor; it has no writer and no command that decides an event."""

    TITLE = "moderator clock"
    CSS_PATH = AudienceClockScreen.CSS_PATH  # read with the app's, not again as it is pushed
    BINDINGS = bindings("clock_app")

    def __init__(self, opened: OpenMeeting, database: Path,
                 waiting_for: Path | None = None) -> None:
        super().__init__(opened)
        self.database, self.waiting_for = database, waiting_for
        self.watch: DatabaseWatch | None = None

    def on_mount(self) -> None:
        self.clock_view = AudienceClockScreen(self.meeting, self.waiting_for)
        self.push_screen(self.clock_view)
        if self.watch is not None:
            self.watch.start()

    @on(DatabaseOpened)
    def _opened(self, opened: DatabaseOpened) -> None:
        self.opened.close()
        self._take(opened.opened)
        self.opened.follow(FOLLOW_SECONDS)
        self.waiting_for = None
        self.clock_view.lose(None)
        self.clock_view.follow(self.meeting)

    @on(WatchFailed)
    def _watch_failed(self, failed: WatchFailed) -> None:
        self.read_failed(failed.error)

    def read_failed(self, error: BaseException) -> None:
        super().read_failed(error)
        # Said on the screen until the database can be read again, not in a passing toast.
        self.clock_view.lose(lost_words(error, self.database))

    def read_resumed(self) -> None:
        self.clock_view.lose(None)

    def on_unmount(self) -> None:
        # The open meeting is closed by the base class's own `on_unmount`, called after this.
        if self.watch is not None:
            self.watch.stop()


def lost_words(error: BaseException, database: Path) -> str:
    """Why the clock stopped following, for the room and the technician."""
    if not database.exists():  # whatever the error says, the file is not at its path
        return (f"The meeting's database ({database.name}) has been deleted or moved: this "
                "clock no longer follows the meeting.")
    # The room reads the file's name; the folders above it are the technician's business.
    said = str(error).replace(str(database), database.name)
    return f"The clock cannot read the meeting's database: {said}. What it showed may be stale."


def build_clock_app(agenda: Agenda, roster: Roster, database: Path,
                    clock: Clock | None = None) -> ClockApp:
    """The audience clock on the meeting's database; before the moderator has created it, a
    clock that says it waits and starts as soon as it exists (it never creates one)."""
    database = Path(database)
    if database.is_file():
        return ClockApp(open_meeting(agenda, roster, database, role=ROLE, clock=clock,
                                     records=False, lasting=True), database)
    waiting = Meeting(agenda, roster, clock or SystemClock(), role=ROLE)
    app = ClockApp(OpenMeeting(waiting, NoDatabaseYet()), database, waiting_for=database)
    app.watch = DatabaseWatch(app, agenda, roster, database, clock)
    return app
