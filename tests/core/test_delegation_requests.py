"""Delegations ask for the floor from their own seat: the same rules as the chair's, the chair's
approval (the time of request orders the list, not the time of approval), lists opened ahead of
time, the remote mark, and what a delegation's phone is told."""

from __future__ import annotations

import dataclasses
import json

import pytest

from moderator.core.clock import FakeClock
from moderator.core.fold import read_event
from moderator.core.meeting import Meeting, Refused
from moderator.core.model import Agenda, AlignmentCategory, ItemKind, RequestMode, Roster
from moderator.core.model import InterventionKind as K
from moderator.core.request_desk import Asked
from tests.core.conftest import ask, small_agenda, small_roster, whos

LINK = "link:delegation-{}"
_numbers = iter(range(10**6))


def link_ask(meeting: Meeting, delegation: str, kind: K | str = K.STATEMENT,
             request_id: str | None = None, **options: object) -> str:
    """`delegation`'s phone asks; the request's id (made by its page)."""
    request_id = request_id or f"page-{next(_numbers):06d}"
    meeting.record(meeting.ask_floor(delegation, request_id, kind,
                                     source=LINK.format(delegation), **options))
    return request_id


def approving(agenda: Agenda, **defaults: object) -> Agenda:
    """The agenda with the chair approving requests from the links (and `defaults`)."""
    return dataclasses.replace(agenda, defaults=dataclasses.replace(
        agenda.defaults, requests=RequestMode.APPROVE, **defaults))


def a_meeting(clock: FakeClock, *, approve: bool = False, ahead: bool = False,
              roster: Roster | None = None) -> Meeting:
    agenda = small_agenda()
    if approve:
        agenda = approving(agenda)
    if ahead:
        agenda = dataclasses.replace(agenda, defaults=dataclasses.replace(
            agenda.defaults, requests_ahead=True))
    meeting = Meeting(agenda, roster or small_roster(), clock)
    meeting.record(meeting.start_item("debate"))
    return meeting


def with_alignment() -> Roster:
    roster = small_roster()
    return dataclasses.replace(roster, alignment={"EU": (
        AlignmentCategory("the candidate country", "the candidate countries", ("AL",)),)})


# -- straight onto the list ----------------------------------------------------------------

def test_a_request_from_a_link_joins_the_list_at_once_by_the_meetings_rules(
        debate: Meeting, clock: FakeClock) -> None:
    ask(debate, "TR")
    clock.advance(5)
    link_ask(debate, "AT")
    clock.advance(5)
    link_ask(debate, "JP", K.RIGHT_OF_REPLY)
    clock.advance(5)
    link_ask(debate, "US", K.POINT_OF_ORDER)
    assert whos(debate) == ["US", "TR", "AT", "JP"]
    asked = debate.asked_request(debate.queue()[2].id)
    assert (asked.source, asked.status) == ("link:delegation-AT", Asked.LISTED)
    assert debate.queue()[2].requested_at == asked.asked_at


def test_a_request_sent_twice_is_recorded_once(debate: Meeting) -> None:
    first = debate.ask_floor("AT", "page-request-1", K.STATEMENT, source="link:delegation-AT")
    debate.record(first)
    assert debate.ask_floor("AT", "page-request-1", K.STATEMENT, source="link:x") == []
    debate.record(first)  # the same events folded again (a follower reading them back)
    assert whos(debate) == ["AT"]
    debate.record(debate.give_floor())
    debate.record(debate.finish_intervention())
    assert debate.ask_floor("AT", "page-request-1", K.STATEMENT, source="link:x") == []
    assert whos(debate) == []


