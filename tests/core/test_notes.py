"""The rapporteur's notes: stamping, tags, edit history, soft delete, move, search, the fold."""

from __future__ import annotations

import pytest

from moderator.core import FakeClock, Meeting, NoteTarget, Refused
from moderator.core.fold import is_floor_event
from moderator.core.identity import new_console
from moderator.core.model import (
    InterventionKind,
)
from moderator.core.notes import EditConflict, NoteAdded, NoteEdited, NoteTag, parse_tags
from tests.core.conftest import make_meeting


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def meeting(clock: FakeClock) -> Meeting:
    """Item "debate" under way; Türkiye holds the floor, Austria waits."""
    m = make_meeting(clock)
    m.record(m.start_item("debate"))
    m.record(m.request_floor("TR"))
    m.record(m.request_floor("AT"))
    m.record(m.give_floor())
    clock.advance(30)
    return m


def test_parse_tags_lower_cases_and_keeps_first_order():
    assert parse_tags("#rec #Action #free-tag and #rec again") == ("rec", "action", "free-tag")
    assert parse_tags("issue#12 is not a tag; (#quote) is") == ("quote",)
    assert NoteTag.DECISION == "decision"


def test_a_note_is_stamped_with_the_intervention_in_progress(meeting, clock):
    speaker = meeting.floor()
    [event] = meeting.record(meeting.add_note("Stresses PPPs #rec"))
    [note] = meeting.notes("debate")
    assert (note.session_id, note.item_id, note.intervention_id) == ("s1", "debate", speaker.id)
    assert note.created_at == clock.now() and note.role == "rapporteur"
    assert note.tags == ("rec",)
    assert event["type"] == "note.added" and event["role"] == "rapporteur"
    assert meeting.notes_for(speaker.id) == [note]
    assert meeting.intervention(speaker.id) == speaker


def test_with_nobody_on_the_floor_a_note_is_on_the_item_as_a_whole(meeting):
    meeting.record(meeting.give_floor())  # Austria; Türkiye ends
    meeting.record(meeting.finish_intervention())
    assert meeting.floor() is None
    assert meeting.note_target() == NoteTarget("debate", None)
    meeting.record(meeting.add_note("Summing up the round"))
    # Never silently the last speaker's: the item as a whole.
    assert [(n.item_id, n.intervention_id) for n in meeting.notes()] == [("debate", None)]


def test_a_note_begun_during_austria_and_saved_after_norway_has_the_floor_is_austrias(
        meeting, clock):
    meeting.record(meeting.give_floor())  # Austria speaks
    austria = meeting.floor()
    target = meeting.note_target()  # the first keystroke: "Austria: supp..."
    assert target == NoteTarget("debate", austria.id)
    meeting.record(meeting.request_floor("DE"))
    meeting.record(meeting.give_floor())  # Germany has the floor when ctrl+s is pressed
    clock.advance(20)
    meeting.record(meeting.add_note("Austria: supports PPP", intervention_id=target.intervention_id,
                                    item_id=target.item_id))
    [note] = meeting.notes()
    assert note.intervention_id == austria.id and meeting.notes_for(austria.id) == [note]
    # Across `]` too: the note stays on the item and the speaker it was begun under.
    target = meeting.note_target()
    meeting.record(meeting.next_item())
    meeting.record(meeting.add_note("Germany: against", intervention_id=target.intervention_id,
                                    item_id=target.item_id))
    assert meeting.notes()[1].item_id == "debate"


def test_a_note_can_go_on_the_item_as_a_whole_or_on_another_intervention(meeting):
    first = meeting.floor()
    meeting.record(meeting.give_floor())
    meeting.record(meeting.add_note("General remark", intervention_id=None))
    meeting.record(meeting.add_note("Late note on Türkiye", intervention_id=first.id))
    whole, late = meeting.notes("debate")
    assert (whole.item_id, whole.intervention_id) == ("debate", None)
    assert late.intervention_id == first.id


def test_before_any_item_a_note_has_no_stamp_and_empty_text_is_refused(clock):
    m = make_meeting(clock)
    m.record(m.add_note("Before the opening"))
    [note] = m.notes()
    assert (note.item_id, note.intervention_id) == (None, None)
    with pytest.raises(Refused, match="text"):
        m.add_note("   \n ")
    assert len(m.notes()) == 1


