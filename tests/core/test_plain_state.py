"""The folded state as plain values and back (`core/plain_state.py`): every class the fold
writes, every field, and nothing but the core's own classes built from what is read."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta

import pytest

from moderator.core import AskAgain, FakeClock, Meeting
from moderator.core.model import InterventionKind as K
from moderator.core.model import RequestMode
from moderator.core.plain_state import (
    EXTENSIONS,
    NOTE,
    RECORD,
    TABLES,
    TEXT,
    Table,
    plain_state,
    state_from_plain,
)
from moderator.core.state import MeetingState
from tests.helpers.views import every_view
from tests.reliability.scenario import START, seminar


def a_meeting_with_everything() -> tuple[Meeting, FakeClock]:
    """A meeting whose state holds every kind of record: the scheduled speakers heard, requests
    waiting and dropped, a speaker suspended by a point of order, a limit set, a closed list,
    notes edited, moved and deleted, documents, decisions with statements (one removed), a
    suspension, a message on the podium, a break made longer, an adjournment (and the resumption
    after it), a suspension with the time it resumes, requests from a delegation's link (pending,
    declined, accepted), a later item's list opened ahead of time, a delegation following
    remotely."""
    clock = FakeClock(START)
    agenda, roster = seminar()
    # Requests from the delegations' links wait for the chair's approval.
    agenda = dataclasses.replace(agenda, defaults=dataclasses.replace(
        agenda.defaults, requests=RequestMode.APPROVE))
    meeting = Meeting(agenda, roster, clock)

    def do(events: list[dict], seconds: float = 5) -> None:
        meeting.apply_all(events)
        clock.advance(seconds)

    do(meeting.start_item("opening-welcome"))
    do(meeting.give_floor(), 60)  # a scheduled speaker
    do(meeting.request_floor("AT"))
    do(meeting.finish_item())  # AT's request is dropped with the item
    do(meeting.start_item("coffee-1-break"))
    do(meeting.adjust_break(300))
    do(meeting.adjourn(clock.now() + timedelta(hours=1)), 600)
    with pytest.raises(AskAgain) as early:  # before the time said: a second press
        meeting.resume_meeting()
    do(meeting.resume_meeting(early.value.action))
    do(meeting.start_item("s1-discussion"))
    do(meeting.set_item_limit(150))
    do(meeting.request_floor("DK", K.STATEMENT, on_behalf="EU", alignment=("AL", "GE")))
    do(meeting.request_floor(None, K.STATEMENT, guest="Jean Dupont (NGO)"))
    do(meeting.give_floor(), 40)
    do(meeting.toggle_timer(), 10)
    do(meeting.toggle_timer(), 10)
    do(meeting.adjust_time(30))
    do(meeting.add_note("Shares threat assessments #rec #doc PC.DEL/445/12"))
    first = meeting.notes()[-1].id
    do(meeting.edit_note(first, "Shares threat assessments, edited #rec"))
    do(meeting.add_note("A second note"))
    do(meeting.delete_note(meeting.notes()[-1].id))
    do(meeting.attach_document("PC.DEL/447/12"))
    do(meeting.request_floor("FR", K.POINT_OF_ORDER))
    do(meeting.give_floor(), 20)  # DK is suspended, FR holds the floor
    do(meeting.send_podium_message("Please conclude"))
    do(meeting.adopt_decision("on the extension of the mandate", number="1041",
                              symbol="PC.DEC/1041", statements=("TR", ("IT", "EU"))))
    decision = meeting.decisions()[-1]
    do(meeting.remove_statement(decision.id, decision.statements[0].id))
    do(meeting.adopt_decision("on a second matter"))
    do(meeting.remove_decision(meeting.decisions()[-1].id))
    do(meeting.request_floor("BE"))
    do(meeting.mark_remote("TR"))
    do(meeting.request_ahead("s2-discussion", "TR"))
    for number, who in enumerate(("HU", "SK", "SI")):
        do(meeting.ask_floor(who, f"asked-{number:04d}", K.RIGHT_OF_REPLY, source=f"link:{who}"))
    do(meeting.decline_request("Later, please"))  # HU's
    do(meeting.accept_request())  # SK's; SI's still awaits the chair
    do(meeting.close_list())
    do(meeting.suspend_sitting(), 300)
    do(meeting.resume_sitting(), 10)
    do(meeting.suspend_sitting(clock.now() + timedelta(minutes=20)), 30)
    return meeting, clock


def test_every_table_is_its_class_field_for_field() -> None:
    for table in TABLES:
        kind = table.kind  # a dataclass, or a named tuple (steady.Anchor)
        names = getattr(kind, "_fields", None) or tuple(f.name for f in dataclasses.fields(kind))
        assert table.fields == names, kind


def test_records_filled_a_column_at_a_time_equal_the_class_called_for_each() -> None:
    """Every table but the named tuple's makes its records empty and fills their slots; what it
    makes is what calling the class makes, field for field, for every record of a full state."""
    plain = json.loads(json.dumps(plain_state(a_meeting_with_everything()[0].state)))
    quick = [t for t in TABLES if t._setters is not None]
    assert {t.kind.__name__ for t in TABLES} - {t.kind.__name__ for t in quick} == {"Anchor"}
    for table, saved in ((RECORD, plain["log"]), (NOTE, plain["extensions"]["notes"])):
        values = [column.decode(p, len(saved[0]))
                  for (_, column), p in zip(table.columns, saved, strict=True)]
        called = list(map(table.kind, *values))
        made = table.decode(saved)
        assert len(made) == len(called) > 1
        for a, b in zip(made, called, strict=True):
            assert type(a) is table.kind
            assert [getattr(a, f) for f in table.fields] == [getattr(b, f) for f in table.fields]
            assert a == b


def test_a_class_with_its_own_init_work_is_called_for_each_record() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        name: str

        def __post_init__(self) -> None:
            if not self.name:
                raise ValueError("no name")

    table = Table(Checked, ("name", TEXT))
    assert table._setters is None
    assert table.decode([["a"]]) == [Checked("a")]
    with pytest.raises(ValueError, match="no name"):
        table.decode([["a", ""]])


def test_every_field_of_the_state_is_saved() -> None:
    assert set(plain_state(MeetingState())) == {f.name for f in dataclasses.fields(MeetingState)}


def test_the_state_comes_back_equal_through_json() -> None:
    meeting, clock = a_meeting_with_everything()
    state = meeting.state
    assert set(state.extensions) == set(EXTENSIONS)  # every extension is in this meeting
    assert state.floor is not None and state.suspended is not None and state.dropped
    assert state.item_limits and state.closed and state.scheduled_done and state.waiting
    assert any(n.history for n in meeting.notes(include_deleted=True))
    assert meeting.adjournments()[0].resumed_at is not None
    assert meeting.suspended_since().resumes_at is not None
    text = json.dumps(plain_state(state))
    back = state_from_plain(json.loads(text))
    assert back == state
    assert back.anchor == state.anchor
    # The live records are the log's own, as the fold keeps them.
    assert back.floor is back.log[-1]
    assert any(back.suspended is r for r in back.log)
    copy = Meeting(meeting.agenda, meeting.roster, clock)
    copy.state = back
    assert every_view(copy, clock.now()) == every_view(meeting, clock.now())
    assert json.dumps(plain_state(back)) == text


@pytest.mark.parametrize("damage", [
    lambda p: p["log"][0].__setitem__(0, [{"__class__": "os.system"}]),  # an object for an id
    lambda p: p["log"][5].__setitem__(0, "not-a-kind"),  # the kinds column
    lambda p: p["log"].pop(),  # a column missing
    lambda p: p["log"][9].__setitem__(0, 12),  # a number for a time
    lambda p: p["extensions"]["notes"][2].__setitem__(0, "tags"),  # text for a list of tags
    lambda p: p["extensions"].__setitem__("poll", []),  # an extension nobody declared
    lambda p: p.__setitem__("floor", 999),  # a live record outside the log
    lambda p: p["statuses"].__setitem__("s1-discussion", "finished?"),
])
def test_a_value_of_the_wrong_shape_is_refused(damage) -> None:
    meeting, _ = a_meeting_with_everything()
    plain = json.loads(json.dumps(plain_state(meeting.state)))
    damage(plain)
    with pytest.raises((ValueError, TypeError, KeyError, IndexError)):
        state_from_plain(plain)


def test_only_the_declared_classes_are_built() -> None:
    """What a saved state can make: the tables' classes, the extensions', the state itself,
    and the values JSON and the columns give (text, numbers, times, kinds, tuples)."""
    built = {t.kind for t in TABLES} | {spec[0] for spec in EXTENSIONS.values()} | {MeetingState}
    meeting, _ = a_meeting_with_everything()
    back = state_from_plain(json.loads(json.dumps(plain_state(meeting.state))))
    found: set[type] = set()

    def walk(value: object) -> None:
        found.add(type(value))
        if isinstance(value, dict):
            for k, v in value.items():
                walk(k)
                walk(v)
        elif isinstance(value, list | tuple | set | frozenset):
            for v in value:
                walk(v)
        elif dataclasses.is_dataclass(value):
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))
        elif hasattr(value, "by_id"):  # the note book
            walk(value.by_id)

    walk(back)
    plain_values = {str, int, float, bool, type(None), list, tuple, set, frozenset, dict}
    from datetime import datetime

    from moderator.core.model import InterventionKind
    from moderator.core.request_desk import Asked
    from moderator.core.views import ItemStatus
    assert found - plain_values - built <= {datetime, InterventionKind, ItemStatus, Asked}
    assert NOTE.kind in found and RECORD.kind in found
