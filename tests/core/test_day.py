"""A whole day in the core: `]` asking before it loses a break, a list or an item just opened;
the end of the day adjourned and the next morning resumed; breaks and suspensions timed;
requests made during a break; requests corrected; a note's old revision restored."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from moderator.core import AskAgain, FakeClock, Meeting, Refused
from moderator.core.adjournment import MeetingAdjourned, MeetingResumed
from moderator.core.breaks import BreakTimed
from moderator.core.fold import read_event
from moderator.core.model import InterventionKind, Item, ItemKind, Session
from moderator.core.moments import read_moment, words_of
from moderator.core.sitting import ResumptionSet
from moderator.core.speakers_list import RequestCorrected
from tests.helpers.small_meeting import START, ask, small_agenda, small_roster, whos

VIENNA = "Europe/Vienna"


def two_days() -> Meeting:
    """The small meeting with a second day: "Day two" opens on Friday 11 December at 09:30."""
    base = small_agenda()
    day_two = Session("s3", "Day two", date(2026, 12, 11), time(9, 30), time(10, 30),
                      items=(Item("panel-2", "Panel presentations", ItemKind.PANEL, 40),
                             Item("debate-2", "Discussion", ItemKind.DISCUSSION, 20)))
    return Meeting(replace(base, sessions=(*base.sessions, day_two)), small_roster(),
                   FakeClock(START))


def at(meeting: Meeting, item_id: str, seconds: float = 60) -> Meeting:
    """`item_id` opened, and `seconds` gone by since."""
    meeting.record(meeting.start_item(item_id))
    meeting.clock.advance(seconds)
    return meeting


def asked(command) -> AskAgain:
    with pytest.raises(AskAgain) as raised:
        command()
    return raised.value


# -- `]` asks before it loses anything -----------------------------------------------------

def test_two_quick_presses_do_not_lose_the_lunch_break() -> None:
    """As tried: `]` with requests waiting asks; the second press opens the break; a third
    press right after it asks again, naming the break's time, instead of ending it."""
    meeting = at(two_days(), "qa")
    ask(meeting, "TR", "question")
    question = asked(meeting.move_on)
    assert str(question) == "1 request waiting (Türkiye)"
    assert question.then == "finish the item and open “Coffee break”"
    meeting.record(meeting.move_on(question.action))
    assert meeting.current_item().id == "coffee"
    again = asked(meeting.move_on)  # the second of two quick presses
    assert str(again) == "“Coffee break” has 30 min left; “Coffee break” opened 0 s ago"
    assert again.then == "end the break and open “Closing discussion”"
    meeting.clock.advance(600)
    later = asked(meeting.move_on)
    assert str(later) == "“Coffee break” has 20 min left"
    meeting.record(meeting.move_on(later.action))
    assert meeting.current_item().id == "closing"


def test_a_break_over_its_time_and_an_item_opened_a_while_ago_leave_at_once() -> None:
    meeting = at(two_days(), "coffee", 30 * 60)
    meeting.record(meeting.move_on())
    assert meeting.current_item().id == "closing"
    meeting.clock.advance(5)
    meeting.record(meeting.go_back())  # five seconds on: no longer "just opened"
    assert meeting.current_item().id == "coffee"


def test_a_confirmation_answers_one_question_only() -> None:
    meeting = at(two_days(), "debate")
    ask(meeting, "TR")
    first = asked(meeting.move_on)
    assert first.action != asked(meeting.go_back).action  # another question, another answer
    with pytest.raises(AskAgain):
        meeting.go_back(first.action)
    meeting.record(meeting.finish_item())
    meeting.record(meeting.start_item("debate"))  # the item opened again: a new question
    meeting.clock.advance(60)
    ask(meeting, "AT")
    with pytest.raises(AskAgain):
        meeting.move_on(first.action)


def test_the_speaker_and_the_scheduled_speakers_are_named() -> None:
    meeting = at(two_days(), "opening")
    meeting.record(meeting.give_floor())
    assert meeting.leaving_losses() == [
        "Anna Keynote holds the floor", "1 scheduled speaker not heard (Ben Panel)"]


# -- the end of a day ------------------------------------------------------------------------

