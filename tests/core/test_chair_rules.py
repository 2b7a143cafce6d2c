"""What a chair found running a whole item: re-adding, resuming, group statements, limits,
skipping and breaks."""

from __future__ import annotations

from datetime import timedelta

import pytest

from moderator.core.clock import FakeClock
from moderator.core.meeting import Meeting, Refused
from moderator.core.model import InterventionKind as K
from moderator.core.views import ItemStatus
from tests.core.conftest import ask, whos


def france_interrupted(debate: Meeting, clock: FakeClock) -> None:
    """France speaks, Albania raises a point of order and is heard (France suspended)."""
    ask(debate, "FR")
    debate.record(debate.give_floor())
    clock.advance(40)
    ask(debate, "AL", "point-of-order")
    debate.record(debate.give_floor())
    clock.advance(20)


def test_readd_after_a_point_of_order_puts_back_the_speaker_who_finished(
        debate: Meeting, clock: FakeClock) -> None:
    france_interrupted(debate, clock)
    debate.record(debate.give_floor())  # the point of order ends, France resumes
    debate.record(debate.toggle_timer())
    clock.advance(30)
    debate.record(debate.finish_intervention())
    debate.record(debate.readd_last_speaker())
    top = debate.queue()[0]
    assert (top.who, top.kind) == ("FR", K.STATEMENT)


def test_readd_keeps_the_kind_and_the_group_of_the_statement(debate: Meeting) -> None:
    ask(debate, "DK", "question", on_behalf="EU")
    debate.record(debate.give_floor())
    debate.record(debate.finish_intervention())
    debate.record(debate.readd_last_speaker())
    top = debate.queue()[0]
    assert (top.who, top.kind, top.on_behalf) == ("DK", K.QUESTION, "EU")


def test_only_a_point_of_order_spoken_is_nobody_to_readd(debate: Meeting) -> None:
    ask(debate, "AL", "point-of-order")
    debate.record(debate.give_floor())
    debate.record(debate.finish_intervention())
    with pytest.raises(Refused, match="Nobody has spoken"):
        debate.readd_last_speaker()


def test_next_after_a_point_of_order_resumes_the_speaker_even_with_an_empty_list(
        debate: Meeting, clock: FakeClock) -> None:
    france_interrupted(debate, clock)
    assert debate.queue() == []
    debate.record(debate.give_floor())
    assert debate.floor().who == "FR" and debate.suspended() is None
    assert debate.timer().running is False  # back paused: the chair restarts it


def test_next_hears_a_second_point_of_order_before_resuming(debate: Meeting, clock: FakeClock) -> None:
    france_interrupted(debate, clock)
    ask(debate, "US", "point-of-order")
    debate.record(debate.give_floor())
    assert debate.floor().who == "US" and debate.suspended().who == "FR"


def test_giving_the_floor_from_the_list_while_suspended_says_so(
        debate: Meeting, clock: FakeClock) -> None:
    france_interrupted(debate, clock)
    italy = ask(debate, "TR")
    events = debate.record(debate.give_floor(italy))
    sentence = debate.describe(events)
    assert sentence.startswith("Gave the floor to Türkiye")
    assert "France, suspended by the point of order, did not resume and has finished" in sentence


@pytest.mark.parametrize(("who", "on_behalf", "alignment", "reason"), [
    ("AT", "EU", (), "Austria is not a member of European Union"),
    ("EU", "EU", (), "cannot speak on behalf of itself"),
    ("DK", "EU", ("EU",), "cannot be in alignment with its own statement"),
    ("DK", "EU", ("DK",), "cannot be in alignment with its own statement"),
    ("DK", "EU", ("FR",), "France is a member of European Union"),
    ("DK", "EU", ("AL", "AL"), "named twice"),
    ("AT", None, ("AL",), "Alignment is with a group statement"),
])
def test_group_statements_are_checked(debate: Meeting, who, on_behalf, alignment, reason) -> None:
    with pytest.raises(Refused, match=reason):
        debate.request_floor(who, K.STATEMENT, on_behalf=on_behalf, alignment=alignment)
    assert debate.queue() == []


def test_a_country_in_alignment_may_not_be_a_group(debate: Meeting) -> None:
    with pytest.raises(Refused, match="European Union is a group"):
        debate.request_floor("AT", K.STATEMENT, on_behalf="NGO", alignment=("EU",))