def test_the_chairs_rules_hold_for_a_link(debate: Meeting) -> None:
    ask(debate, "AT")
    with pytest.raises(Refused, match="Austria is already on the list"):
        link_ask(debate, "AT")
    link_ask(debate, "AT", K.RIGHT_OF_REPLY)  # another kind is another request
    debate.record(debate.close_list())
    with pytest.raises(Refused, match="closed: the chair may still add you"):
        link_ask(debate, "TR")
    link_ask(debate, "TR", K.POINT_OF_ORDER)  # a closed list still takes a point of order
    with pytest.raises(Refused, match="a delegation asks for: statement, point of order"):
        link_ask(debate, "JP", K.QUESTION)  # not a question-and-answer item
    with pytest.raises(Refused, match="id is 8 to 64"):
        link_ask(debate, "JP", request_id="x")
    with pytest.raises(Refused, match="not a kind of request"):
        link_ask(debate, "JP", "song")


def test_a_link_acts_for_its_own_delegation_and_a_member_for_its_group(clock: FakeClock) -> None:
    meeting = a_meeting(clock, roster=with_alignment())
    with pytest.raises(Refused, match="for Austria only"):
        link_ask(meeting, "AT", who="TR")
    with pytest.raises(Refused, match="for Austria only"):
        link_ask(meeting, "AT", who="DK", on_behalf="EU")
    with pytest.raises(Refused, match="not a member of European Union"):
        link_ask(meeting, "AT", on_behalf="EU")
    link_ask(meeting, "DK", on_behalf="EU", alignment=("AL",))
    assert meeting.label_of(meeting.queue()[0]) == \
        "Denmark-European Union (with the candidate country Albania, in alignment)"
    with pytest.raises(Refused, match="on behalf of European Union is already waiting"):
        link_ask(meeting, "EU", who="FR", on_behalf="EU")  # the group's link, for a member
    meeting.record(meeting.withdraw_own("DK", meeting.queue()[0].id))
    link_ask(meeting, "EU", who="FR", on_behalf="EU")
    assert whos(meeting) == ["FR"]
    with pytest.raises(Refused, match="for European Union only"):
        link_ask(meeting, "EU", who="TR", on_behalf="EU")  # not a member


# -- the chair approves --------------------------------------------------------------------

def test_pending_requests_wait_in_arrival_order_and_the_time_of_request_orders_the_list(
        clock: FakeClock) -> None:
    meeting = a_meeting(clock, approve=True)
    austria = link_ask(meeting, "AT")
    clock.advance(10)
    link_ask(meeting, "JP")
    clock.advance(10)
    ask(meeting, "TR")  # the chair's own request goes straight on the list
    assert whos(meeting) == ["TR"]
    assert [a.who for a in meeting.pending_requests()] == ["AT", "JP"]
    assert meeting.asked_request(austria).status is Asked.PENDING
    clock.advance(60)
    meeting.record(meeting.accept_request())  # Austria asked before Türkiye: before it
    assert whos(meeting) == ["AT", "TR"]
    meeting.record(meeting.decline_request("  The list is long;\nplease\tspeak tomorrow "))
    declined = meeting.asked_by("JP")[0]
    assert (declined.status, declined.reason) == (Asked.DECLINED,
                                                  "The list is long; please speak tomorrow")
    with pytest.raises(Refused, match="No request awaits your approval"):
        meeting.accept_request()
    view = meeting.delegation_view("JP")
    assert [r.words for r in view.requests] == ["Declined: The list is long; please speak tomorrow"]


def test_an_approved_request_keeps_its_place_within_its_section(clock: FakeClock) -> None:
    meeting = a_meeting(clock, approve=True)
    link_ask(meeting, "AT", K.POINT_OF_ORDER)
    clock.advance(5)
    link_ask(meeting, "JP", K.RIGHT_OF_REPLY)
    clock.advance(5)
    ask(meeting, "TR")
    ask(meeting, "US", K.POINT_OF_ORDER)
    ask(meeting, "EG", K.RIGHT_OF_REPLY)
    meeting.record(meeting.accept_request())
    meeting.record(meeting.accept_request())
    # Points of order first, rights of reply at the end, each by its time of request.
    assert whos(meeting) == ["AT", "US", "TR", "JP", "EG"]


