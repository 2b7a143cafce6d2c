"""Both themes of the consoles have WCAG AA contrast, measured on the screens they show: text
4.5:1, the countdown's digits 3:1, in true colour and in 256 colours (tests/tui/contrast.py).

One console goes through the states of a day (built through the core: the keys are not the
subject here), and each is looked at in both themes."""

from __future__ import annotations

from datetime import timedelta

from textual.pilot import Pilot

from moderator.core.model import InterventionKind as Kind
from moderator.tui.rapporteur_app import build_rapporteur_app
from moderator.tui.screens.add_request import AddRequest
from moderator.tui.themes import DARK, LIGHT
from tests.tui.chair_meeting import chair_agenda, chair_app
from tests.tui.conftest import Moderator, make_roster, settle
from tests.tui.contrast import poor_contrast

DIGITS = "#countdown, #big-countdown, #break-countdown"


async def looked_at(pilot: Pilot, state: str) -> list[str]:
    """What is below its contrast on the screen now, in each theme."""
    app, found = pilot.app, []
    for theme in (DARK.name, LIGHT.name):
        app.theme = theme
        for screen in app.screen_stack:
            if hasattr(screen, "tick"):
                screen.tick()
        await pilot.pause()
        digits = [w.region for w in app.screen.query(DIGITS) if w.display]
        inactive = [w.region for w in app.screen.query("FooterKey") if w.has_class("-disabled")]
        # Under a dialog the screen is shaded and inactive: the dialog is what is read.
        within = app.screen.query_one("#dialog").region if app.screen.is_modal else None
        found += [f"{state}, {theme}: {poor}"
                  for poor in poor_contrast(app, digits, inactive, within)]
    return found


async def test_the_chairs_console_through_a_day_in_both_themes(database, clock) -> None:
    app = chair_app(database, clock)
    meeting = app.meeting
    poor: list[str] = []

    async def do(command) -> None:
        app.link.run(command, announce=True)
        await settle(pilot)

    async with app.run_test(size=(120, 36)) as pilot:
        await do(lambda: meeting.start_item("discussion-1"))
        await do(lambda: meeting.request_floor("TR"))
        await do(lambda: meeting.request_floor("AT", Kind.RIGHT_OF_REPLY))
        await do(lambda: meeting.request_floor("UA", Kind.POINT_OF_ORDER))
        poor += await looked_at(pilot, "requests waiting")
        await pilot.press("a", *"unodc", "enter")  # asked in the dialog: add as a guest?
        await pilot.pause()
        assert isinstance(app.screen, AddRequest)
        poor += await looked_at(pilot, "the add dialog asking")
        await pilot.press("escape")
        await do(lambda: meeting.give_floor(meeting.queue()[1].id))
        clock.advance(20)
        poor += await looked_at(pilot, "running")
        clock.advance(140)
        poor += await looked_at(pilot, "warning")
        clock.advance(45)
        poor += await looked_at(pilot, "overtime")
        await do(meeting.toggle_timer)
        poor += await looked_at(pilot, "paused")
        await do(meeting.give_floor)
        poor += await looked_at(pilot, "point of order")
        await do(meeting.close_list)
        await do(lambda: meeting.suspend_sitting(meeting.now() + timedelta(minutes=30)))
        poor += await looked_at(pilot, "suspended")
        await do(meeting.resume_sitting)
        await do(lambda: meeting.start_item("coffee-1"))
        clock.advance(60)
        poor += await looked_at(pilot, "break")
        clock.advance(15 * 60)
        poor += await looked_at(pilot, "break overdue")
        await do(lambda: meeting.start_item("closing"))
        await do(lambda: meeting.adjourn(meeting.now() + timedelta(hours=15)))
        poor += await looked_at(pilot, "adjourned")
        await do(meeting.move_on)  # asked: the notification is on the screen too
        poor += await looked_at(pilot, "asked")
    assert poor == [], "\n".join(poor)


async def test_the_rapporteurs_console_in_both_themes(database, clock) -> None:
    moderator = Moderator(database, clock)
    moderator.do(moderator.meeting.start_item("discussion-1"))
    moderator.do(moderator.meeting.request_floor("TR"))
    moderator.do(moderator.meeting.give_floor())
    app = build_rapporteur_app(chair_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"Hotels want one contact point #rec", "ctrl+s")
        await pilot.pause()
        poor = await looked_at(pilot, "rapporteur")
        assert poor == [], "\n".join(poor)
    moderator.store.close()
