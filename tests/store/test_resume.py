"""Resume: every state the core can be in comes back exactly after close and reopen.

Each state is reached through the real MeetingStore and Writer; the program is then down for a
while (the fake clock moves on), and a fresh store and a fresh meeting fold the events back. Every
view must equal the one the first meeting shows at the same moment: time that passed while the
program was down counts, as it does in the room.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from moderator.core import FakeClock, Meeting, TimerState
from moderator.core.model import InterventionKind as K
from moderator.store import MeetingStore, Writer
from tests.helpers.views import every_view
from tests.reliability.scenario import START, fresh_meeting

DOWN = 95  # seconds the program is down between close and reopen


class Room:
    """A meeting driven through the real store's writer thread, as the console does."""

    def __init__(self, path: Path) -> None:
        self.clock = FakeClock(START)
        self.meeting = fresh_meeting(self.clock)
        self.store = MeetingStore.open(path, self.clock)
        self.writer = Writer(self.store)

    def do(self, events: list[dict], seconds: float = 0) -> list[dict]:
        errors: list[BaseException | None] = []
        self.writer.submit(events, errors.append)
        self.writer.flush()
        assert errors == [None]
        self.meeting.apply_all(events)
        self.clock.advance(seconds)
        return events

    def speak(self, who: str, kind: K = K.STATEMENT, seconds: float = 10, **options) -> None:
        self.do(self.meeting.request_floor(who, kind, **options), 3)
        request = self.meeting.queue()[-1] if kind is not K.POINT_OF_ORDER else self.meeting.queue()[0]
        self.do(self.meeting.give_floor(request.id), seconds)

    def close(self) -> None:
        self.writer.close()
        self.store.close()


def idle_item(room: Room) -> None:
    room.do(room.meeting.start_item("s1-discussion"), 30)


def scheduled_speaker_running(room: Room) -> None:
    room.do(room.meeting.start_item("opening-welcome"), 5)
    room.do(room.meeting.give_floor(), 100)


def running(room: Room) -> None:
    idle_item(room)
    room.speak("AT", seconds=40)


def paused(room: Room) -> None:
    running(room)
    room.do(room.meeting.toggle_timer(), 25)


def resumed_after_pause(room: Room) -> None:
    paused(room)
    room.do(room.meeting.toggle_timer(), 12)


def warning(room: Room) -> None:
    idle_item(room)
    room.speak("AT", seconds=160)  # 180 s allotted, warning in the last 30


def overtime(room: Room) -> None:
    idle_item(room)
    room.speak("AT", seconds=200)


def adjusted(room: Room) -> None:
    running(room)
    room.do(room.meeting.adjust_time(30), 2)
    room.do(room.meeting.adjust_time(-30), 2)
    room.do(room.meeting.adjust_time(30), 2)


def suspended_by_point_of_order(room: Room) -> None:
    running(room)
    room.speak("TR", K.POINT_OF_ORDER, seconds=20)


def back_after_point_of_order(room: Room) -> None:
    suspended_by_point_of_order(room)
    room.do(room.meeting.finish_intervention(), 7)


def closed_list(room: Room) -> None:
    idle_item(room)
    room.do(room.meeting.request_floor("FR"), 2)
    room.do(room.meeting.close_list(), 2)


def every_kind_of_request(room: Room) -> None:
    idle_item(room)
    m = room.meeting
    room.do(m.request_floor("AT"), 1)
    room.do(m.request_floor("DK", on_behalf="EU", alignment=("AL", "GE")), 1)
    room.do(m.request_floor(None, guest="Dr Maria Ionescu"), 1)
    room.do(m.request_floor("TR", K.RIGHT_OF_REPLY), 1)
    room.do(m.request_floor("CA", K.QUESTION), 1)
    room.do(m.request_floor("FR", K.POINT_OF_ORDER), 1)
    room.do(m.request_floor("IS"), 1)
    room.do(m.move_up(next(r.id for r in m.queue() if r.who == "IS")), 1)
    room.do(m.withdraw(m.queue()[2].id), 1)


def readded_speaker(room: Room) -> None:
    running(room)
    room.do(room.meeting.finish_intervention(), 4)
    room.do(room.meeting.readd_last_speaker(), 4)


def skipped_and_finished_items(room: Room) -> None:
    m = room.meeting
    room.do(m.start_item("opening-welcome"), 5)
    room.do(m.give_floor(), 400)
    room.do(m.request_floor("AT"), 5)  # left waiting when the item finishes: dropped
    room.do(m.next_item(), 10)
    room.do(m.skip_item("opening-overview"), 10)
    room.do(m.finish_item(), 60)


def after_undo(room: Room) -> None:
    running(room)
    room.do(room.meeting.request_floor("FR"), 3)
    room.do(room.meeting.give_floor(), 15)
    room.do(room.meeting.undo(), 5)  # AT holds the floor again, FR waits again


def undo_of_an_undo_chain(room: Room) -> None:
    after_undo(room)
    room.do(room.meeting.undo(), 5)
    room.do(room.meeting.undo(), 5)


