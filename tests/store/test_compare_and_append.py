"""Two consoles on one database: a floor decision is appended only on the state it was made on.

A hypothesis state machine drives two Meeting/store pairs over one file in any interleaving of
deciding, appending and following; whatever the order, the journal never holds a request given
the floor twice, a duplicate intervention, or a lost request.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from moderator.core import FakeClock, Meeting, Refused
from moderator.core.fold import is_floor_event
from moderator.store import Conflict, Expectation, MeetingStore
from tests.helpers.small_meeting import START, small_agenda, small_roster

CONSOLES = st.sampled_from([0, 1])
WHO = st.sampled_from(["TR", "AT", "JP", "US", "EG", "DK", "FR"])


class Console:
    """One console: its own store handle, its own folded meeting, a decision it holds."""

    def __init__(self, path: Path, clock: FakeClock) -> None:
        self.store = MeetingStore.open(path)
        self.meeting = Meeting(small_agenda(), small_roster(), clock)
        self.meeting.apply_all(self.store.read_new())
        self.pending: tuple[list[dict], Expectation | None] | None = None

    def decide(self, command) -> None:
        try:
            events = command(self.meeting)
        except Refused:
            return
        floor = any(is_floor_event(e) for e in events)
        expect = Expectation(self.meeting.last_floor_event, is_floor_event) if floor else None
        self.pending = (events, expect)

    def append(self) -> bool:
        """Append the decision held; False when another console's came first."""
        if self.pending is None:
            return True
        events, expect = self.pending
        self.pending = None
        try:
            self.store.append(events, expect)
        except Conflict as conflict:
            assert expect is not None  # notes never conflict
            self.meeting.apply_all(conflict.since)
            return False
        self.meeting.apply_all(events)
        return True

    def follow(self) -> None:
        self.meeting.apply_all(self.store.read_new())


COMMANDS = {
    "next": lambda m: m.give_floor(),
    "finish": lambda m: m.finish_intervention(),
    "toggle": lambda m: m.toggle_timer(),
    "withdraw": lambda m: m.withdraw(m.queue()[0].id) if m.queue() else [],
    "undo": lambda m: m.undo(confirmed=True),
    "note": lambda m: m.add_note("Austria: supports PPP #rec"),
    "item": lambda m: m.next_item(),
}


class TwoConsoles(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="two-consoles-"))
        self.clock = FakeClock(START)
        path = self.folder / "meeting.db.json"
        first = Console(path, self.clock)
        first.store.append(first.meeting.record(first.meeting.start_item("debate")))
        self.consoles = [first, Console(path, self.clock)]
        self.record = MeetingStore.open(path)  # the truth, read apart from both consoles
        self.refused = 0

    def teardown(self) -> None:
        for console in self.consoles:
            console.store.close()
        self.record.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @rule(console=CONSOLES, who=WHO)
    def ask(self, console: int, who: str) -> None:
        self.consoles[console].decide(lambda m: m.request_floor(who))

    @rule(console=CONSOLES, what=st.sampled_from(sorted(COMMANDS)))
    def decide(self, console: int, what: str) -> None:
        self.consoles[console].decide(COMMANDS[what])

    @rule(console=CONSOLES)
    def append(self, console: int) -> None:
        if not self.consoles[console].append():
            self.refused += 1

    @rule(console=CONSOLES)
    def follow(self, console: int) -> None:
        self.consoles[console].follow()

    @rule(seconds=st.integers(1, 90))
    def time_passes(self, seconds: int) -> None:
        self.clock.advance(seconds)

    @invariant()
    def the_record_holds_no_duplicate_and_no_lost_request(self) -> None:
        events = self.record.events()
        truth = Meeting(small_agenda(), small_roster(), self.clock)
        truth.apply_all(events)
        state = truth.state
        heard = [r.request_id for r in state.log if r.request_id is not None]
        assert len(heard) == len(set(heard)), "a request was given the floor twice"
        interventions = [r.id for r in state.log]
        assert len(interventions) == len(set(interventions))
        undone = {e["undoes"] for e in events if e["type"] == "undo"}
        made = {e["request"] for e in events if e["type"] == "request.made"
                and e.get("action") not in undone}
        withdrawn = {e["request"] for e in events if e["type"] == "request.withdrawn"
                     and e.get("action") not in undone}
        waiting = {r.id for r in state.waiting}
        dropped = {r.id for r in state.dropped}
        # Every request made is waiting, heard, withdrawn or dropped with its item: none lost.
        assert made <= waiting | set(heard) | withdrawn | dropped, "a request was lost"
        # Each console's own fold agrees with the record once it has followed it.
        for console in self.consoles:
            if console.pending is None:
                console.follow()
                assert [r.id for r in console.meeting.state.log] == interventions
                assert [r.id for r in console.meeting.state.waiting] == \
                    [r.id for r in state.waiting]


TwoConsoles.TestCase.settings = settings(
    max_examples=40, stateful_step_count=30, deadline=None,
    suppress_health_check=[HealthCheck.too_slow])
TestTwoConsoles = TwoConsoles.TestCase


def test_both_pressing_next_on_the_same_state_gives_the_floor_once(tmp_path: Path) -> None:
    clock = FakeClock(START)
    path = tmp_path / "meeting.db.json"
    first = Console(path, clock)
    first.store.append(first.meeting.record(first.meeting.start_item("debate")))
    for who in ("AT", "TR"):
        first.store.append(first.meeting.record(first.meeting.request_floor(who)))
    second = Console(path, clock)
    first.decide(COMMANDS["next"])
    second.decide(COMMANDS["next"])
    assert first.append() is True
    assert second.append() is False  # refused: Austria was given the floor from the other
    assert second.meeting.floor().who == "AT"  # the refused console folded what happened
    second.decide(COMMANDS["next"])
    assert second.append() is True
    assert [r.who for r in Console(path, clock).meeting.log()] == ["AT", "TR"]


def test_a_note_never_conflicts_with_the_floor(tmp_path: Path) -> None:
    clock = FakeClock(START)
    path = tmp_path / "meeting.db.json"
    chair = Console(path, clock)
    chair.store.append(chair.meeting.record(chair.meeting.start_item("debate")))
    rapporteur = Console(path, clock)
    chair.decide(lambda m: m.request_floor("AT"))
    rapporteur.decide(COMMANDS["note"])
    assert chair.append() and rapporteur.append()
    chair.decide(COMMANDS["next"])  # decided before it read the note: still fine
    assert chair.append()


def test_an_expectation_the_journal_does_not_hold_is_refused(tmp_path: Path) -> None:
    with MeetingStore.open(tmp_path / "m.db.json") as store:
        store.append([{"id": "a", "type": "floor.given"}])
        with pytest.raises(Conflict) as raised:
            store.append([{"id": "b", "type": "floor.ended"}],
                         Expectation("never-seen", lambda e: e["type"].startswith("floor")))
        assert [e["id"] for e in raised.value.since] == ["a"]
        store.append([{"id": "b", "type": "floor.ended"}],
                     Expectation("a", lambda e: e["type"].startswith("floor")))
        assert [e["id"] for e in store.events()] == ["a", "b"]
