"""A small meeting built from the model types, and the console on a real store in tmp_path."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from moderator.core import FakeClock
from moderator.core.identity import new_console
from moderator.core.model import (
    Agenda,
    Category,
    Defaults,
    Delegation,
    EventInfo,
    Item,
    ItemKind,
    Roster,
    Session,
    Speaker,
)
from moderator.core.model import InterventionKind as Kind
from moderator.session import open_meeting
from moderator.store.presence import Presence
from moderator.tui.app import MeetingApp, build_app
from moderator.tui.rapporteur_app import RapporteurApp
from moderator.tui.widgets.note_editor import NoteEditor
from moderator.tui.widgets.notes_panel import ItemNotes
from tests.conftest import notified

PS = Category.PARTICIPATING_STATE
STATES = [("TR", "Türkiye"), ("AT", "Austria"), ("DE", "Germany"), ("FR", "France"),
          ("IT", "Italy"), ("ES", "Spain"), ("PL", "Poland"), ("SE", "Sweden"), ("NO", "Norway"),
          ("CH", "Switzerland"), ("US", "United States of America"), ("GB", "United Kingdom"),
          ("CA", "Canada"), ("UA", "Ukraine"), ("GE", "Georgia"), ("AL", "Albania")]


def make_roster() -> Roster:
    members = {"AT", "DE", "FR", "IT", "ES", "PL", "SE"}  # of the European Union
    delegations = {ref: Delegation(ref, name, PS, group="EU" if ref in members else None)
                   for ref, name in STATES}
    delegations["TR"] = Delegation("TR", "Türkiye", PS, aliases=("Turkey",))
    delegations["JP"] = Delegation("JP", "Japan", Category.PARTNER)
    delegations["EU"] = Delegation("EU", "European Union", Category.INTERNATIONAL_ORGANISATION)
    # Names that must show literally and never break the layout.
    delegations["MK"] = Delegation("MK", "[bold]Markup[/bold] \\ Land 🏳️", PS)
    delegations["RTL"] = Delegation("RTL", "جمعية\x1b[31m الحماية", Category.CIVIL_SOCIETY)
    speakers = {"chair": Speaker("chair", "Anna Berger", title="Ambassador")}
    return Roster(delegations, speakers)


def make_agenda() -> Agenda:
    event = EventInfo("seminar", "Protecting soft targets", venue="Hofburg, Vienna",
                      dates=(date(2026, 12, 10),), timezone="Europe/Vienna")
    items = (
        Item("opening", "Opening of the seminar", ItemKind.ADDRESS, 15),
        Item("discussion-1", "Public-private partnerships", ItemKind.DISCUSSION, 60),
        Item("qa-1", "Questions to the panel", ItemKind.Q_AND_A, 30),
    )
    session = Session("s1", "Session 1: Partnerships", date(2026, 12, 10), time(9, 0),
                      time(10, 45), moderator="chair", items=items)
    return Agenda(event, Defaults(statement=180, warning=30), (session,))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "meeting.db.json"


@pytest.fixture
def make_app(database: Path, clock: FakeClock) -> Callable[[], MeetingApp]:
    """A console on the real store in tmp_path; call again to relaunch on the same database."""
    return lambda: build_app(make_agenda(), make_roster(), database, clock)


async def settle(pilot: Pilot) -> None:
    """Wait until the writer thread has made every command durable and the screen applied it."""
    app = pilot.app
    assert isinstance(app, MeetingApp)
    for _ in range(500):
        await pilot.pause()
        if app.link.idle:
            await pilot.pause()
            return
        await pilot.pause(0.01)
    raise AssertionError("the store never answered")


async def press(pilot: Pilot, *keys: str) -> None:
    """Press keys one at a time, each recorded before the next (as a moderator would see)."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def add_request(pilot: Pilot, text: str, *extra: str) -> None:
    """`a`, type `text`, optional keys (kind, on behalf), Enter."""
    await pilot.press("a")
    await pilot.pause()
    await pilot.press(*text)
    await pilot.press(*extra, "enter")
    await settle(pilot)


def notices(app: MeetingApp) -> list[tuple[str, str]]:
    """The notifications shown so far, as (severity, message)."""
    return [(n.severity, n.message) for n in notified(app)]


def queue_of(app: MeetingApp) -> list[tuple[str | None, Kind]]:
    """The list of speakers as (delegation, kind), in order."""
    return [(r.who, r.kind) for r in app.meeting.queue()]


def rendered(app, what) -> str:
    """What the widget `what` (a selector or a type) on the top screen renders, as text."""
    return str(app.screen.query_one(what).render())


def listed_notes(notes: ItemNotes) -> list[str]:
    """The lines of the notes list, top to bottom."""
    return notes.shown()