def test_accepting_follows_the_rules_as_they_are_then(clock: FakeClock) -> None:
    meeting = a_meeting(clock, approve=True)
    link_ask(meeting, "AT")
    with pytest.raises(Refused, match="Austria is already on the list"):
        link_ask(meeting, "AT")  # a pending request counts as waiting
    meeting.record(meeting.close_list())
    meeting.record(meeting.accept_request())  # the chair's discretion: a closed list too
    assert whos(meeting) == ["AT"]


def test_a_pending_request_and_its_decisions_are_undone_by_the_chair(clock: FakeClock) -> None:
    meeting = a_meeting(clock, approve=True)
    link_ask(meeting, "AT")
    meeting.record(meeting.accept_request())
    meeting.record(meeting.undo(confirmed=True))
    assert whos(meeting) == [] and [a.who for a in meeting.pending_requests()] == ["AT"]
    meeting.record(meeting.decline_request("No"))
    meeting.record(meeting.undo(confirmed=True))
    assert [a.who for a in meeting.pending_requests()] == ["AT"]


def test_a_pending_request_ends_with_its_item(clock: FakeClock) -> None:
    meeting = a_meeting(clock, approve=True)
    link_ask(meeting, "AT")
    meeting.record(meeting.next_item())
    assert meeting.pending_requests() == []
    assert meeting.asked_by("AT")[0].status is Asked.DROPPED


def test_a_link_holds_a_few_open_requests_at_most(clock: FakeClock) -> None:
    meeting = a_meeting(clock, approve=True, ahead=True)
    link_ask(meeting, "AT")
    link_ask(meeting, "AT", K.POINT_OF_ORDER)
    link_ask(meeting, "AT", K.RIGHT_OF_REPLY)
    link_ask(meeting, "AT", item_id="closing")
    with pytest.raises(Refused, match="at most 4 requests"):
        link_ask(meeting, "AT", K.QUESTION, item_id="qa")
    meeting.record(meeting.withdraw_own("AT", meeting.asked_by("AT")[0].id))
    link_ask(meeting, "AT", K.QUESTION, item_id="qa")


# -- lists opened ahead of time ----------------------------------------------------------------

def test_the_chair_opens_a_later_items_list_ahead_of_time(debate: Meeting,
                                                          clock: FakeClock) -> None:
    debate.record(debate.request_ahead("closing", "AT"))
    clock.advance(5)
    debate.record(debate.request_ahead("qa", "JP"))
    clock.advance(5)
    debate.record(debate.request_ahead("closing", "TR"))
    debate.record(debate.request_ahead("closing", None, guest="Jean Dupont"))
    assert debate.waiting_ahead() == {"qa": 1, "closing": 3}
    assert [r.kind for r in debate.ahead_queue("qa")] == [K.QUESTION]  # a Q&A item's own kind
    assert whos(debate) == []
    with pytest.raises(Refused, match="Austria is already on the list"):
        debate.request_ahead("closing", "AT")
    with pytest.raises(Refused, match="is open: add the request to its list"):
        debate.request_ahead("debate", "AT")
    with pytest.raises(Refused, match="statements and questions"):
        debate.request_ahead("closing", "US", K.POINT_OF_ORDER)
    for _ in range(3):
        debate.record(debate.next_item())
    assert debate.current_item().id == "closing"
    clock.advance(5)
    ask(debate, "US")  # a request made once the item is open comes after them
    assert whos(debate) == ["AT", "TR", "Jean Dupont", "US"]
    assert debate.waiting_ahead() == {}


