"""Hypothesis state machine: random floor actions keep the queue's and the timer's invariants."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from moderator.core.clock import FakeClock
from moderator.core.meeting import Meeting, Refused
from moderator.core.model import InterventionKind
from moderator.core.speakers_list import section
from tests.core.conftest import START, small_agenda, small_roster
from tests.helpers.views import every_view

pytestmark = pytest.mark.slow  # hypothesis state machines


def resumed(saved, state):
    """The earlier state, except that a speaker given the floor back by the undo has the time
    someone else spoke in between as paused time (shifted running_since, more paused_banked)."""
    before, now = saved.floor, state.floor
    if before is None or now is None or before.id != now.id or before.running_since is None:
        return saved
    gap = (now.running_since - before.running_since).total_seconds()
    assert gap >= 0 and abs((now.paused_banked - before.paused_banked) - gap) < 1e-6
    expected = copy.deepcopy(saved)
    expected.floor.running_since, expected.floor.paused_banked = (
        now.running_since, now.paused_banked)
    for record in expected.log:
        if record.id == now.id:
            record.running_since, record.paused_banked = now.running_since, now.paused_banked
    return expected

WHO = st.sampled_from(["TR", "AT", "JP", "US", "EG", "NGO", "CORP", "DK", "SP2", None])
KIND = st.sampled_from([k for k in InterventionKind if k is not InterventionKind.SCHEDULED])
ITEMS = st.sampled_from([None, "opening", "debate", "qa", "coffee", "closing"])


class FloorMachine(RuleBasedStateMachine):
    # None: the meeting's own spacing of checkpoints; small ones make undo restore them often.
    checkpoint_every: int | None = None

    def __init__(self) -> None:
        super().__init__()
        self.clock = FakeClock(START)
        self.meeting = Meeting(
            small_agenda(), small_roster(), self.clock, checkpoint_every=self.checkpoint_every
        )
        # The state before each undoable action still in effect, to compare undo against.
        self.before: list[tuple[str, object]] = []
        # Every request made and not taken back, and where it went.
        self.made: set[str] = set()

    def _do(self, command, *args, **kwargs) -> None:
        try:
            events = command(*args, **kwargs)
        except Refused as refused:
            assert str(refused)
            return
        saved = copy.deepcopy(self.meeting.state)
        self.meeting.record(events)
        if events and self.meeting.state.actions[-1:] == [events[0]["action"]]:
            self.before.append((events[0]["action"], saved))
        self.made.update(e["request"] for e in events if e["type"] == "request.made")

    @rule(seconds=st.floats(0, 400, allow_nan=False))
    def time_passes(self, seconds: float) -> None:
        self.clock.advance(seconds)

    @rule(item=ITEMS)
    def start(self, item: str | None) -> None:
        self._do(self.meeting.start_item, item)

    @rule(step=st.sampled_from(["next", "previous", "finish", "skip"]))
    def navigate(self, step: str) -> None:
        command = {"next": self.meeting.next_item, "previous": self.meeting.previous_item,
                   "finish": self.meeting.finish_item, "skip": self.meeting.skip_item}[step]
        self._do(command)

    @rule(who=WHO, kind=KIND, force=st.booleans(), behalf=st.booleans())
    def request(self, who: str | None, kind: InterventionKind, force: bool, behalf: bool) -> None:
        guest = "Visitor" if who is None else None
        on_behalf = "EU" if behalf and who == "DK" else None
        self._do(self.meeting.request_floor, who, kind, guest=guest, on_behalf=on_behalf, force=force)

    @rule(index=st.integers(0, 12), position=st.integers(-1, 12), how=st.sampled_from(
        ["withdraw", "move", "up", "down", "give"]))
    def act_on_request(self, index: int, position: int, how: str) -> None:
        queue = self.meeting.queue()
        if not queue:
            return
        request_id = queue[index % len(queue)].id
        m = self.meeting
        if how == "move":
            self._do(m.move_request, request_id, position)
        else:
            command = {"withdraw": m.withdraw, "up": m.move_up, "down": m.move_down,
                       "give": m.give_floor}[how]
            self._do(command, request_id)

    @rule(how=st.sampled_from(["next", "finish", "toggle", "readd", "close", "reopen", "more", "less"]))
    def chair(self, how: str) -> None:
        m = self.meeting
        command = {"next": m.give_floor, "finish": m.finish_intervention, "toggle": m.toggle_timer,
                   "readd": m.readd_last_speaker, "close": m.close_list, "reopen": m.reopen_list,
                   "more": lambda: m.adjust_time(30), "less": lambda: m.adjust_time(-30)}[how]
        self._do(command)

    @precondition(lambda self: self.before)
    @rule()
    def undo(self) -> None:
        action, saved = self.before.pop()
        events = self.meeting.undo()
        assert events[0]["undoes"] == action
        self.meeting.record(events)
        assert self.meeting.state == resumed(saved, self.meeting.state)

    @invariant()
    def no_request_lost_or_duplicated(self) -> None:
        state = self.meeting.state
        waiting = [r.id for r in state.waiting]
        heard = [r.request_id for r in state.log if r.request_id in self.made]
        dropped = [r.id for r in state.dropped]
        assert len(set(waiting)) == len(waiting)
        everywhere = waiting + heard + dropped
        assert len(set(everywhere)) == len(everywhere)
        # Only withdrawn or undone requests are missing from every place.
        assert set(everywhere) <= self.made

    @invariant()
    def ordering_rules_hold(self) -> None:
        queue = self.meeting.queue()
        sections = [section(r.kind) for r in queue]
        assert sections == sorted(sections)
        # One waiting request per speaker, kind and group they speak for.
        keys = [(r.who, r.guest, r.kind, r.on_behalf) for r in queue]
        assert len(set(keys)) == len(keys)

    @invariant()
    def time_is_never_negative_nor_more_than_the_wall_clock(self) -> None:
        now = self.clock.now()
        for spoken in self.meeting.log():
            end = spoken.ended_at or now
            wall = (end - spoken.started_at).total_seconds()
            speaking, paused = spoken.speaking_seconds(now), spoken.paused_seconds(now)
            assert speaking >= 0 and paused >= 0
            assert speaking + paused <= wall + 1e-6
        if self.meeting.suspended() is not None:
            assert self.meeting.floor().kind is InterventionKind.POINT_OF_ORDER

    @invariant()
    def each_items_log_is_its_share_of_the_whole_log(self) -> None:
        # Kept by item as the log grows, indexed anew for a state an undo restored.
        whole = self.meeting.log()
        for item in ("opening", "debate", "qa", "coffee", "closing", "no such item"):
            assert self.meeting.log(item) == [i for i in whole if i.item_id == item]

    @invariant()
    def a_fresh_fold_agrees(self) -> None:
        if len(self.meeting.events) % 7:
            return  # folding from scratch every step would be slow; often enough
        other = Meeting(small_agenda(), small_roster(), self.clock)
        other.apply_all(self.meeting.events)
        now = self.clock.now()
        assert every_view(other, now) == every_view(self.meeting, now)


SETTINGS = settings(
    max_examples=60, stateful_step_count=60, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
FloorMachine.TestCase.settings = SETTINGS
TestFloorMachine = FloorMachine.TestCase


def _with_checkpoints(every: int) -> type:
    machine = type(f"FloorMachineEvery{every}", (FloorMachine,), {"checkpoint_every": every})
    machine.TestCase.settings = SETTINGS
    return machine.TestCase


# Undo restores a checkpoint and refolds from it: with one every 1, 2 or 3 events, every path.
TestFloorMachineCheckpointEvery1 = _with_checkpoints(1)
TestFloorMachineCheckpointEvery2 = _with_checkpoints(2)
TestFloorMachineCheckpointEvery3 = _with_checkpoints(3)