def test_the_last_item_of_a_day_asks_and_offers_the_next_mornings_first_session() -> None:
    meeting = at(two_days(), "closing")
    ending = meeting.end_of_day()
    assert ending is not None and ending.item_id == "panel-2"
    assert (ending.day, ending.next_day) == (date(2026, 12, 10), date(2026, 12, 11))
    assert ending.until == datetime(2026, 12, 11, 8, 30, tzinfo=UTC)  # 09:30 in Vienna
    question = asked(meeting.move_on)
    assert str(question) == "“Closing discussion” is the last item of Thursday 10 December"
    assert question.then == ("open “Panel presentations” of Friday 11 December now, without "
                             "adjourning")
    assert at(two_days(), "debate").end_of_day() is None


def test_a_day_adjourned_and_the_next_morning_resumed_by_the_same_key() -> None:
    meeting = at(two_days(), "closing")
    ask(meeting, "TR")
    meeting.record(meeting.give_floor())
    ask(meeting, "AT")
    meeting.clock.advance(90)
    adjourned = meeting.record(meeting.adjourn())
    assert meeting.describe(adjourned) == (
        "Finished “Closing discussion” (1 waiting request dropped: Austria); adjourned the "
        "meeting until Friday 09:30")
    now = meeting.now()
    current = meeting.adjournment()
    assert current is not None and current.adjourned_at == now
    assert current.until == datetime(2026, 12, 11, 8, 30, tzinfo=UTC)
    assert (current.session_id, current.item_id) == ("s2", "closing")
    assert meeting.current_item() is None and meeting.floor() is None
    assert meeting.log()[-1].ended_at == now
    for command, says in ((meeting.give_floor, "Open an agenda item first"),
                          (lambda: meeting.start_item("panel-2"), "adjourned until Friday"),
                          (meeting.go_back, "adjourned until Friday"),
                          (meeting.suspend_sitting, "adjourned until Friday"),
                          (meeting.adjourn, "adjourned until Friday 09:30: ] resumes it")):
        with pytest.raises(Refused, match=says):
            command()
    # The evening: `]` asks before it opens the next day's session.
    question = asked(meeting.move_on)
    assert str(question) == "The meeting is adjourned until Friday 09:30"
    assert question.then == "resume it now and open “Panel presentations”"
    # The next morning, ten minutes early: `]` resumes at once.
    meeting.clock.set(datetime(2026, 12, 11, 8, 20, tzinfo=UTC))
    resumed = meeting.record(meeting.move_on())
    assert meeting.describe(resumed) == ("Resumed the meeting; opened “Panel presentations”")
    assert meeting.current_item().id == "panel-2" and meeting.adjournment() is None
    assert meeting.adjournments()[0].resumed_at == meeting.now()
    # The resumption and the adjournment are undone like the floor's actions.
    meeting.record(meeting.undo())
    assert meeting.adjournment() is not None and meeting.current_item() is None
    meeting.record(meeting.undo())
    assert meeting.adjournment() is None and meeting.current_item().id == "closing"


def test_a_meeting_adjourns_until_the_time_the_chair_says_and_never_into_the_past() -> None:
    meeting = at(two_days(), "closing")
    with pytest.raises(Refused, match="later time than now"):
        meeting.adjourn(START - timedelta(hours=1))
    until = read_moment("friday 10:15", meeting.now(), VIENNA)
    meeting.record(meeting.adjourn(until))
    assert meeting.adjournment().until == datetime(2026, 12, 11, 9, 15, tzinfo=UTC)
    # A confirmed early resumption (the second press).
    meeting.record(meeting.move_on(asked(meeting.move_on).action))
    assert meeting.current_item().id == "panel-2"


def test_the_last_item_of_the_agenda_asks_and_then_finishes() -> None:
    meeting = two_days()
    for _, item in meeting.agenda.items()[:-1]:
        meeting.record(meeting.skip_item(item.id))
    at(meeting, "debate-2")
    question = asked(meeting.move_on)
    assert str(question) == "“Discussion” is the last item of the agenda"
    meeting.record(meeting.move_on(question.action))
    assert meeting.current_item() is None
    with pytest.raises(Refused, match="No item is left"):
        meeting.move_on()


# -- breaks and suspensions with a time --------------------------------------------------------

