"""The official record: documents, suspensions of the sitting, decisions, sub-items."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from moderator.core import Meeting, Refused, load_agenda
from moderator.core.documents import parse_documents
from tests.core.conftest import ask
from tests.core.loading.samples import AGENDA, changed, problems_of

# --- documents ---------------------------------------------------------------------------


def test_note_doc_tags_name_documents() -> None:
    text = "Circulated #doc PC.DEL/445/12 and #doc: PC.DEL/925/20 OSCE+, see #doc PC.DEL/445/12."
    assert parse_documents(text) == ("PC.DEL/445/12", "PC.DEL/925/20 OSCE+")
    assert parse_documents("no#doc X, #document Y") == ()


def test_documents_attach_to_the_speaker_and_come_from_notes(debate: Meeting, clock) -> None:
    ask(debate, "US")
    debate.record(debate.give_floor())
    us = debate.floor().id
    debate.record(debate.attach_document("PC.DEL/447/12"))
    debate.record(debate.add_note("The US circulated a paper #doc PC.DEL/448/12"))
    assert debate.documents(us) == ("PC.DEL/447/12", "PC.DEL/448/12")
    with pytest.raises(Refused, match="already attached"):
        debate.attach_document("PC.DEL/447/12")
    # The dialog sets the whole list: only the difference is recorded.
    events = debate.set_documents(["PC.DEL/449/12"], intervention_id=us)
    assert [(e["type"], e["symbol"]) for e in events] == [
        ("document.removed", "PC.DEL/447/12"), ("document.attached", "PC.DEL/449/12")]
    debate.record(events)
    assert debate.documents(us) == ("PC.DEL/449/12", "PC.DEL/448/12")
    # A note on the item as a whole names a document of the item.
    debate.record(debate.add_note("#doc PC.DEL/450/12", intervention_id=None))
    assert debate.item_documents("debate") == ("PC.DEL/450/12",)


def test_two_consoles_attaching_at_once_keep_both(debate: Meeting) -> None:
    ask(debate, "US")
    debate.record(debate.give_floor())
    chair = debate.set_documents(["A/1"])
    rapporteur = debate.set_documents(["B/2"])
    debate.record(chair + rapporteur)
    assert debate.documents(debate.floor().id) == ("A/1", "B/2")


@pytest.mark.parametrize("symbol, reason", [
    ("", "needs its symbol"), ("PC.DEL/1\u202e", "U+202E"), ("A,B", "','"), ("X" * 81, "at most 80"),
    ("PC.DEL/(1)", "'('"),
])
def test_bad_symbols_are_refused(debate: Meeting, symbol: str, reason: str) -> None:
    ask(debate, "US")
    debate.record(debate.give_floor())
    with pytest.raises(Refused, match=re.escape(reason)):
        debate.attach_document(symbol)


def test_documents_need_a_speaker(debate: Meeting) -> None:
    with pytest.raises(Refused, match="Nobody has spoken yet"):
        debate.attach_document("PC.DEL/1/26")


# --- the sitting -------------------------------------------------------------------------


def test_a_suspension_pauses_the_speaker_and_the_items_time(debate: Meeting, clock) -> None:
    ask(debate, "US")
    debate.record(debate.give_floor())
    clock.advance(60)
    events = debate.record(debate.suspend_sitting())
    assert [e["type"] for e in events] == ["timer.paused", "sitting.suspended"]
    assert debate.describe(events) == "Suspended the sitting (United States of America's timer paused)"
    clock.advance(2 * 3600)  # lunch
    timer = debate.timer()
    assert (timer.elapsed, timer.running) == (60, False)
    assert debate.forecast().status.startswith("sitting suspended; running")
    item = next(f for f in debate.forecast().items if f.item_id == "debate")
    assert item.actual_minutes == 1.0
    for command in (debate.give_floor, debate.toggle_timer, debate.next_item):
        with pytest.raises(Refused, match="The sitting is suspended: resume it first"):
            command()
    with pytest.raises(Refused, match="already suspended"):
        debate.suspend_sitting()
    debate.record(debate.resume_sitting())
    assert debate.describe(debate.state and debate.events[-1:]) == "Resumed the sitting"
    clock.advance(30)
    assert debate.timer().running is False  # the chair resumes the speaker with space
    debate.record(debate.toggle_timer())
    clock.advance(30)
    assert debate.timer().elapsed == 90
    item = next(f for f in debate.forecast().items if f.item_id == "debate")
    assert item.actual_minutes == 2.0  # one minute before lunch, one after
    [suspension] = debate.suspensions()
    assert suspension.session_id == "s1" and suspension.item_id == "debate"
    assert (suspension.resumed_at - suspension.suspended_at).total_seconds() == 7200


def test_a_suspension_is_undone_like_a_floor_action(debate: Meeting, clock) -> None:
    debate.record(debate.suspend_sitting())
    assert debate.suspended_since() is not None
    debate.record(debate.undo())
    assert debate.suspended_since() is None and debate.suspensions() == []


def test_nothing_to_suspend_before_the_sitting_opens(meeting: Meeting) -> None:
    with pytest.raises(Refused, match="has not opened yet"):
        meeting.suspend_sitting()
    with pytest.raises(Refused, match="not suspended"):
        meeting.resume_sitting()


# --- decisions ---------------------------------------------------------------------------


def test_a_decision_with_interpretative_statements(debate: Meeting) -> None:
    events = debate.adopt_decision("on the 2027 budget", number="1041", symbol="PC.DEC/1041",
                                   statements=("US", ("DK", "EU")))
    debate.record(events)
    [decision] = debate.decisions("debate")
    assert (decision.number, decision.symbol, decision.text) == ("1041", "PC.DEC/1041", "on the 2027 budget")
    assert [(s.who, s.on_behalf) for s in decision.statements] == [("US", None), ("DK", "EU")]
    debate.record(debate.remove_statement(decision.id, decision.statements[0].id))
    assert [s.who for s in debate.decisions()[0].statements] == ["DK"]
    debate.record(debate.attach_statement(decision.id, "AL"))
    assert [s.who for s in debate.decisions()[0].statements] == ["DK", "AL"]
    debate.record(debate.remove_decision(decision.id))
    assert debate.decisions() == []
    debate.record(debate.undo()) if debate.can_undo() else None
    assert debate.decisions() == []  # not a floor action: undo never brings it back


def test_decisions_refuse_what_the_journal_cannot_print(debate: Meeting, meeting: Meeting) -> None:
    with pytest.raises(Refused, match="number, its symbol or what it is on"):
        debate.adopt_decision("  ")
    with pytest.raises(Refused, match="not a delegation"):
        debate.adopt_decision("x", statements=("nobody",))
    with pytest.raises(Refused, match="line break"):
        debate.adopt_decision("x", number="10\n41")


def test_decisions_are_not_folded_for_an_unknown_item(debate: Meeting) -> None:
    [event] = debate.adopt_decision("on x")
    event["item_id"] = "no-such-item"
    debate.record([event])
    assert debate.decisions() == []


# --- sub-items ---------------------------------------------------------------------------

SUBITEMS = """\
      - id: current-issues
        title: Review of current issues
        subitems:
          - id: ci-ukraine
            title: Situation in Ukraine
            kind: discussion
            minutes: 20
          - id: ci-elections
            title: Elections
            kind: discussion
            minutes: 10
            speakers: [chair]
