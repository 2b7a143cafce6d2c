"""The chair's console and the delegations' requests: the strip of requests awaiting approval
(in arrival order), `y` accepts the first, `w` declines it with a reason, `A` puts a request on
a later item's list and the agenda counts them, `v` marks a delegation as following remotely."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from moderator.core import FakeClock
from moderator.core.model import Agenda, RequestMode
from moderator.core.request_desk import Asked
from moderator.session import open_meeting
from moderator.tui.app import build_app
from moderator.tui.keys import REQUESTS, declared_on
from moderator.tui.screens.decline import DeclineRequest
from moderator.tui.screens.later_item import LaterItem
from tests.tui.conftest import (
    PLAYED,
    add_request,
    follow,
    make_agenda,
    make_roster,
    press,
    rendered,
    settle,
)


def approving() -> Agenda:
    agenda = make_agenda()
    return replace(agenda, defaults=replace(agenda.defaults, requests=RequestMode.APPROVE))


def the_room(database: Path, clock: FakeClock):
    """The room server's process: the discussion open, two phones asking (the chair to approve)."""
    room = open_meeting(approving(), make_roster(), database, role="rapporteur", clock=clock,
                        create=True)
    PLAYED.append(room)
    room.record(lambda: room.meeting.start_item("discussion-1"))
    for number, who in enumerate(("AT", "TR")):
        room.record(lambda who=who, number=number: room.meeting.ask_floor(
            who, f"phone-{number:06d}", "statement", source=f"link:delegation-{who}"))
        clock.advance(30)
    return room


async def test_the_strip_and_its_keys(database: Path, clock: FakeClock) -> None:
    the_room(database, clock)
    app = build_app(approving(), make_roster(), database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await follow(pilot)
        strip = rendered(app, "#pending")
        assert strip.startswith("y accepts · w declines Awaiting your approval (2): Austria "
                                "statement 09:00 · Türkiye statement 09:00")
        assert {key.name for key in REQUESTS.actions} <= {
            action.name for declared in declared_on(app.screen) for action in declared.actions}
        await press(pilot, "y")
        assert [r.who for r in app.meeting.queue()] == ["AT"]
        assert "Awaiting your approval (1): Türkiye" in rendered(app, "#pending")
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, DeclineRequest)
        await pilot.press(*"Please ask under the next item", "enter")
        await settle(pilot)
        declined = app.meeting.asked_by("TR")[0]
        assert (declined.status, declined.reason) == (Asked.DECLINED,
                                                      "Please ask under the next item")
        assert not app.screen.query_one("#pending").display  # nothing awaits, nothing ahead
        # A request on a later item's list, counted in the strip and on the agenda.
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, LaterItem)
        await pilot.press("down", "enter")  # the questions to the panel
        await pilot.pause()
        await pilot.press(*"germany", "enter")
        await settle(pilot)
        assert app.meeting.waiting_ahead() == {"qa-1": 1}
        assert "Waiting on later items: “Questions to the panel” 1" in rendered(app, "#pending")
        assert "[1 waiting] Questions to the panel" in rendered(app, "#agenda")
        # The one add dialog serves `a` and `A` in turn, each adding where its key says.
        await add_request(pilot, "poland")
        assert [r.who for r in app.meeting.queue()] == ["AT", "PL"]
        await pilot.press("A")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.press(*"italy", "enter")
        await settle(pilot)
        assert app.meeting.waiting_ahead() == {"qa-1": 2}
        assert [r.who for r in app.meeting.queue()] == ["AT", "PL"]
        # The selected request's delegation follows remotely: the list says so.
        await press(pilot, "s", "v")
        assert app.meeting.remote_delegations() == {"AT"}
        assert "Austria (remote)" in rendered(app, "#speakers")
        await press(pilot, "v")
        assert app.meeting.remote_delegations() == frozenset()


async def test_accepting_with_nothing_pending_says_so(database: Path, clock: FakeClock) -> None:
    room = the_room(database, clock)
    room.record(lambda: room.meeting.accept_request())
    room.record(lambda: room.meeting.accept_request())
    app = build_app(approving(), make_roster(), database, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await follow(pilot)
        await press(pilot, "y")
        await press(pilot, "w")
        messages = [n.message for n in app._notifications]
        assert messages.count("No request awaits your approval") == 2
        assert [r.who for r in app.meeting.queue()] == ["AT", "TR"]