async def until(pilot: Pilot, condition: Callable[[], object], what: str) -> None:
    """Wait for another thread or process (never for a clock), pausing the app meanwhile."""
    for _ in range(1000):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"never: {what}")


def with_a_break(agenda: Agenda) -> Agenda:
    """The test agenda with a 15-minute coffee break after the discussion."""
    session = agenda.sessions[0]
    opening, discussion, qa = session.items
    coffee = Item("coffee", "Coffee break", ItemKind.BREAK, 15)
    return replace(agenda, sessions=(replace(session, items=(opening, discussion, coffee, qa)),))


# -- the moderator's process beside a follower (the rapporteur's console, the audience clock) --

class Moderator:
    """The moderator's process, played in the test: its own open meeting (its own store
    handle and writer), recording through the session layer's loop as the console does."""

    def __init__(self, database: Path, clock: FakeClock) -> None:
        self.opened = open_meeting(make_agenda(), make_roster(), database, role="moderator",
                                   clock=clock, create=True)
        self.store, self.meeting = self.opened.store, self.opened.meeting
        PLAYED.append(self.opened)

    def do(self, events: list[dict]) -> None:
        """Record `events`, decided already, after folding what the others recorded: as they
        are, whatever came first (a conflict folds the other's and records them again)."""
        self.opened.poll()
        self.opened.record(lambda: events, retry=3)


# The consoles a test played (Moderator, OtherChair): their writers and stores closed after it.
PLAYED: list = []


@pytest.fixture(autouse=True)
def played_consoles_closed():
    yield
    while PLAYED:
        PLAYED.pop().close(save_snapshot=False)


@pytest.fixture
def moderator(database: Path, clock: FakeClock) -> Moderator:
    """Türkiye on the floor of the discussion, Austria waiting (a test module may set its own)."""
    m = Moderator(database, clock)
    m.do(m.meeting.start_item("discussion-1"))
    m.do(m.meeting.request_floor("TR"))
    m.do(m.meeting.request_floor("AT"))
    m.do(m.meeting.give_floor())
    return m


async def follow(pilot: Pilot) -> None:
    pilot.app.link.poll()  # what the follower thread does 4 times a second
    await pilot.pause()


async def saved(pilot: Pilot) -> None:
    """Until the store has answered and the note editor knows it."""
    app = pilot.app
    assert isinstance(app, RapporteurApp | MeetingApp)
    editor = app.screen.query_one(NoteEditor)
    for _ in range(500):
        await pilot.pause()
        if app.link.idle and editor._saving is None:
            return
        await pilot.pause(0.01)
    raise AssertionError("the store never answered")


async def drafts_read(pilot: Pilot) -> None:
    """Until the editor has read the last run's drafts (on a worker thread, off the UI's)."""
    editor = pilot.app.screen.query_one(NoteEditor)
    for _ in range(500):
        await pilot.pause()
        if not editor._recovering:
            return
        await pilot.pause(0.01)
    raise AssertionError("the drafts were never read")


# -- snapshots -------------------------------------------------------------------------------

def tick_screens(pilot: Pilot) -> None:
    """Every screen in the stack that ticks redraws from the clock (a dialog's screen below too)."""
    for screen in pilot.app.screen_stack:
        if hasattr(screen, "tick"):
            screen.tick()


async def steady(pilot: Pilot) -> None:
    """No toasts, no blinking cursor, and one redraw from the frozen clock."""
    if isinstance(pilot.app, MeetingApp):
        await settle(pilot)
    pilot.app.clear_notifications()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    tick_screens(pilot)
    await pilot.pause()


async def wait(pilot: Pilot, clock: FakeClock, seconds: float) -> None:
    """Time passes in the room; the console's tick shows it."""
    clock.advance(seconds)
    tick_screens(pilot)
    await pilot.pause()


def screen_text(pilot: Pilot) -> str:
    """The words on the screen, as the snapshot will hold them."""
    return html.unescape(pilot.app.export_screenshot()).replace("\xa0", " ")


class OtherChair:
    """Another chair console on the same database: its own identity, presence and open meeting."""

    def __init__(self, database, clock) -> None:
        self.identity = new_console("moderator", clock.now() - timedelta(minutes=5),
                                    name="co-chair")
        self.presence = Presence.open(database, self.identity.as_record())
        self.opened = open_meeting(make_agenda(), make_roster(), database, role="moderator",
                                   clock=clock, create=True, identity=self.identity)
        self.meeting = self.opened.meeting
        PLAYED.append(self.opened)

    def do(self, command) -> None:
        """Decide `command` on what this console has folded (read first), and record it."""
        self.opened.poll()
        self.opened.record(lambda: command(self.meeting))

    def close(self) -> None:
        self.presence.close()
        self.opened.close(save_snapshot=False)
