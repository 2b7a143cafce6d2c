"""The one loop, without any interface: decide on the state, record through the one writer,
apply once durable, tell the listeners; conflicts, failures, the echo, a browser's identity and
the hand-over to an owner thread."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from moderator.core import FakeClock, Refused
from moderator.core.notes import EditConflict
from moderator.session import (
    ChangedMeanwhile,
    OpenMeeting,
    Outcome,
    ReadFailed,
    Recorded,
    open_meeting,
)
from moderator.store import MeetingStore, StoreError
from tests.helpers.small_meeting import small_agenda, small_roster


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "meeting.db.json"


@pytest.fixture
def consoles(database: Path, clock: FakeClock) -> Iterator[Callable[[], OpenMeeting]]:
    """Open the meeting as one more chair console (each with its own store and writer)."""
    opened: list[OpenMeeting] = []

    def open_one() -> OpenMeeting:
        opened.append(open_meeting(small_agenda(), small_roster(), database, role="moderator",
                                   clock=clock, create=True))
        return opened[-1]

    yield open_one
    for one in opened:
        one.close(save_snapshot=False)


def on_disk(database: Path) -> list[dict]:
    with MeetingStore.open(database) as store:
        return store.events()


def told(opened: OpenMeeting) -> list[Any]:
    heard: list[Any] = []
    opened.listen(heard.append)
    return heard


def test_a_command_is_recorded_then_applied_then_told(consoles, database: Path) -> None:
    chair = consoles()
    heard = told(chair)
    events = chair.record(lambda: chair.meeting.start_item("debate"))
    assert [e["id"] for e in on_disk(database)] == [e["id"] for e in events]
    assert chair.meeting.current_item().id == "debate"
    assert heard == [Recorded(events, True, chair.identity.id)]
    assert events[0]["console"] == chair.identity.id  # stamped by the core, once
    assert chair.idle


def test_a_refused_command_records_nothing_and_says_why(consoles, database: Path) -> None:
    chair = consoles()
    heard = told(chair)
    with pytest.raises(Refused, match="item"):
        chair.record(lambda: chair.meeting.request_floor("AT"))  # no item open yet
    assert on_disk(database) == [] and heard == []


def test_commands_run_one_at_a_time_each_on_the_state_the_last_one_left(consoles) -> None:
    chair = consoles()
    outcomes: list[Outcome] = []
    chair.run(lambda: chair.meeting.start_item("debate"), on_done=outcomes.append)
    chair.run(lambda: chair.meeting.request_floor("AT"), on_done=outcomes.append)
    chair.run(chair.meeting.give_floor, on_done=outcomes.append)
    chair.record(lambda: [])  # waits behind them
    assert [o.error for o in outcomes] == [None, None, None]
    assert chair.meeting.floor().who == "AT"


def test_a_floor_decision_made_on_a_stale_floor_is_refused_saying_what_changed(
        consoles, database: Path) -> None:
    chair, other = consoles(), consoles()
    chair.record(lambda: chair.meeting.start_item("debate"))
    for who in ("AT", "TR"):
        chair.record(lambda who=who: chair.meeting.request_floor(who))
    other.poll()
    heard = told(chair)
    other.record(other.meeting.give_floor)  # Austria, before the chair has read it
    with pytest.raises(ChangedMeanwhile) as refused:
        chair.record(chair.meeting.give_floor)
    assert "Meanwhile, on the other chair console" in str(refused.value)
    assert "Austria" in str(refused.value)
    # The other's decision is folded, from the conflict itself, and told; nothing was written.
    assert chair.meeting.floor().who == "AT"
    assert [t.ours for t in heard] == [False] and heard[0].by_others() == refused.value.since
    assert [e["type"] for e in on_disk(database)].count("floor.given") == 1
    assert chair.record(chair.meeting.give_floor)  # decided again: Türkiye
    assert chair.meeting.floor().who == "TR"


def test_a_request_is_decided_again_after_a_conflict_when_it_may_be(consoles) -> None:
    chair, other = consoles(), consoles()
    chair.record(lambda: chair.meeting.start_item("debate"))
    other.poll()
    other.record(lambda: other.meeting.request_floor("AT"))
    chair.record(lambda: chair.meeting.request_floor("TR"), retry=1)
    assert [r.who for r in chair.meeting.queue()] == ["AT", "TR"]


def test_an_edit_written_on_a_text_another_console_changed_meanwhile_is_refused(
        consoles, database: Path) -> None:
    """Two consoles edit one note, each on the text it has folded: the store appends the
    first; the second is refused at the append (its base is no longer the note's last text),
    the other's edit folded from the conflict, and decided again it is the core's refusal
    with both texts. Nothing written over a text its author did not see."""
    one, two = consoles(), consoles()
    one.record(lambda: one.meeting.start_item("debate"))
    [added] = one.record(lambda: one.meeting.add_note("v1"))
    two.poll()
    base = two.meeting.note(added["note"]).revision
    one.record(lambda: one.meeting.edit_note(added["note"], "v2", base=base))
    with pytest.raises(EditConflict) as refused:  # decided on v1: not yet read
        two.record(lambda: two.meeting.edit_note(added["note"], "v1, corrected", base=base),
                   retry=1)
    assert (refused.value.theirs, refused.value.mine) == ("v2", "v1, corrected")
    assert two.meeting.note(added["note"]).text == "v2"  # folded from the conflict
    texts = [e.get("text") for e in on_disk(database) if e["type"].startswith("note.")]
    assert texts == ["v1", "v2"]
    # Without a retry the loop says what changed, and still records nothing.
    one.record(lambda: one.meeting.edit_note(added["note"], "v3",
                                             base=one.meeting.note(added["note"]).revision))
    with pytest.raises(ChangedMeanwhile):
        two.record(lambda: two.meeting.edit_note(added["note"], "v2, corrected"))
    # Kept on what it shows now, the edit is recorded.
    two.record(lambda: two.meeting.edit_note(added["note"], "v3, corrected",
                                             base=two.meeting.note(added["note"]).revision))
    assert [v.text for v in one.meeting.note(added["note"]).versions()][-1] == "v3"
    one.poll()
    assert [v.text for v in one.meeting.note(added["note"]).versions()] == [
        "v1", "v2", "v3", "v3, corrected"]


def test_edits_of_other_notes_and_moves_never_conflict(consoles) -> None:
    one, two = consoles(), consoles()
    one.record(lambda: one.meeting.start_item("debate"))
    [first] = one.record(lambda: one.meeting.add_note("first"))
    [second] = one.record(lambda: one.meeting.add_note("second"))
    two.poll()
    one.record(lambda: one.meeting.edit_note(second["note"], "second, edited"))
    one.record(lambda: one.meeting.move_note(first["note"], None, "qa"))
    two.record(lambda: two.meeting.edit_note(first["note"], "first, edited",
                                             base=first["id"]))
    two.poll()
    assert [n.text for n in two.meeting.notes()] == ["first, edited", "second, edited"]


def test_commands_behind_a_failed_write_are_dropped_and_told(consoles, clock) -> None:
    chair = consoles()

    written = threading.Event()  # the disk answers once both commands are queued

    class Full:
        def submit(self, events, on_done, expect=None) -> None:
            def fail() -> None:
                written.wait(10)
                on_done(StoreError("the disk is full"))

            threading.Thread(target=fail).start()

    failing = OpenMeeting(chair.meeting, chair.store, Full())
    outcomes: list[Outcome] = []
    done = threading.Event()
    failing.run(lambda: chair.meeting.start_item("debate"), on_done=outcomes.append)
    failing.run(lambda: chair.meeting.start_item("qa"),
                on_done=lambda o: (outcomes.append(o), done.set()))
    written.set()
    assert done.wait(10)
    assert [str(o.error) for o in outcomes] == ["the disk is full"] * 2
    assert [o.dropped for o in outcomes] == [False, True]
    assert chair.meeting.current_item() is None  # never shown: it is not on disk


def test_the_echo_of_our_own_events_is_dropped_by_id_and_others_are_folded(consoles) -> None:
    chair, other = consoles(), consoles()
    heard = told(chair)
    mine = chair.record(lambda: chair.meeting.start_item("debate"))
    theirs = other.record(lambda: other.meeting.add_note("From the other console"))
    # What the follower does: the store hands back ours and theirs; ours is not folded again.
    folds: list[list[dict]] = []
    apply_all = chair.meeting.apply_all
    chair.meeting.apply_all = lambda events: (folds.append(list(events)), apply_all(events))
    assert chair.poll()
    assert folds == [theirs]
    assert [(t.events, t.ours) for t in heard] == [(mine, True), (theirs, False)]
    assert not chair.poll()  # nothing more: the echo is not kept waiting either


def test_a_browser_decides_through_the_server_under_its_own_identity(consoles) -> None:
    server = consoles()
    server.record(lambda: server.meeting.start_item("debate"))
    browser = server.identity.on_behalf("browser:c0ffee00c0ffee00")
    note = server.record(lambda: server.meeting.add_note("Typed in a browser"), console=browser)
    assert note[0]["console"] == "browser:c0ffee00c0ffee00"
    assert note[0]["host"] == server.identity.host
    after = server.record(lambda: server.meeting.add_note("Typed at the server"))
    assert after[0]["console"] == server.identity.id


def test_results_are_handed_over_and_the_meeting_changes_only_there(consoles) -> None:
    """A console's UI thread: the writer thread hands its result over and never folds."""
    chair = consoles()
    handed: list[Callable[[], Any]] = []
    arrived = threading.Event()

    def hand_over(call: Callable[[], Any]) -> None:
        handed.append(call)
        arrived.set()

    chair.hand_over = hand_over
    outcomes: list[Outcome] = []
    chair.run(lambda: chair.meeting.start_item("debate"), on_done=outcomes.append)
    assert arrived.wait(10)
    assert chair.meeting.current_item() is None and outcomes == [] and not chair.idle
    handed.pop()()  # on the owner's thread
    assert chair.meeting.current_item().id == "debate" and outcomes[0].error is None
    with pytest.raises(RuntimeError):
        chair.record(chair.meeting.next_item)  # it would wait for itself


@pytest.mark.parametrize("interval", [0.01, 3600])
def test_the_follower_hands_over_what_another_console_recorded(consoles, interval) -> None:
    """Every 10 ms; or, an hour between polls, as soon as the file system says the database
    changed (the follower is woken by the notification, not by its poll)."""
    chair, other = consoles(), consoles()
    handed: list[Callable[[], Any]] = []
    arrived = threading.Event()
    chair.hand_over = lambda call: (handed.append(call), arrived.set())
    chair.follow(interval)
    if interval > 10 and not chair.follower.notified:
        chair.stop_following()
        pytest.skip("this system notifies no file changes (the consoles poll)")
    other.record(lambda: other.meeting.start_item("debate"))
    assert arrived.wait(10)
    chair.stop_following()
    for call in handed:
        call()
    assert chair.meeting.current_item().id == "debate"


def test_a_failure_to_read_is_told(consoles) -> None:
    chair = consoles()
    heard = told(chair)
    chair.store.close()
    assert not chair.poll()
    assert [type(t) for t in heard] == [ReadFailed]


def test_a_display_records_nothing(database: Path, clock: FakeClock, consoles) -> None:
    consoles().record(lambda: [])  # the chair's console made the database
    with open_meeting(small_agenda(), small_roster(), database, role="audience", clock=clock,
                      records=False) as clock_display:
        outcomes: list[Outcome] = []
        clock_display.run(lambda: clock_display.meeting.start_item("debate"),
                          on_done=outcomes.append)
        assert outcomes == [Outcome([])] and on_disk(database) == []