def test_one_group_statement_waits_at_a_time_and_national_ones_are_other_requests(
        debate: Meeting) -> None:
    ask(debate, "DK", on_behalf="EU", alignment=("AL",))
    with pytest.raises(Refused, match="on behalf of European Union is already waiting"):
        debate.request_floor("FR", K.STATEMENT, on_behalf="EU")
    ask(debate, "DK")  # Denmark's national statement is another request
    with pytest.raises(Refused, match="already on the list"):
        debate.request_floor("DK", K.STATEMENT)
    assert [(r.who, r.on_behalf) for r in debate.queue()] == [("DK", "EU"), ("DK", None)]


def test_the_chair_sets_the_limit_of_the_speaker(debate: Meeting, clock: FakeClock) -> None:
    ask(debate, "TR")
    debate.record(debate.give_floor())
    events = debate.record(debate.set_speaker_limit(120))
    assert debate.floor().allotted == 120
    assert debate.describe(events) == "Limit for Türkiye: 2:00"
    with pytest.raises(Refused, match="stays as it is"):
        debate.set_speaker_limit(120)
    with pytest.raises(Refused, match="longer than 0:00"):
        debate.set_speaker_limit(0)
    debate.record(debate.undo())
    assert debate.floor().allotted == 180


def test_the_chair_sets_the_limit_of_the_item(debate: Meeting, clock: FakeClock) -> None:
    ask(debate, "TR")
    ask(debate, "AT")
    ask(debate, "US", "right-of-reply")
    debate.record(debate.give_floor())  # Türkiye keeps her 3:00
    events = debate.record(debate.set_item_limit(150))
    assert debate.describe(events) == "Limit for each statement on “Discussion”: 2:30"
    assert debate.floor().allotted == 180
    assert [r.seconds for r in debate.queue()] == [150, 120]  # the right of reply keeps its own
    assert debate.item_limit() == 150
    debate.record(debate.give_floor())
    assert debate.floor().allotted == 150
    # Folded again from the record, the same limit.
    again = Meeting(debate.agenda, debate.roster, clock)
    again.apply_all(debate.events)
    assert again.floor().allotted == 150 and again.item_limit() == 150
    debate.record(debate.undo())  # the floor given to Austria
    debate.record(debate.undo())  # the limit
    assert debate.queue()[0].seconds == 180


def test_the_limit_of_a_question_and_answer_item_is_for_questions(meeting: Meeting) -> None:
    meeting.record(meeting.start_item("qa"))
    assert meeting.item_limit() == 60
    meeting.record(meeting.set_item_limit(45))
    assert meeting.item_limit(K.QUESTION) == 45
    assert meeting.item_limit(K.STATEMENT) == 180


def test_skipping_the_next_item_and_undoing_it(meeting: Meeting) -> None:
    meeting.record(meeting.start_item("opening"))
    events = meeting.record(meeting.skip_item(meeting.next_item_id()))
    assert meeting.describe(events) == "Skipped “Discussion”"
    assert meeting.item_status("debate") is ItemStatus.SKIPPED
    assert meeting.next_item_id() == "qa"
    meeting.record(meeting.undo())
    assert meeting.item_status("debate") is ItemStatus.PENDING
    assert meeting.current_item().id == "opening"


def test_a_break_counts_down_to_the_resumption(meeting: Meeting, clock: FakeClock) -> None:
    assert meeting.break_view() is None
    meeting.record(meeting.start_item("coffee"))
    opened = clock.now()
    clock.advance(600)
    view = meeting.break_view()
    assert (view.title, view.resumes_at) == ("Coffee break", opened + timedelta(minutes=30))
    assert view.remaining == 1200 and view.next_title == "Closing discussion"
    clock.advance(1260)
    assert meeting.break_view().remaining == -60


def test_dropped_requests_are_named(debate: Meeting) -> None:
    for who in ("TR", "AT"):
        ask(debate, who)
    events = debate.record(debate.next_item())
    assert debate.describe(events).startswith(
        "Finished “Discussion” (2 waiting requests dropped: Türkiye, Austria); opened")


def test_undoing_a_readd_says_the_speaker_is_off_the_top_again(debate: Meeting) -> None:
    ask(debate, "TR")
    debate.record(debate.give_floor())
    debate.record(debate.finish_intervention())
    debate.record(debate.readd_last_speaker())
    events = debate.record(debate.undo())
    assert debate.describe(events) == "Undone: Türkiye is no longer back at the top of the list"
    assert whos(debate) == []