def test_plus_minus_and_equals_act_on_the_breaks_end() -> None:
    meeting = at(two_days(), "coffee", 60)
    opened = meeting.break_view().started_at
    assert meeting.break_view().resumes_at == opened + timedelta(minutes=30)
    timed = meeting.record(meeting.adjust_break(300))
    assert meeting.break_view().resumes_at == opened + timedelta(minutes=35)
    assert meeting.describe(timed) == "“Coffee break” ends at 09:35: the meeting resumes then"
    assert meeting.forecast().projected_item_end == opened + timedelta(minutes=35)
    meeting.record(meeting.set_break_end(read_moment("10:45", meeting.now(), VIENNA)))
    assert meeting.break_view().resumes_at == datetime(2026, 12, 10, 9, 45, tzinfo=UTC)
    meeting.record(meeting.adjust_break(-7200))  # never before now
    assert meeting.break_view().resumes_at == meeting.now()
    with pytest.raises(Refused, match="already up"):
        meeting.adjust_break(-300)
    meeting.clock.advance(600)
    meeting.record(meeting.adjust_break(300))  # five more minutes, from now
    assert meeting.break_view().resumes_at == meeting.now() + timedelta(minutes=5)
    meeting.record(meeting.undo())
    assert meeting.break_view().remaining < 0
    with pytest.raises(Refused, match="No break"):
        at(two_days(), "debate").adjust_break(300)


def test_a_suspension_says_when_the_sitting_resumes_and_it_can_change() -> None:
    meeting = at(two_days(), "debate")
    resumes = read_moment("15:00", meeting.now(), VIENNA)
    suspended = meeting.record(meeting.suspend_sitting(resumes))
    assert meeting.describe(suspended) == "Suspended the sitting until 15:00"
    assert meeting.suspended_since().resumes_at == resumes
    meeting.record(meeting.adjust_resumption(300))
    assert meeting.suspended_since().resumes_at == resumes + timedelta(minutes=5)
    changed = meeting.record(meeting.set_resumption(read_moment("14:30", meeting.now(), VIENNA)))
    assert meeting.describe(changed) == "The sitting resumes at 14:30"
    meeting.record(meeting.set_resumption(None))
    assert meeting.suspended_since().resumes_at is None
    with pytest.raises(Refused, match="= sets one"):
        meeting.adjust_resumption(300)
    meeting.record(meeting.resume_sitting())
    assert meeting.suspensions()[0].resumes_at is None
    with pytest.raises(Refused, match="not suspended"):
        meeting.set_resumption(resumes)
    with pytest.raises(Refused, match="later than now"):
        meeting.suspend_sitting(START)


# -- requests during a break -----------------------------------------------------------------

def test_requests_made_during_a_break_wait_for_the_item_after_it() -> None:
    meeting = at(two_days(), "coffee", 120)
    made = meeting.record(meeting.request_floor("TR"))
    assert meeting.describe(made) == ("Türkiye asked for the floor (statement) on “Closing "
                                      "discussion”, after the break")
    ask(meeting, "AT")
    assert whos(meeting) == ["TR", "AT"]
    assert {r.item_id for r in meeting.queue()} == {"closing"}
    # The list's expected times start when the meeting resumes.
    with pytest.raises(Refused, match="“Coffee break” is in progress"):
        meeting.give_floor()
    assert meeting.leaving_losses() == ["“Coffee break” has 28 min left"]  # nobody is lost
    meeting.clock.advance(30 * 60)
    meeting.record(meeting.move_on())
    assert meeting.current_item().id == "closing" and whos(meeting) == ["TR", "AT"]
    meeting.record(meeting.give_floor())
    assert meeting.floor().who == "TR"


def test_requests_for_an_item_that_does_not_open_next_are_dropped() -> None:
    meeting = at(two_days(), "coffee")
    ask(meeting, "TR")
    opened = meeting.record(meeting.start_item("debate"))
    assert "1 waiting request dropped: Türkiye" in meeting.describe(opened)
    assert meeting.queue() == [] and [r.who for r in meeting.dropped()] == ["TR"]


# -- a request corrected -----------------------------------------------------------------------

