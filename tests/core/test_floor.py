"""The rules of the floor: order, points of order, rights of reply, duplicates, closed lists."""

from __future__ import annotations

import pytest

from moderator.core.clock import FakeClock
from moderator.core.meeting import Meeting, Refused
from moderator.core.model import InterventionKind, Ordering
from tests.core.conftest import ask, small_agenda, small_roster, whos


def test_requests_join_the_end_first_come_first_served(debate: Meeting, clock: FakeClock) -> None:
    for who in ("TR", "AT", "JP"):
        ask(debate, who)
        clock.advance(5)
    assert whos(debate) == ["TR", "AT", "JP"]


def test_a_point_of_order_goes_ahead_of_ordinary_requests_fifo_among_points(debate: Meeting) -> None:
    ask(debate, "TR")
    ask(debate, "AT", "point-of-order")
    ask(debate, "JP")
    ask(debate, "US", "point-of-order")
    assert whos(debate) == ["AT", "US", "TR", "JP"]


def test_rights_of_reply_wait_until_the_ordinary_list_is_exhausted(debate: Meeting) -> None:
    ask(debate, "TR")
    ask(debate, "AT", "right-of-reply")
    ask(debate, "JP")
    assert whos(debate) == ["TR", "JP", "AT"]
    debate.record(debate.give_floor())
    debate.record(debate.give_floor())
    assert debate.floor().who == "JP"
    debate.record(debate.give_floor())
    assert debate.floor().kind is InterventionKind.RIGHT_OF_REPLY
    assert debate.floor().allotted == 120


def test_one_waiting_request_per_delegation_per_kind(debate: Meeting) -> None:
    ask(debate, "TR")
    with pytest.raises(Refused, match="Türkiye is already on the list"):
        debate.request_floor("TR")
    ask(debate, "TR", "right-of-reply")  # another kind is another request
    assert whos(debate) == ["TR", "TR"]


def test_a_refused_command_leaves_the_state_unchanged(debate: Meeting) -> None:
    ask(debate, "TR")
    before = (list(debate.events), debate.queue())
    with pytest.raises(Refused):
        debate.request_floor("TR")
    assert (debate.events, debate.queue()) == before


def test_unknown_delegations_and_guests_without_a_name_are_refused(debate: Meeting) -> None:
    with pytest.raises(Refused, match="not on the roster"):
        debate.request_floor("XX")
    with pytest.raises(Refused, match="guest"):
        debate.request_floor(None)


def test_guests_are_free_text_and_one_per_name(debate: Meeting) -> None:
    ask(debate, None, guest="Maria Visitor")
    assert debate.queue()[0].guest == "Maria Visitor"
    assert debate.name_of(None, "Maria Visitor") == "Maria Visitor"
    with pytest.raises(Refused, match="Maria Visitor is already"):
        debate.request_floor(None, guest=" maria visitor ")


def test_on_behalf_and_alignment_are_kept_to_the_log(debate: Meeting) -> None:
    ask(debate, "DK", on_behalf="EU", alignment=("AL",))
    debate.record(debate.give_floor())
    spoken = debate.log()[0]
    assert (spoken.on_behalf, spoken.alignment) == ("EU", ("AL",))
    assert debate.label_of(spoken) == "Denmark-European Union (with Albania, in alignment)"


def test_a_closed_list_refuses_ordinary_requests_but_not_points_of_order_or_replies(
    debate: Meeting,
) -> None:
    debate.record(debate.close_list())
    assert debate.list_closed()
    with pytest.raises(Refused, match="closed"):
        debate.request_floor("TR")
    with pytest.raises(Refused, match="closed"):
        debate.request_floor("TR", InterventionKind.QUESTION)
    ask(debate, "AT", "point-of-order")
    ask(debate, "JP", "right-of-reply")
    ask(debate, "US", force=True)  # the chair may still add
    assert whos(debate) == ["AT", "US", "JP"]
    with pytest.raises(Refused):
        debate.close_list()
    debate.record(debate.reopen_list())
    ask(debate, "TR")
    assert not debate.list_closed()


