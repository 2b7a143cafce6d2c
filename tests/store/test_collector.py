"""The garbage collector stays out of opening a database and folding it: every object a day's
record makes is kept, its passes over them freed nothing and cost a third of the time."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from moderator.core import FakeClock, Meeting, fold
from moderator.session import snapshots
from moderator.store import MeetingStore, records
from moderator.store.collector import paused
from tests.reliability.scenario import START, fresh_meeting, seminar


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "meeting.db.json"
    clock = FakeClock(START)
    meeting = fresh_meeting(clock)
    with MeetingStore.open(path, clock) as store:
        store.append(meeting.record(meeting.start_item()))
        for batch in range(3):
            events = []
            for number in range(1000):
                events += meeting.record(meeting.add_note(f"Note {batch}-{number} #rec"))
                clock.advance(1)
            store.append(events)
    return path


def test_the_collector_is_off_while_the_journal_is_decoded_and_folded(
        database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Seen from inside: at every record decoded and every event folded, it is off."""
    states: list[bool] = []
    scan, fold_event = records.scan, fold.fold_event

    def scanning(*args, **kwargs):  # type: ignore[no-untyped-def]
        states.append(gc.isenabled())
        return scan(*args, **kwargs)

    def folding(*args, **kwargs):  # type: ignore[no-untyped-def]
        states.append(gc.isenabled())
        return fold_event(*args, **kwargs)

    monkeypatch.setattr(records, "scan", scanning)
    monkeypatch.setattr("moderator.core.replay.fold_event", folding)
    assert gc.isenabled()
    agenda, roster = seminar()
    meeting = Meeting(agenda, roster, FakeClock(START))
    with snapshots.open_folded(database, agenda, roster, meeting):
        pass
    assert meeting.folded_count == 3001
    assert len(states) > 3000 and not any(states)
    assert gc.isenabled()  # and on again afterwards


def test_pauses_nest_and_overlap() -> None:
    with paused():
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()  # off before: left off
    finally:
        gc.enable()


def test_a_console_launch_stops_the_collector_until_its_first_frame(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from moderator.store import collector

    monkeypatch.setattr(collector, "_frozen", False)  # as it was, after (unfrozen below)

    assert gc.isenabled()
    collector.launching()
    try:
        assert not gc.isenabled()
        with paused():  # the opening's pause ends within the launch: still off
            assert not gc.isenabled()
        assert not gc.isenabled()
        collector.launching()  # once is enough: a second call changes nothing
        assert not gc.isenabled()
    finally:
        collector.first_frame_shown()
        assert collector._frozen  # known frozen: no later pause counts, nor unfreezes
        gc.unfreeze()
    assert gc.isenabled()  # on again at the first frame
    collector.launched()  # the end of the console after its first frame changes nothing
    assert gc.isenabled()


def test_a_first_frame_within_a_pause_turns_the_collector_on_at_the_pause_end() -> None:
    from moderator.store import collector

    collector.launching()
    with paused():
        collector.launched()
        assert not gc.isenabled()  # the pause still holds
    assert gc.isenabled()
    gc.disable()  # off before the launch: left off after it
    try:
        collector.launching()
        collector.launched()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_console_command_launches_with_the_collector_off_and_ends_with_it_on(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from moderator.cli import consoles

    seen: list[bool] = []

    def launch(args, build):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        raise RuntimeError("the console failed before its first frame")

    monkeypatch.setattr(consoles, "launch", launch)
    with pytest.raises(RuntimeError):
        consoles.MODERATOR.run(None)  # type: ignore[arg-type]
    assert seen == [False]
    assert gc.isenabled()


class _Kept:
    """An object the collector tracks (instances of Python classes are)."""


def _generation_of(found: object) -> int | None:
    return next((g for g in range(3) if any(o is found for o in gc.get_objects(g))), None)


def test_what_a_pause_made_joins_the_oldest_generation_unwalked() -> None:
    gc.collect()
    with paused():
        made = [_Kept() for _ in range(1000)]
        assert _generation_of(made[0]) == 0  # young while the pause lasts
    # In the oldest generation, where only a full pass looks (a young pass, which another
    # thread's allocations may run at any time, would not move them there)...
    assert (_generation_of(made[0]), _generation_of(made[-1]), _generation_of(made)) == (2, 2, 2)
    assert gc.get_freeze_count() == 0  # ...and nothing stays frozen
    garbage = _Kept()
    garbage.itself = garbage  # type: ignore[attr-defined]
    with paused():
        pass
    del garbage
    assert gc.collect() >= 1  # a full pass still frees what the pauses promoted


def test_objects_frozen_before_a_pause_stay_frozen_and_its_own_stay_young() -> None:
    gc.collect()
    kept = _Kept()
    gc.freeze()
    try:
        with paused():
            made = _Kept()
        assert _generation_of(kept) is None  # still frozen: in no generation
        assert _generation_of(made) in (0, 1)  # young (a young pass may have run meanwhile)
    finally:
        gc.unfreeze()
    assert _generation_of(kept) == 2


def test_after_a_console_froze_its_launch_a_pause_leaves_it_frozen(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from moderator.store import collector

    monkeypatch.setattr(collector, "_frozen", True)  # as after `first_frame_shown`
    kept = _Kept()
    gc.freeze()
    try:
        monkeypatch.setattr(gc, "get_freeze_count", lambda: pytest.fail("counted"))
        with paused():
            made = _Kept()
        monkeypatch.undo()
        assert _generation_of(kept) is None
        assert _generation_of(made) in (0, 1)
    finally:
        gc.unfreeze()
