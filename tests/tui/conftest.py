"""A small meeting built from the model types, and the console on a real store in tmp_path."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from pathlib import Path

import pytest
from textual.pilot import Pilot

from moderator.core import FakeClock
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
from moderator.tui.app import MeetingApp, build_app
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