def test_edit_keeps_the_previous_text_who_replaced_it_and_when(meeting, clock):
    meeting.record(meeting.add_note("First draft #quote"))
    note_id = meeting.notes()[0].id
    clock.advance(60)
    moderator = Meeting(meeting.agenda, meeting.roster, clock, role="moderator")
    moderator.apply_all(meeting.events)
    events = moderator.edit_note(note_id, "Second text #rec")
    meeting.record(events)
    [note] = meeting.notes()
    assert note.text == "Second text #rec" and note.tags == ("rec",)
    [revision] = note.history
    assert (revision.text, revision.at, revision.role) == ("First draft #quote", clock.now(),
                                                            "moderator")
    assert note.updated_at == clock.now() and note.created_at < note.updated_at
    assert meeting.edit_note(note_id, "Second text #rec") == []  # nothing changed


def test_soft_delete_hides_the_note_and_restore_brings_it_back(meeting):
    meeting.record(meeting.add_note("Oops"))
    note_id = meeting.notes()[0].id
    meeting.record(meeting.delete_note(note_id))
    assert meeting.notes() == []
    assert meeting.notes_for(meeting.floor().id) == []
    assert meeting.search_notes("oops") == []
    [hidden] = meeting.notes(include_deleted=True)
    assert hidden.deleted and hidden.text == "Oops"
    with pytest.raises(Refused):
        meeting.delete_note(note_id)
    meeting.record(meeting.restore_note(note_id))
    assert [n.text for n in meeting.notes()] == ["Oops"]
    with pytest.raises(Refused):
        meeting.restore_note(note_id)


def test_undo_of_the_floor_never_takes_back_a_note(meeting):
    meeting.record(meeting.add_note("Kept"))
    meeting.record(meeting.undo())  # takes back the floor given to Türkiye
    assert [n.text for n in meeting.notes()] == ["Kept"]


def test_move_to_another_intervention_and_to_another_item(meeting):
    first = meeting.floor()
    meeting.record(meeting.give_floor())
    second = meeting.floor()
    meeting.record(meeting.add_note("Belongs to Türkiye"))
    note_id = meeting.notes()[0].id
    assert meeting.notes()[0].intervention_id == second.id
    meeting.record(meeting.move_note(note_id, first.id))
    assert meeting.notes_for(first.id)[0].id == note_id
    assert meeting.notes_for(second.id) == []
    meeting.record(meeting.move_note(note_id, None, "opening"))
    note = meeting.notes()[0]
    assert (note.session_id, note.item_id, note.intervention_id) == ("s1", "opening", None)
    with pytest.raises(Refused):
        meeting.move_note(note_id, "no-such-intervention")
    with pytest.raises(Refused):
        meeting.move_note("no-such-note", first.id)


def test_search_by_words_and_tags_ignores_case_and_accents(meeting):
    for text in ["Türkiye: PPPs matter #rec", "Austria on hotels #action #REC",
                 "Germany quotes the minister #quote"]:
        meeting.record(meeting.add_note(text))
    assert [n.text[:7] for n in meeting.search_notes("MÍNISTER")] == ["Germany"]
    assert len(meeting.search_notes("#rec")) == 2
    assert [n.text[:7] for n in meeting.search_notes("#rec HOTELS")] == ["Austria"]
    assert meeting.search_notes("#rec #quote") == []
    assert len(meeting.search_notes("")) == 3


def test_search_finds_the_speaker_the_item_and_the_meaning_of_a_tag(meeting, clock):
    meeting.record(meeting.add_note("Hotels need one contact point #rec"))
    meeting.record(meeting.give_floor())  # Austria
    meeting.record(meeting.add_note("Supports the register #decision"))
    meeting.record(meeting.add_note("On the whole debate", intervention_id=None))
    meeting.record(meeting.add_note("Welcome words", intervention_id=None, item_id="opening"))
    assert [n.text for n in meeting.search_notes("turkiye")] == [
        "Hotels need one contact point #rec"]
    assert [n.text for n in meeting.search_notes("AUSTRIA register")] == [
        "Supports the register #decision"]
    assert meeting.search_notes("austria hotels") == []  # every word must match
    assert [n.text for n in meeting.search_notes("recommendation")] == [
        "Hotels need one contact point #rec"]
    assert len(meeting.search_notes("partnerships")) == 3  # the item's title
    assert [n.text for n in meeting.search_notes("opening")] == ["Welcome words"]
    assert [n.text for n in meeting.search_notes("session 1 welcome")] == ["Welcome words"]
    meeting.record(meeting.delete_note(meeting.search_notes("welcome")[0].id))
    assert meeting.search_notes("opening") == []  # a deleted note is never found


def test_a_deleted_note_cannot_be_edited(meeting):
    meeting.record(meeting.add_note("Draft wording"))
    [note] = meeting.notes()
    meeting.record(meeting.delete_note(note.id))
    with pytest.raises(Refused, match="deleted"):
        meeting.edit_note(note.id, "Draft wording, improved")
    meeting.record(meeting.restore_note(note.id))
    meeting.record(meeting.edit_note(note.id, "Draft wording, improved"))
    assert meeting.note(note.id).text == "Draft wording, improved"