def notes_edited_and_deleted(room: Room) -> None:
    running(room)
    m = room.meeting
    first = room.do(m.add_note("Shares threat assessments #rec"), 3)[0]["note"]
    second = room.do(m.add_note("A note on the item as a whole", intervention_id=None), 3)[0]["note"]
    third = room.do(m.add_note("“We stand together” #quote"), 3)[0]["note"]
    room.do(m.edit_note(first, "Shares threat assessments with operators #rec #action"), 3)
    room.do(m.delete_note(second), 3)
    room.do(m.delete_note(third), 3)
    room.do(m.restore_note(third), 3)
    room.do(m.move_note(first, None), 3)


def agenda_over(room: Room) -> None:
    m = room.meeting
    room.do(m.start_item("opening-welcome"), 5)
    for _ in range(200):
        if m.current_item() is None:
            break
        room.do(m.skip_item(), 1)
    room.do(m.add_note("After the last item", item_id="opening-welcome"), 1)


STATES: dict[str, Callable[[Room], None]] = {
    "nothing-started": lambda room: None,
    "idle-item": idle_item,
    "scheduled-speaker-running": scheduled_speaker_running,
    "running": running,
    "paused": paused,
    "resumed-after-pause": resumed_after_pause,
    "warning": warning,
    "overtime": overtime,
    "adjusted": adjusted,
    "suspended-by-point-of-order": suspended_by_point_of_order,
    "back-after-point-of-order": back_after_point_of_order,
    "closed-list": closed_list,
    "every-kind-of-request": every_kind_of_request,
    "readded-speaker": readded_speaker,
    "skipped-and-finished-items": skipped_and_finished_items,
    "after-undo": after_undo,
    "undo-chain": undo_of_an_undo_chain,
    "notes-edited-and-deleted": notes_edited_and_deleted,
    "agenda-over": agenda_over,
}


def reopen(path: Path, clock: FakeClock) -> Meeting:
    """A fresh process's view: a new store handle and a new meeting folding its events."""
    meeting = fresh_meeting(FakeClock(clock.now()))
    with MeetingStore.open(path, clock) as store:
        meeting.apply_all(store.events())
    return meeting


@pytest.mark.parametrize("name", list(STATES))
def test_every_state_resumes_exactly(tmp_path: Path, name: str) -> None:
    room = Room(tmp_path / "meeting.db")
    STATES[name](room)
    before = room.clock.now()
    timer_before = room.meeting.timer(before)
    room.close()
    room.clock.advance(DOWN)
    after = room.clock.now()
    resumed = reopen(tmp_path / "meeting.db", room.clock)
    assert every_view(resumed, after) == every_view(room.meeting, after)
    assert every_view(resumed, before) == every_view(room.meeting, before)
    assert [e["id"] for e in resumed.events] == [e["id"] for e in room.meeting.events]
    timer_after = resumed.timer(after)
    if timer_before.state in (TimerState.RUNNING, TimerState.WARNING, TimerState.OVERTIME):
        assert timer_after.elapsed == pytest.approx(timer_before.elapsed + DOWN)  # it ran on
    else:
        assert timer_after.elapsed == pytest.approx(timer_before.elapsed)


def test_the_states_are_what_they_claim(tmp_path: Path) -> None:
    """The scripted states really reach the timer states and the floor shapes they are named for."""
    seen = {}
    for name in ("running", "paused", "warning", "overtime", "suspended-by-point-of-order",
                 "closed-list", "notes-edited-and-deleted"):
        room = Room(tmp_path / f"{name}.db")
        STATES[name](room)
        seen[name] = room.meeting
        room.close()
    assert seen["running"].timer().state is TimerState.RUNNING
    assert seen["paused"].timer().state is TimerState.PAUSED
    assert seen["warning"].timer().state is TimerState.WARNING
    assert seen["overtime"].timer().state is TimerState.OVERTIME
    assert seen["suspended-by-point-of-order"].suspended() is not None
    assert seen["closed-list"].list_closed()
    notes = seen["notes-edited-and-deleted"].notes(include_deleted=True)
    assert [n.deleted for n in notes].count(True) == 1 and any(n.history for n in notes)


def test_resume_twice_with_the_program_down_each_time(tmp_path: Path) -> None:
    """Reopen, act, close, reopen again: the second fold continues the first exactly."""
    path = tmp_path / "meeting.db"
    room = Room(path)
    running(room)
    room.close()
    room.clock.advance(DOWN)
    second = Room.__new__(Room)
    second.clock = room.clock
    second.meeting = reopen(path, room.clock)
    second.store = MeetingStore.open(path, room.clock)
    second.writer = Writer(second.store)
    second.do(second.meeting.toggle_timer(), 30)  # paused after the restart
    second.close()
    room.clock.advance(DOWN)
    third = reopen(path, room.clock)
    now = room.clock.now()
    assert every_view(third, now) == every_view(second.meeting, now)
    assert third.timer(now).state is TimerState.PAUSED
    assert third.timer(now).elapsed == pytest.approx(40 + DOWN)
