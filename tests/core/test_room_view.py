"""The room view: what every room surface renders, derived once from the meeting at a moment."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from moderator.core import FakeClock, Meeting, TimerState
from moderator.core.model import AlignmentCategory, InterventionKind, ItemKind
from moderator.core.room_view import ADJOURNED, RecessKind, Surface, room_view
from tests.core.test_day import asked, at, two_days
from tests.helpers.small_meeting import ask, small_agenda, small_roster


def test_the_speaker_a_point_of_order_suspends_resumes_after_the_points_of_order(
        debate: Meeting, clock: FakeClock) -> None:
    for who in ("TR", "AT"):
        ask(debate, who)
    debate.record(debate.give_floor())  # Türkiye, 180 s
    clock.advance(50)
    ask(debate, "US", "point-of-order")
    debate.record(debate.give_floor())  # the United States suspend Türkiye
    ask(debate, "FR", "point-of-order")  # another point of order waits
    clock.advance(20)
    view = debate.room_view()
    assert view.floor.name == "United States of America"
    assert view.floor.kind is InterventionKind.POINT_OF_ORDER
    assert view.suspended.name == "Türkiye"
    lines = [(e.speaker.name, e.position, e.resumes, e.seconds) for e in view.speakers]
    assert lines == [("France", 1, False, 60), ("Türkiye", None, True, 130),
                     ("Austria", 2, False, 180)]
    starts = [e.expected_at - view.at for e in view.speakers]
    # The point of order on the floor has 40 s left, France's 60 s, then Türkiye's 130 s.
    assert starts == [timedelta(seconds=40), timedelta(seconds=100), timedelta(seconds=230)]
    assert view.waiting == 2
    assert view.countdown.phase is TimerState.RUNNING and view.countdown.remaining == 40


def test_the_chairs_message_is_seen_by_the_podium_and_the_clock_only(
        debate: Meeting, clock: FakeClock) -> None:
    ask(debate, "TR")
    debate.record(debate.give_floor())
    debate.record(debate.send_podium_message("Please conclude"))
    view = debate.room_view()
    for surface in (Surface.PODIUM, Surface.CLOCK):
        assert view.seen_by(surface).message.text == "Please conclude"
    for surface in (Surface.PROJECTOR, Surface.PHONES):
        seen = view.seen_by(surface)
        assert seen.message is None
        assert replace(seen, message=view.message) == view  # nothing else is taken away


def test_long_alignments_are_counted_in_the_short_name_only(clock: FakeClock) -> None:
    roster = small_roster()
    roster = replace(roster, alignment={"EU": (AlignmentCategory(
        "the candidate country", "the candidate countries", ("AL", "TR", "EG")),)})
    meeting = Meeting(small_agenda(), roster, clock)
    meeting.record(meeting.start_item("debate"))
    ask(meeting, "DK", on_behalf="EU", alignment=("AL", "TR", "EG"))
    meeting.record(meeting.give_floor())
    ask(meeting, "FR", on_behalf="EU", alignment=("AL", "TR"))
    view = meeting.room_view()
    assert view.floor.name == ("Denmark-European Union (with the candidate countries Albania, "
                               "Türkiye and Egypt, in alignment)")
    assert view.floor.short_name == "Denmark-European Union (with 3 countries in alignment)"
    # Two countries are still named.
    [france] = view.speakers
    assert france.speaker.short_name == france.speaker.name == (
        "France-European Union (with the candidate countries Albania and Türkiye, in alignment)")


def test_a_suspended_sitting_a_break_and_the_next_item(debate: Meeting, clock: FakeClock) -> None:
    ask(debate, "TR")
    debate.record(debate.give_floor())
    clock.advance(30)
    debate.record(debate.suspend_sitting())
    clock.advance(600)
    view = debate.room_view()
    assert view.sitting_suspended.since == view.at - timedelta(seconds=600)
    assert view.sitting_suspended.resumes_at is None  # the chair did not say
    assert view.local(view.sitting_suspended.since) == "09:00"
    assert view.countdown.phase is TimerState.PAUSED and not view.countdown.running
    assert view.recess is None and view.next_item.id == "qa"
    debate.record(debate.resume_sitting())
    debate.record(debate.start_item("coffee"))
    clock.advance(60)
    view = debate.room_view()
    assert view.recess.kind is RecessKind.BREAK and view.recess.title == "Coffee break"
    assert view.recess.remaining == 29 * 60
    assert view.local(view.recess.resumes_at) == "09:40"  # opened at 09:10:30, 30 minutes
    assert view.floor is None and view.countdown.phase is TimerState.IDLE
    assert view.item.kind is ItemKind.BREAK and view.next_item.id == "closing"


def test_a_sub_item_names_its_item_and_another_day_its_weekday(clock: FakeClock) -> None:
    agenda = small_agenda()
    first = agenda.sessions[0]
    sub = replace(first.items[1], parent="review", parent_title="Review of current issues",
                  letter="a", title="Situation in Ukraine")
    agenda = replace(agenda, sessions=(replace(first, items=(first.items[0], sub,
                                                             first.items[2])),
                                       *agenda.sessions[1:]))
    meeting = Meeting(agenda, small_roster(), clock)
    meeting.record(meeting.start_item("debate"))
    view = room_view(meeting, clock.now())
    assert view.item.heading == "Review of current issues: (a) Situation in Ukraine"
    assert (view.item.parent_id, view.item.letter) == ("review", "a")
    assert view.local(view.at + timedelta(days=1)) == "Friday 09:00"


def test_the_view_is_a_function_of_the_meeting_and_the_moment(debate: Meeting,
                                                               clock: FakeClock) -> None:
    ask(debate, "TR")
    debate.record(debate.give_floor())
    at = clock.now() + timedelta(seconds=170)
    first = room_view(debate, at)
    clock.advance(1000)  # the clock is a parameter: the view at `at` does not move
    assert room_view(debate, at) == first
    assert first.countdown.phase is TimerState.WARNING and first.countdown.remaining == 10


def test_a_suspension_says_when_the_sitting_resumes_as_the_chair_said(
        debate: Meeting, clock: FakeClock) -> None:
    resumes = clock.now() + timedelta(minutes=45)
    debate.record(debate.suspend_sitting(resumes))
    clock.advance(60)
    view = debate.room_view()
    assert view.sitting_suspended.resumes_at == resumes
    assert view.local(view.sitting_suspended.resumes_at) == "09:45"
    debate.record(debate.adjust_resumption(15 * 60))  # 15 minutes later
    assert debate.room_view().sitting_suspended.resumes_at == resumes + timedelta(minutes=15)
    debate.record(debate.set_resumption(None))  # no longer said
    assert debate.room_view().sitting_suspended.resumes_at is None
    assert debate.room_view().recess is None  # a suspension is no recess


def test_a_timed_break_counts_down_to_the_end_the_chair_set(debate: Meeting,
                                                            clock: FakeClock) -> None:
    debate.record(debate.start_item("coffee"))  # 30 minutes on the agenda
    clock.advance(60)
    debate.record(debate.adjust_break(10 * 60))
    view = debate.room_view()
    assert view.recess.kind is RecessKind.BREAK
    assert view.recess.resumes_at - view.recess.since == timedelta(minutes=40)
    assert view.recess.remaining == 39 * 60


def test_an_adjourned_meeting_counts_down_to_the_morning() -> None:
    meeting = at(two_days(), "closing")  # Thursday's last item
    meeting.clock.advance(8 * 3600)  # 17:11
    meeting.record(meeting.adjourn())  # until Friday's first session, 09:30
    meeting.clock.advance(60)
    view = meeting.room_view()
    recess = view.recess
    assert (recess.kind, recess.title) == (RecessKind.ADJOURNMENT, ADJOURNED)
    assert recess.since == meeting.adjournment().adjourned_at
    assert recess.resumes_at == meeting.adjournment().until
    assert view.local(recess.resumes_at) == "Friday 09:30"
    assert recess.remaining == (recess.resumes_at - view.at).total_seconds() > 16 * 3600
    assert view.item is None and view.next_item.id == "panel-2"
    early = asked(meeting.resume_meeting)  # the evening before: a second press resumes
    meeting.record(meeting.resume_meeting(early.action))
    assert meeting.room_view().recess is None


def test_moments_are_written_as_the_consoles_write_them(debate: Meeting) -> None:
    view = debate.room_view()
    assert view.local(view.at) == "09:00"
    assert view.local(view.at + timedelta(days=1)) == "Friday 09:00"
    assert view.local(view.at + timedelta(days=8)) == "Friday 18 December, 09:00"