def test_a_link_may_ask_on_a_later_item_when_the_meeting_allows_it(clock: FakeClock) -> None:
    closed = a_meeting(clock)
    with pytest.raises(Refused, match="for the item in progress only"):
        link_ask(closed, "AT", item_id="closing")
    meeting = a_meeting(clock, ahead=True)
    link_ask(meeting, "AT", item_id="closing")
    clock.advance(5)
    link_ask(meeting, "TR", item_id="closing")
    with pytest.raises(Refused, match="statement"):
        link_ask(meeting, "JP", K.POINT_OF_ORDER, item_id="closing")
    meeting.record(meeting.skip_item("qa"))
    with pytest.raises(Refused, match="not an item still to come"):
        link_ask(meeting, "JP", item_id="qa")
    assert [(r.words, r.item.id) for r in meeting.delegation_view("TR").requests] == [
        ("2nd on the list of “Closing discussion”", "closing")]
    meeting.record(meeting.withdraw_own("AT", meeting.ahead_queue("closing")[0].id))
    assert meeting.waiting_ahead() == {"closing": 1}


def test_a_skipped_items_list_is_dropped_for_the_record(debate: Meeting) -> None:
    debate.record(debate.request_ahead("qa", "AT"))
    debate.record(debate.skip_item("qa"))
    assert debate.waiting_ahead() == {}
    assert [r.who for r in debate.dropped()] == ["AT"]


def test_during_a_break_a_delegation_asks_on_the_item_after_it(clock: FakeClock) -> None:
    meeting = a_meeting(clock)
    meeting.record(meeting.start_item("coffee"))
    link_ask(meeting, "AT")
    assert meeting.waiting_ahead() == {"closing": 1}
    assert [r.item.id for r in meeting.delegation_view("AT").requests] == ["closing"]
    meeting.record(meeting.next_item())
    assert whos(meeting) == ["AT"]


# -- withdrawing, and what a phone is told ----------------------------------------------------

def test_a_delegation_withdraws_its_own_requests_only(clock: FakeClock) -> None:
    meeting = a_meeting(clock, approve=True)
    pending = link_ask(meeting, "AT")
    ask(meeting, "TR")
    turkey = meeting.queue()[0].id
    with pytest.raises(Refused, match="its own requests only"):
        meeting.withdraw_own("AT", turkey)
    meeting.record(meeting.withdraw_own("TR", turkey))  # the chair's request for Türkiye too
    meeting.record(meeting.withdraw_own("AT", pending))
    assert whos(meeting) == [] and meeting.pending_requests() == []
    assert meeting.withdraw_own("AT", pending) == []  # withdrawn already: nothing to do
    with pytest.raises(Refused, match="no such request"):
        meeting.withdraw_own("AT", "page-unknown")


def test_a_phone_is_told_its_own_requests_and_never_anothers_pending_ones(
        clock: FakeClock) -> None:
    meeting = a_meeting(clock, approve=True)
    for who in ("TR", "JP", "US"):
        ask(meeting, who)
    link_ask(meeting, "AT")
    link_ask(meeting, "EG")
    meeting.record(meeting.accept_request())
    view = meeting.delegation_view("AT")
    assert [(r.standing, r.words) for r in view.requests] == [("listed", "4th")]
    assert [r.words for r in meeting.delegation_view("EG").requests] == [
        "Awaiting the chair's approval"]
    assert meeting.delegation_view("US").requests[0].words == "3rd"
    assert meeting.delegation_view("TR").requests[0].words == "Next"
    meeting.record(meeting.give_floor())
    assert [r.words for r in meeting.delegation_view("TR").requests] == ["You have the floor"]
    meeting.record(meeting.send_podium_message("Please conclude"))
    text = repr(meeting.delegation_view("AT"))
    assert "EG" not in text and "Egypt" not in text and "Please conclude" not in text
    assert meeting.delegation_view("AT").kinds == (K.STATEMENT, K.POINT_OF_ORDER,
                                                   K.RIGHT_OF_REPLY)
    meeting.record(meeting.close_list())
    assert meeting.delegation_view("NGO").closed == "List closed: the chair may still add you"