def test_withdraw_removes_only_that_request(debate: Meeting) -> None:
    first = ask(debate, "TR")
    ask(debate, "AT")
    debate.record(debate.withdraw(first))
    assert whos(debate) == ["AT"]
    with pytest.raises(Refused, match="no longer on the list"):
        debate.withdraw(first)


def test_moves_stay_within_the_section_of_the_request(debate: Meeting) -> None:
    ids = [ask(debate, who) for who in ("TR", "AT", "JP", "US")]
    point = ask(debate, "EG", "point-of-order")
    debate.record(debate.move_up(ids[2]))
    assert whos(debate) == ["EG", "TR", "JP", "AT", "US"]
    debate.record(debate.move_request(ids[3], 0))  # cannot pass the point of order
    assert whos(debate) == ["EG", "US", "TR", "JP", "AT"]
    debate.record(debate.move_down(ids[3]))
    assert whos(debate) == ["EG", "TR", "US", "JP", "AT"]
    with pytest.raises(Refused, match="already there"):
        debate.move_up(point)
    with pytest.raises(Refused, match="already there"):
        debate.move_down(ids[1])


def test_readd_last_speaker_puts_them_at_the_top(debate: Meeting) -> None:
    with pytest.raises(Refused, match="Nobody has spoken"):
        debate.readd_last_speaker()
    for who in ("TR", "AT", "JP"):
        ask(debate, who)
    debate.record(debate.give_floor())
    debate.record(debate.give_floor())  # Türkiye's intervention ends
    debate.record(debate.readd_last_speaker())
    assert whos(debate) == ["TR", "JP"]


def test_category_precedence_when_the_agenda_asks_for_it(clock: FakeClock) -> None:
    meeting = Meeting(small_agenda(Ordering.CATEGORY), small_roster(), clock)
    meeting.record(meeting.start_item("debate"))
    for who in ("CORP", "NGO", "UNOCT", "ODIHR", "JP", "TR"):
        ask(meeting, who)
        clock.advance(1)
    ask(meeting, "DK", on_behalf="EU")
    ask(meeting, "AT")
    ask(meeting, None, guest="Visitor")
    ask(meeting, "EG")
    assert whos(meeting) == [
        "DK", "TR", "AT", "JP", "EG", "ODIHR", "UNOCT", "NGO", "CORP", "Visitor",
    ]


def test_scheduled_speakers_come_before_the_floor_opens(meeting: Meeting) -> None:
    meeting.record(meeting.start_item("opening"))
    ask(meeting, "TR")
    assert whos(meeting) == ["SP1", "SP2", "TR"]
    assert [r.seconds for r in meeting.queue()] == [600, 300, 300]
    meeting.record(meeting.give_floor())
    assert (meeting.floor().who, meeting.floor().kind, meeting.floor().allotted) == (
        "SP1", InterventionKind.SCHEDULED, 600,
    )
    assert whos(meeting) == ["SP2", "TR"]
    with pytest.raises(Refused, match="agenda's order"):
        meeting.move_down(meeting.queue()[0].id)


def test_requests_need_an_open_item_and_are_dropped_when_it_finishes(meeting: Meeting) -> None:
    with pytest.raises(Refused, match="Open an agenda item"):
        meeting.request_floor("TR")
    meeting.record(meeting.start_item("debate"))
    ask(meeting, "TR")
    events = meeting.record(meeting.next_item())
    assert meeting.current_item().id == "qa"
    assert meeting.queue() == []
    assert [r.who for r in meeting.dropped()] == ["TR"]
    assert meeting.describe(events) == (
        "Finished “Discussion” (1 waiting request dropped: Türkiye); opened “Questions to the panel”"
    )
    assert "1 waiting request dropped" in meeting.describe(events[:1])
