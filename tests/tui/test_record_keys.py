"""The official record from the keyboard: suspend the sitting, documents, decisions."""

from __future__ import annotations

from moderator.core import FakeClock
from moderator.store import MeetingStore
from moderator.tui.rapporteur_app import build_rapporteur_app
from moderator.tui.screens.record_dialogs import DecisionDialog, DocumentsDialog
from moderator.tui.widgets.status import StatusBar
from tests.tui.conftest import (
    Moderator,
    add_request,
    answered,
    make_agenda,
    make_roster,
    notices,
    paste,
    press,
    rendered,
    settle,
)

SIZE = (120, 36)


async def recorded(pilot) -> None:
    """Until the rapporteur's store has answered (the link is idle again)."""
    await answered(pilot, lambda: pilot.app.link.idle, "the store answered")


async def test_p_suspends_and_resumes_the_sitting(make_app, clock: FakeClock, database) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket")
        await add_request(pilot, "turk")
        await press(pilot, "n")
        clock.advance(40)
        await press(pilot, "p", "enter")  # Enter alone: the time it resumes is not said
        assert app.meeting.suspended_since() is not None
        assert ("information", "Suspended the sitting (Türkiye's timer paused)") in notices(app)
        clock.advance(600)
        app.screen.tick()
        await pilot.pause()
        assert "sitting suspended" in rendered(app, StatusBar)
        assert app.meeting.timer().elapsed == 40
        await press(pilot, "space")  # the timer cannot start while the sitting is suspended
        assert ("warning", "The sitting is suspended: resume it first") in notices(app)
        await press(pilot, "p")
        assert app.meeting.suspended_since() is None
        assert "sitting suspended" not in rendered(app, StatusBar)
    # On disk, both times.
    types = [e["type"] for e in MeetingStore.open(database).events()]
    assert types[-3:] == ["timer.paused", "sitting.suspended", "sitting.resumed"]


async def test_d_attaches_documents_to_the_speaker(make_app) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket")
        await add_request(pilot, "turk")
        await press(pilot, "n")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DocumentsDialog)
        await paste(pilot, "PC.DEL/1/26, A(1)")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DocumentsDialog)  # refused, and the text is kept
        assert "cannot hold '('" in str(app.screen.query_one("#problem").render())
        await pilot.press(*["backspace"] * 4, *"PC.DEL/2/26", "enter")
        await settle(pilot)
        speaker = app.meeting.floor()
        assert app.meeting.documents(speaker.id) == ("PC.DEL/1/26", "PC.DEL/2/26")
        assert ("information", "Documents of Türkiye: attached PC.DEL/1/26, PC.DEL/2/26") in notices(app)
        # Opened again, the dialog holds them, and removing one removes it.
        await pilot.press("ctrl+o")
        await pilot.pause()
        field = app.screen.query_one("#symbols")
        assert field.value == "PC.DEL/1/26, PC.DEL/2/26"
        field.value = "PC.DEL/2/26"
        await pilot.press("enter")
        await settle(pilot)
        assert app.meeting.documents(speaker.id) == ("PC.DEL/2/26",)


async def test_ctrl_r_records_a_decision_with_an_interpretative_statement(make_app) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await press(pilot, "right_square_bracket")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, DecisionDialog)
        for field in ("1041", "PC.DEC/1041", "on the seminar's report"):
            await paste(pilot, field)
            await pilot.press("tab")
        await paste(pilot, "nobodyland")
        await pilot.press("enter")
        await pilot.pause()
        assert "No delegation matches “nobodyland”" in str(app.screen.query_one("#problem").render())
        app.screen.query_one("#statements").value = "turk, ukr"
        await pilot.press("enter")
        await settle(pilot)
        [decision] = app.meeting.decisions("opening")
        assert (decision.number, decision.symbol, decision.text) == ("1041", "PC.DEC/1041", "on the seminar's report")
        assert [s.who for s in decision.statements] == ["TR", "UA"]


async def test_the_rapporteur_attaches_documents_and_decisions_too(database, clock) -> None:
    moderator = Moderator(database, clock)
    moderator.do(moderator.meeting.start_item("discussion-1"))
    moderator.do(moderator.meeting.request_floor("AT"))
    moderator.do(moderator.meeting.give_floor())
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, DocumentsDialog)
        await paste(pilot, "PC.DEL/9/26")
        await pilot.press("enter")
        await recorded(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press(*"7", "enter")
        await recorded(pilot)
    moderator.meeting.apply_all(moderator.store.read_new())
    austria = moderator.meeting.floor()
    assert moderator.meeting.documents(austria.id) == ("PC.DEL/9/26",)
    assert [d.number for d in moderator.meeting.decisions("discussion-1")] == ["7"]
    roles = {e["type"]: e["role"] for e in MeetingStore.open(database).events()}
    assert roles["document.attached"] == roles["decision.adopted"] == "rapporteur"
