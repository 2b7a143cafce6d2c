"""The export reads through the folded-state snapshot: the same summary as from every event,
with only the events after the snapshot decoded; databases sharing events still count them once."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from moderator.core import FakeClock
from moderator.export.formats import RENDERERS, summarise
from moderator.session import snapshots
from moderator.store import MeetingStore
from moderator.store import snapshot as files
from tests.reliability.scenario import START, fresh_meeting, next_action, seminar


@pytest.fixture
def database(tmp_path: Path) -> Path:
    agenda, roster = seminar()
    path = tmp_path / "meeting.db.json"
    clock = FakeClock(START)
    meeting = fresh_meeting(clock)
    rng = random.Random(11)
    with MeetingStore.open(path, clock, meeting=agenda.event.id) as store:
        for number in range(300):
            events = next_action(meeting, rng, clock)
            store.append(events)
            meeting.apply_all(events)
            if number == 220:  # a clean quit, then the meeting went on
                assert snapshots.save(store, agenda, roster, meeting)
    return path


def resumed_counts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    found: list[int] = []
    original = snapshots.fold_into  # the export opens as every console does

    def spying(meeting, store):  # type: ignore[no-untyped-def]
        problem = original(meeting, store)
        found.append(meeting.replay.resumed_count)
        return problem

    monkeypatch.setattr(snapshots, "fold_into", spying)
    return found


def test_the_summary_through_the_snapshot_is_the_summary_of_every_event(
        database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    agenda, roster = seminar()
    clock = FakeClock(START)
    counts = resumed_counts(monkeypatch)
    through = summarise([database], agenda, roster, clock)
    assert counts and counts[-1] > 0  # the snapshot stood for the first events
    Path(files.path_of(str(database))).unlink()
    scratch = summarise([database], agenda, roster, clock)
    assert counts[-1] == 0
    assert through.statistics.interventions > 0
    for fmt in ("json", "md", "csv"):
        assert RENDERERS[fmt](through) == RENDERERS[fmt](scratch)


def test_the_same_database_twice_counts_each_event_once(database: Path, tmp_path: Path) -> None:
    agenda, roster = seminar()
    clock = FakeClock(START)
    backup = tmp_path / "backup.db.json"
    shutil.copyfile(database, backup)
    shutil.copyfile(files.path_of(str(database)), files.path_of(str(backup)))
    once = summarise([database], agenda, roster, clock)
    twice = summarise([database, backup], agenda, roster, clock)
    assert twice.statistics.interventions == once.statistics.interventions
    assert RENDERERS["json"](twice).count(b'"interventions"') == \
        RENDERERS["json"](once).count(b'"interventions"')