def test_a_guest_is_renamed_and_then_matched_to_the_roster_in_its_place() -> None:
    meeting = at(two_days(), "debate")
    ask(meeting, "TR")
    guest = ask(meeting, None, guest="unodc")
    ask(meeting, "AT")
    corrected = meeting.record(meeting.correct_request(guest, None, guest="UNODC"))
    assert meeting.describe(corrected) == "Corrected unodc: now UNODC (statement)"
    assert [r.guest for r in meeting.queue()] == [None, "UNODC", None]
    meeting.record(meeting.correct_request(guest, "UNOCT"))
    assert whos(meeting) == ["TR", "UNOCT", "AT"]
    assert meeting.queue()[1].guest is None
    with pytest.raises(Refused, match="stays as it is"):
        meeting.correct_request(guest, "UNOCT")
    with pytest.raises(Refused, match="already on the list"):
        meeting.correct_request(guest, "AT")
    meeting.record(meeting.undo())
    assert meeting.queue()[1].guest == "UNODC"


def test_a_corrected_kind_takes_its_kinds_place_and_the_group_is_checked() -> None:
    meeting = at(two_days(), "debate")
    first = ask(meeting, "TR")
    ask(meeting, "AT")
    meeting.record(meeting.correct_request(first, "TR", InterventionKind.RIGHT_OF_REPLY))
    assert [(r.who, r.kind) for r in meeting.queue()] == [
        ("AT", InterventionKind.STATEMENT), ("TR", InterventionKind.RIGHT_OF_REPLY)]
    meeting.record(meeting.correct_request(first, "TR", InterventionKind.POINT_OF_ORDER))
    assert whos(meeting) == ["TR", "AT"]
    with pytest.raises(Refused, match="not a member of European Union"):
        meeting.correct_request(first, "TR", on_behalf="EU")
    dk = ask(meeting, "DK")
    meeting.record(meeting.correct_request(dk, "DK", on_behalf="EU", alignment=("AL",)))
    assert meeting.label_of(meeting.queue()[-1]).startswith("Denmark-European Union")
    scheduled = at(two_days(), "opening").queue()[0]
    with pytest.raises(Refused, match="comes from the agenda"):
        at(two_days(), "opening").correct_request(scheduled.id, "TR")


# -- a note's revision restored ----------------------------------------------------------------

def test_an_old_revision_is_restored_as_a_new_revision() -> None:
    meeting = at(two_days(), "debate")
    note = meeting.record(meeting.add_note("First text"))[0]["note"]
    meeting.record(meeting.edit_note(note, "Second text"))
    meeting.record(meeting.restore_revision(note, 1))
    restored = meeting.note(note)
    assert restored.text == "First text"
    assert [r.text for r in restored.history] == ["First text", "Second text"]
    with pytest.raises(Refused, match="already"):
        meeting.restore_revision(note, 3)
    with pytest.raises(Refused, match="no version 9"):
        meeting.restore_revision(note, 9)


# -- the moments the chair types -------------------------------------------------------------

def test_moments_are_typed_as_a_chair_says_them() -> None:
    now = datetime(2026, 12, 10, 16, 0, tzinfo=UTC)  # Thursday 17:00 in Vienna

    def local(text: str, **options: bool) -> str:
        return words_of(read_moment(text, now, VIENNA, **options), now, VIENNA)

    assert local("18:30") == "18:30"
    assert local("9.30") == "Friday 09:30"  # already past today: tomorrow
    assert local("friday 9:30") == local("Fri 09:30") == "Friday 09:30"
    assert local("thursday 9:00") == "Thursday 17 December, 09:00"
    assert local("2026-12-14 10:00") == "Monday 10:00"
    assert local("15.12. 10:00") == "Tuesday 10:00"
    assert local("tomorrow 8h") == "Friday 08:00"
    assert local("20", minutes=True) == "17:20"
    for bad, says in (("noon", "not a time"), ("someday 10:00", "not a day"),
                      ("today 9:00", "already past"), ("25:00", "not a time"), ("", "Type")):
        with pytest.raises(Refused, match=says):
            read_moment(bad, now, VIENNA)


# -- the new events, stored and read back --------------------------------------------------------

def test_the_new_event_types_read_back_what_they_wrote() -> None:
    for event in (MeetingAdjourned("2026-12-11T08:30:00+00:00", "s2", "closing"),
                  MeetingResumed(), BreakTimed("coffee", 2100),
                  ResumptionSet("2026-12-10T14:00:00+00:00"), ResumptionSet(None),
                  RequestCorrected("r1", "statement", None, "UNODC", None, ())):
        stored = json.loads(json.dumps({"id": "e", "at": START.isoformat(), **event.to_dict()}))
        assert read_event(stored) == event