def test_folding_the_same_events_twice_gives_the_same_notes(meeting, clock):
    meeting.record(meeting.add_note("One #rec"))
    note_id = meeting.notes()[0].id
    clock.advance(5)
    meeting.record(meeting.edit_note(note_id, "One, edited"))
    meeting.record(meeting.delete_note(note_id))
    meeting.record(meeting.add_note("Two"))
    before = meeting.notes(include_deleted=True)
    meeting.apply_all(list(meeting.events))  # a process reads back its own events
    assert meeting.notes(include_deleted=True) == before
    replica = make_meeting(clock, role="moderator")
    replica.apply_all(meeting.events + meeting.events)
    assert replica.notes(include_deleted=True) == before
    assert len(before[0].history) == 1


def test_a_point_of_order_note_goes_to_the_point_of_order(meeting):
    speaker = meeting.floor()
    meeting.record(meeting.request_floor("DE", InterventionKind.POINT_OF_ORDER))
    meeting.record(meeting.give_floor())
    point = meeting.floor()
    assert point.id != speaker.id
    meeting.record(meeting.add_note("Germany on procedure"))
    assert meeting.notes()[0].intervention_id == point.id


def test_a_note_on_an_undone_intervention_stays_on_the_item_in_the_export(clock):
    from moderator.export.build import build_summary

    meeting = make_meeting(clock)
    for command in (lambda: meeting.start_item("debate"), lambda: meeting.request_floor("TR"),
                    meeting.give_floor):
        meeting.apply_all(command())
    turkiye = meeting.floor()
    meeting.apply_all(meeting.add_note("Türkiye on hotels"))
    meeting.apply_all(meeting.undo())  # the floor given to Türkiye is taken back
    assert meeting.floor() is None and meeting.intervention(turkiye.id) is None
    [note] = meeting.notes("debate")
    assert note.intervention_id == turkiye.id  # still stamped, never lost
    [session] = build_summary([meeting], clock).sessions
    [item] = [i for i in session.items if i.id == "debate"]
    assert [n.text for n in item.notes] == ["Türkiye on hotels"]
    assert all(not x.notes for x in item.interventions)


def test_reading_the_notes_changes_nothing_in_the_state(clock: FakeClock) -> None:
    # A view that wrote into the state would make two equal meetings compare unequal (the
    # undo rule and the snapshot compare states whole).
    meeting, untouched = make_meeting(clock), make_meeting(clock)
    assert meeting.notes(include_deleted=True) == []
    assert meeting.notes("debate") == [] and meeting.notes_for("nobody") == []
    assert meeting.search_notes("Austria") == [] and meeting.note("n1") is None
    assert meeting.state == untouched.state


# -- edits carry the revision they started from --------------------------------------------

def named(meeting: Meeting, name: str) -> Meeting:
    """Another console on the same record, named `name` (`--console NAME`)."""
    other = Meeting(meeting.agenda, meeting.roster, meeting.clock, role="rapporteur",
                    console=new_console("rapporteur", meeting.clock.now(), name=name))
    other.apply_all(meeting.events)
    return other


def test_an_edit_names_its_base_and_its_author(meeting):
    ann = named(meeting, "Ann")
    [added] = meeting.record(ann.add_note("v1"))
    note = meeting.note(added["note"])
    assert note.revision == added["id"] and note.author == "Ann" and note.version == 1
    bob = named(meeting, "Bob")
    [edited] = bob.edit_note(note.id, "v2", base=note.revision)
    assert edited["base"] == added["id"] and edited["author"] == "Bob" and edited["v"] == 2
    meeting.record([edited])
    note = meeting.note(note.id)
    assert note.revision == edited["id"] and note.version == 2
    assert [(v.number, v.text, v.by, v.current) for v in note.versions()] == [
        (1, "v1", "Ann", False), (2, "v2", "Bob", True)]
    assert note.history[0].revision == added["id"] and note.last_author == "Bob"


def test_an_edit_on_a_text_that_changed_since_is_refused_with_both_texts(meeting):
    [added] = meeting.record(named(meeting, "Ann").add_note("v1"))
    first = added["id"]
    meeting.record(named(meeting, "Bob").edit_note(added["note"], "v2", base=first))
    before = meeting.note(added["note"])
    with pytest.raises(EditConflict) as refused:
        meeting.edit_note(added["note"], "v1 with more", base=first)
    conflict = refused.value
    assert (conflict.mine, conflict.theirs, conflict.by) == ("v1 with more", "v2", "Bob")
    assert conflict.revision == before.revision and "Bob" in str(conflict)
    assert meeting.note(added["note"]) == before  # nothing recorded
    # Saved on what it now shows (keep mine, or a merge), it is an edit like any other.
    meeting.record(meeting.edit_note(added["note"], "v2 and v1 with more", base=conflict.revision))
    assert [v.text for v in meeting.note(added["note"]).versions()] == [
        "v1", "v2", "v2 and v1 with more"]
    # The text it already says is nothing to record, whatever it was written on.
    assert meeting.edit_note(added["note"], "v2 and v1 with more", base=first) == []