"""


def test_sub_items_are_lettered_items_with_their_own_lists(tmp_path: Path) -> None:
    agenda = changed(AGENDA, "    items:\n      - id: close\n", "    items:\n" + SUBITEMS + "      - id: close\n")
    (tmp_path / "agenda.yaml").write_text(agenda)
    loaded = load_agenda(tmp_path / "agenda.yaml")
    closing = loaded.sessions[1]
    assert [(i.id, i.parent, i.letter) for i in closing.items] == [
        ("ci-ukraine", "current-issues", "a"), ("ci-elections", "current-issues", "b"), ("close", None, "")]
    assert closing.items[1].heading == "Review of current issues: (b) Elections"
    assert [s.ref for s in closing.items[1].speakers] == ["chair"]


def test_sub_item_errors(tmp_path: Path) -> None:
    bad = SUBITEMS.replace("        subitems:\n", "        minutes: 30\n        subitems:\n")
    bad = bad.replace("id: ci-elections", "id: current-issues")
    agenda = changed(AGENDA, "    items:\n      - id: close\n", "    items:\n" + bad + "      - id: close\n")
    messages = [str(p) for p in problems_of(tmp_path, agenda)]
    assert any(":34:18: item 'current-issues' has sub-items: give 'minutes' to each sub-item" in m
               for m in messages), messages
    assert any("duplicate item id 'current-issues'" in m for m in messages), messages
