"""The chair's console names what the delegations' phones did, in one notice however many."""

from __future__ import annotations

from moderator.core import FakeClock, Meeting
from moderator.core.identity import new_console
from moderator.session.other_consoles import console_name, others_did
from tests.helpers.small_meeting import START, small_agenda, small_roster


def test_many_phones_are_one_notice_and_a_phone_is_named_as_its_delegation() -> None:
    clock = FakeClock(START)
    server = Meeting(small_agenda(), small_roster(), clock, role="rapporteur")
    server.record(server.start_item("debate"))
    events = []
    for number, who in enumerate(("AT", "TR", "JP")):
        phone = server.console.on_behalf(f"link:delegation-{who}")
        with server.deciding_for(phone):
            events += server.record(server.ask_floor(who, f"page-{number:06d}", "statement",
                                                     source=f"link:delegation-{who}"))
    chair = Meeting(small_agenda(), small_roster(), clock, console=new_console("moderator", START))
    chair.apply_all(server.events)
    assert console_name(chair, events[0]) == "Austria's phone"
    assert others_did(chair, events) == [
        "From the delegations' phones, 3 actions: Austria asked for the floor from its link "
        "(statement); Türkiye asked for the floor from its link (statement); ..."]
    assert others_did(chair, events[:1]) == [
        "From a delegation's phone: Austria asked for the floor from its link (statement)"]
