"""Checkpoints: an undo refolds from the latest checkpoint before the action, with the same result
as folding every event from the start."""

from __future__ import annotations

import json
import random

import pytest

from moderator.core.clock import FakeClock
from moderator.core.meeting import Meeting, Refused
from tests.core.conftest import START, play, small_agenda, small_roster
from tests.helpers.views import every_view

# So far apart that the meeting never takes one: every undo folds from the first event.
NEVER = 10**9


def session(clock: FakeClock, seed: int, steps: int, every: int) -> Meeting:
    """A meeting of floor actions, undos and the rapporteur's notes (added, edited, moved...)."""
    meeting = Meeting(small_agenda(), small_roster(), clock, checkpoint_every=every)
    chance = random.Random(seed)
    for step in range(steps):
        play(meeting, clock, chance.randrange(1, 6), seed=seed * 1_000 + step, undo=4, day=True)
        notes = meeting.notes(include_deleted=True)
        note = chance.choice(notes).id if notes else ""
        what = chance.choice(["add", "edit", "move", "delete", "restore", "undo"])
        try:
            if what == "add":
                events = meeting.add_note(f"step {step} #rec")
            elif what == "edit":
                events = meeting.edit_note(note, f"edited at {step} #action")
            elif what == "move":
                events = meeting.move_note(note, None)
            elif what == "delete":
                events = meeting.delete_note(note)
            elif what == "restore":
                events = meeting.restore_note(note)
            else:
                events = meeting.undo()
            meeting.record(events)
        except (Refused, KeyError):
            pass
    return meeting




@pytest.mark.parametrize("every", [1, 2, 3, 7, 64])
@pytest.mark.parametrize("seed", range(4))
def test_folding_with_checkpoints_agrees_with_folding_from_the_start(every: int, seed: int) -> None:
    clock = FakeClock(START)
    meeting = session(clock, seed, 120, every)
    stored = json.loads(json.dumps(meeting.events))
    assert sum(e["type"] == "undo" for e in stored) > 10
    assert meeting.notes(include_deleted=True)
    whole = Meeting(small_agenda(), small_roster(), clock, checkpoint_every=NEVER)
    whole.apply_all(stored)
    assert every_view(meeting, clock.now()) == every_view(whole, clock.now())
    # The same events in batches of any size (undos in their middle) give the same state.
    chance = random.Random(seed)
    batched = Meeting(small_agenda(), small_roster(), clock, checkpoint_every=every)
    at = 0
    while at < len(stored):
        size = chance.randrange(1, 40)
        batched.apply_all(stored[at : at + size])
        at += size
    assert every_view(batched, clock.now()) == every_view(whole, clock.now())


@pytest.mark.parametrize("every", [1, 3, 16])
def test_every_undo_agrees_with_folding_from_the_start(every: int) -> None:
    clock = FakeClock(START)
    meeting = session(clock, 11, 60, every)
    whole = Meeting(small_agenda(), small_roster(), clock, checkpoint_every=NEVER)
    whole.apply_all(meeting.events)
    # Take back every action there is: each undo goes further back, past old checkpoints.
    while meeting.can_undo():
        undo = meeting.record(meeting.undo())
        whole.apply_all(undo)
        assert every_view(meeting, clock.now()) == every_view(whole, clock.now())
    assert not whole.can_undo()


def test_an_undo_late_in_a_long_session_refolds_only_since_its_checkpoint() -> None:
    clock = FakeClock(START)
    every = 256
    meeting = Meeting(small_agenda(), small_roster(), clock, checkpoint_every=every)
    play(meeting, clock, 8_000, seed=3, undo=0)
    meeting.record(meeting.add_note("after the last action"))
    assert len(meeting.events) > 20 * every
    for _ in range(30):
        action = meeting.state.actions[-1]
        start = next(i for i, e in enumerate(meeting.events) if e.get("action") == action)
        before = meeting.refolded
        meeting.record(meeting.undo())
        since = len(meeting.events) - start  # the action, what followed, and the undo
        assert meeting.refolded - before <= every + since
    # Far less than 30 refolds of the whole history, what refolding from the start would cost
    # (how far below depends on where the last actions fall between checkpoints).
    assert meeting.refolded < 30 * len(meeting.events) // 20


def test_a_restored_notebook_lists_every_item_and_intervention_as_one_built_note_by_note() -> None:
    """A checkpoint's restore takes the changes since back in copies of the book's indexes:
    every listing equals that of a book holding the same notes, placed in order of creation."""
    from dataclasses import replace
    from datetime import UTC, datetime

    from moderator.core.notebook import Note, NoteBook

    chance = random.Random(7)
    at = datetime(2026, 12, 7, 9, tzinfo=UTC)
    book, marks = NoteBook(), []
    items, speakers = ["1", "2", "3", None], ["a", "b", None]
    for step in range(600):
        if book.by_id and chance.random() < 0.5:
            note = book.by_id[chance.choice(list(book.by_id))]
            book.put(replace(note, text=f"edited {step}", item_id=chance.choice(items),
                             intervention_id=chance.choice(speakers),
                             deleted=chance.random() < 0.2))
        else:
            book.put(Note(f"n{step}", f"note {step}", (), "s", chance.choice(items),
                          chance.choice(speakers), at, at, "rapporteur"))
        if step % 37 == 0:
            marks.append((book.checkpoint(), dict(book.by_id)))
    for mark, held in marks:
        restored = mark.checkpoint()
        rebuilt = NoteBook.of(held.values())
        assert list(restored.by_id) == list(rebuilt.by_id) and restored == rebuilt
        for item in items:
            assert restored.of_item(item, include_deleted=True) == \
                rebuilt.of_item(item, include_deleted=True)
        for speaker in speakers:
            assert restored.of_intervention(speaker) == rebuilt.of_intervention(speaker)
        restored.put(Note("later", "a note after the undo", (), "s", "1", None, at, at, "r"))
        assert restored.of_item("1")[-1].id == "later"  # placed after every older note