def test_an_edit_without_a_base_is_written_on_the_text_folded_now(meeting):
    [added] = meeting.record(meeting.add_note("v1"))
    [edited] = meeting.edit_note(added["note"], "v2")
    assert edited["base"] == added["id"]  # the store still refuses it over a later edit


def test_what_an_edit_rests_on_is_its_notes_own_texts(meeting):
    [one] = meeting.record(meeting.add_note("one"))
    [two] = meeting.record(meeting.add_note("two"))
    [edit] = meeting.edit_note(one["note"], "one, edited", base=one["id"])
    last, conflicts = meeting.rests_on([edit])
    assert last == one["id"]
    assert conflicts(one) and conflicts(edit) and not conflicts(two)
    assert not conflicts({**one, "type": "note.moved"})
    [moved] = meeting.move_note(one["note"], None)
    assert meeting.rests_on([moved]) is None and meeting.rests_on([one]) is None
    given = meeting.give_floor()
    assert meeting.rests_on(given) == (meeting.last_floor_event, is_floor_event)


def test_a_note_added_again_with_another_text_is_kept_as_a_revision(meeting):
    [first] = meeting.add_note("from one tab", note_id="page-made-id-1")
    [second] = meeting.add_note("from another tab", note_id="page-made-id-1")
    meeting.record([first, second])
    note = meeting.note("page-made-id-1")
    assert [v.text for v in note.versions()] == ["from one tab", "from another tab"]
    meeting.record([first])  # a retry of the same event changes nothing
    assert meeting.note("page-made-id-1") == note


def test_version_one_note_events_read_with_no_author_and_no_base():
    old = {"v": 1, "id": "e1", "at": "2026-12-10T08:00:00+00:00", "role": "rapporteur",
           "type": "note.edited", "note": "n1", "text": "t"}
    typed = NoteEdited.from_dict(old)
    assert (typed.base, typed.author, typed.id, typed.role) == (None, "", "e1", "rapporteur")
    assert NoteEdited.upcast(old)["v"] == 2 and old["v"] == 1
    added = NoteAdded.from_dict({**old, "type": "note.added"})
    assert (added.author, added.id) == ("", "e1")


def test_tags_are_found_as_the_word_start_rule_says_in_any_text() -> None:
    """The pattern looks for "#" first; it finds what "a '#' not after a letter, digit, '_' or
    '#'" finds, in texts made of the characters that matter."""
    import random
    import re

    from moderator.core.notebook import TAG

    rule = re.compile(r"(?<![\w#])#(\w[\w-]*)")
    chosen = random.Random(7)
    texts = ["#rec at the start", "issue#12", "##twice", "é#no _#no 1#no", "#", "x #", "#-a",
             "#Ré-sumé- and #REC", "(#yes) [#yes] «#yes»"]
    texts += ["".join(chosen.choice("ab#_-1 \né.") for _ in range(chosen.randint(0, 14)))
              for _ in range(20_000)]
    for text in texts:
        assert [m.span(1) for m in TAG.finditer(text)] == [m.span(1) for m in rule.finditer(text)]
        assert parse_tags(text) == tuple(dict.fromkeys(
            m.group(1).rstrip("-").casefold() for m in rule.finditer(text)))


def test_a_book_read_back_is_indexed_as_the_book_the_fold_made() -> None:
    from moderator.core.notebook import NoteBook, read_notebook
    from tests.core.test_plain_state import a_meeting_with_everything

    meeting, _ = a_meeting_with_everything()
    folded = read_notebook(meeting.state)
    again = NoteBook.of(folded.by_id.values())
    assert len(folded.by_id) > 1
    for index in ("_by_item", "_by_intervention"):
        ours, theirs = getattr(again, index), getattr(folded, index)
        assert {k: set(v) for k, v in ours.items() if v} == \
            {k: set(v) for k, v in theirs.items() if v}
    for item in {n.item_id for n in folded.by_id.values()}:
        assert again.of_item(item, include_deleted=True) == folded.of_item(item, include_deleted=True)
    for x in {n.intervention_id for n in folded.by_id.values()}:
        assert again.of_intervention(x) == folded.of_intervention(x)