def test_a_members_phone_offers_its_group_and_the_alignment(clock: FakeClock) -> None:
    meeting = a_meeting(clock, roster=with_alignment())
    denmark, union = meeting.delegation_view("DK"), meeting.delegation_view("EU")
    assert [c.id for c in denmark.on_behalf] == ["EU"] and [c.id for c in denmark.alignment] == ["AL"]
    assert [c.id for c in union.speakers] == ["EU", "DK", "FR"]
    assert meeting.delegation_view("AT").on_behalf == ()
    meeting.record(meeting.start_item("qa"))
    assert meeting.delegation_view("AT").kinds[0] is K.QUESTION


# -- remotely ----------------------------------------------------------------------------------

def test_a_delegation_following_remotely_is_marked_on_the_list_the_floor_and_the_record(
        debate: Meeting) -> None:
    debate.record(debate.mark_remote("AT", source="link:delegation-AT"))
    assert debate.mark_remote("AT") == []  # so already
    link_ask(debate, "AT")
    ask(debate, "TR")
    room = debate.room_view()
    assert [s.speaker.remote for s in room.speakers] == [True, False]
    debate.record(debate.give_floor())
    assert debate.room_view().floor.remote
    heard = debate.floor().id
    debate.record(debate.give_floor())
    debate.record(debate.mark_remote("AT", False))
    assert debate.followed_remotely(heard) and not debate.followed_remotely(debate.floor().id)
    assert debate.remote_delegations() == frozenset()
    assert debate.delegation_view("AT").remote is False


def test_a_delegation_marked_remote_while_speaking_is_recorded_so(debate: Meeting) -> None:
    ask(debate, "TR")
    debate.record(debate.give_floor())
    debate.record(debate.mark_remote("TR"))
    assert debate.followed_remotely(debate.floor().id)


# -- the record --------------------------------------------------------------------------------

def test_each_new_event_reads_back_as_it_was_written(clock: FakeClock) -> None:
    meeting = a_meeting(clock, approve=True)
    link_ask(meeting, "AT")
    link_ask(meeting, "JP")
    meeting.record(meeting.accept_request())
    meeting.record(meeting.decline_request("Tomorrow"))
    meeting.record(meeting.mark_remote("TR"))
    seen = set()
    for stored in meeting.events:
        typed = read_event(json.loads(json.dumps(stored)))
        assert typed is not None and type(typed).from_dict(typed.to_dict()) == typed
        seen.add(stored["type"])
    assert {"request.asked", "request.accepted", "request.declined",
            "delegation.remote"} <= seen
    described = [meeting.describe([e]) for e in meeting.events[1:]]
    assert described == [
        "Austria asked for the floor from its link (statement): awaiting your approval",
        "Japan (Partner for Co-operation) asked for the floor from its link (statement): "
        "awaiting your approval",
        "Accepted the request of Austria (statement)",
        "Declined the request of Japan (Partner for Co-operation) (statement): “Tomorrow”",
        "Türkiye follows remotely"]


def test_a_list_item_of_a_break_is_never_asked_on(clock: FakeClock) -> None:
    meeting = a_meeting(clock, ahead=True)
    assert all(item.kind is not ItemKind.BREAK for item in meeting.later_items())


def test_the_record_says_who_spoke_remotely(debate: Meeting, clock: FakeClock) -> None:
    from moderator.export import json_export, markdown
    from moderator.export.build import build_summary

    debate.record(debate.mark_remote("AT"))
    link_ask(debate, "AT", K.RIGHT_OF_REPLY)
    ask(debate, "TR")
    for _ in range(2):
        debate.record(debate.give_floor())
        clock.advance(60)
    debate.record(debate.finish_intervention())
    summary = build_summary([debate], clock)
    lines = [x for s in summary.sessions for i in s.items for x in i.interventions]
    assert [(x.who, x.remote, x.marks) for x in lines] == [
        ("TR", False, None), ("AT", True, "Right of reply, remote")]
    text = markdown.render(summary).decode()
    assert "**Austria** *(Right of reply, remote)*" in text
    document = json.loads(json_export.render(summary))
    found = [x for s in document["sessions"] for i in s["items"] for x in i["interventions"]]
    assert [x["remote"] for x in found] == [False, True]
