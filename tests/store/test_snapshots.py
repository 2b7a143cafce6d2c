"""The folded-state snapshot: opening through it gives exactly the fold from the first event.

A scripted meeting (requests, the floor, the timer, undos, notes and their edits, items) is
recorded one action per commit; a snapshot is saved every few actions and kept aside. Each one
is then put back beside the final journal and a fresh meeting is opened through it: its state
and every view must equal the fold from scratch, and stay equal as the meeting goes on (undos
reaching back past the snapshot included). A snapshot that does not match is ignored, never used.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import random
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from moderator.core import FakeClock, Meeting
from moderator.core.fold import is_floor_event
from moderator.session import snapshots
from moderator.store import MeetingStore, journal, records
from moderator.store import snapshot as files
from moderator.store.expect import Expectation
from tests.helpers.views import every_view
from tests.reliability.scenario import START, fresh_meeting, next_action, seminar

ACTIONS = 240
EVERY = 16  # actions between two snapshots kept for the comparison


@dataclass
class Recorded:
    database: Path
    clock: FakeClock
    kept: list[tuple[int, Path]] = field(default_factory=list)  # (events then, saved snapshot)


def record(tmp_path: Path, seed: int = 7, compact_at: int | None = None) -> Recorded:
    agenda, roster = seminar()
    database = tmp_path / "meeting.db.json"
    clock = FakeClock(START)
    meeting = fresh_meeting(clock)
    rng = random.Random(seed)
    found = Recorded(database, clock)
    with MeetingStore.open(database, clock, meeting=agenda.event.id) as store:
        for number in range(1, ACTIONS + 1):
            events = next_action(meeting, rng, clock)
            store.append(events)
            meeting.apply_all(events)
            if number == compact_at:
                store.compact()
            if number % EVERY == 0:
                # Alternately from the live meeting and folded again by the store's side.
                assert snapshots.save(store, agenda, roster, meeting if number % 32 else None)
                kept = tmp_path / f"kept-{number}.state"
                shutil.copyfile(files.path_of(store.path), kept)
                found.kept.append((meeting.folded_count, kept))
    return found


def from_scratch(database: Path, clock: FakeClock) -> Meeting:
    meeting = fresh_meeting(clock)
    with MeetingStore.open(database) as store:
        meeting.apply_all(store.events())
    return meeting


def opened(database: Path, clock: FakeClock) -> tuple[Meeting, MeetingStore]:
    agenda, roster = seminar()
    meeting = Meeting(agenda, roster, clock)
    return meeting, snapshots.open_folded(database, agenda, roster, meeting)


def same(a: Meeting, b: Meeting, clock: FakeClock) -> None:
    assert a.state == b.state
    assert every_view(a, clock.now()) == every_view(b, clock.now())
    assert a.last_floor_event == b.last_floor_event
    assert a.folded_count == b.folded_count


def test_every_snapshot_folds_to_the_fold_from_scratch(tmp_path: Path) -> None:
    recorded = record(tmp_path)
    database, clock = recorded.database, recorded.clock
    scratch = from_scratch(database, clock)
    assert len(recorded.kept) == ACTIONS // EVERY
    undone_past = 0
    for count, kept in recorded.kept:
        shutil.copyfile(kept, files.path_of(str(database)))
        meeting, store = opened(database, clock)
        with store:
            if reaches_past(scratch.events, count):
                # An undo after the snapshot takes back an action from before it: the journal
                # was read once for it, and the fold is the whole journal's.
                undone_past += 1
                assert store.resumed is None and meeting.replay.resumed_count == 0
                assert len(meeting.events) == scratch.folded_count
            else:
                assert store.resumed is not None, f"the snapshot of {count} events was not used"
                assert meeting.replay.resumed_count == count
                assert len(meeting.events) == scratch.folded_count - count  # only the rest
            same(meeting, scratch, clock)
    assert undone_past < len(recorded.kept)  # most snapshots stand for their events


def reaches_past(events: list[dict], count: int) -> bool:
    """Whether an undo among the events after the first `count` takes back one of theirs."""
    before = {e.get("action") for e in events[:count]}
    return any(e["type"] == "undo" and e.get("undoes") in before for e in events[count:])


def test_the_meeting_goes_on_alike_from_every_snapshot(tmp_path: Path) -> None:
    """Commands decided on a resumed meeting, undos reaching past the snapshot included,
    leave it equal to a meeting folded from scratch that takes the same events."""
    recorded = record(tmp_path)
    database, clock = recorded.database, recorded.clock
    reached_past = 0
    for count, kept in [*recorded.kept[::3], recorded.kept[-1]]:  # the last: at the very end
        copy = tmp_path / f"db-{count}"
        copy.mkdir()
        shutil.copyfile(database, copy / database.name)
        shutil.copyfile(kept, files.path_of(str(copy / database.name)))
        scratch = from_scratch(copy / database.name, clock)
        meeting, store = opened(copy / database.name, clock)
        rng = random.Random(count)
        with store:
            assert store.resumed is not None
            for _ in range(6):  # back past the snapshot: every action since it and more
                if not meeting.can_undo():
                    break
                events = meeting.undo(confirmed=True)
                store.append(events, Expectation(meeting.last_floor_event, is_floor_event))
                meeting.apply_all(events)
                scratch.apply_all(events)
                same(meeting, scratch, clock)
            reached_past += meeting.replay.resumed_count == 0  # it read the events before it
            for _ in range(20):
                events = next_action(meeting, rng, clock)
                expect = (Expectation(meeting.last_floor_event, is_floor_event)
                          if any(map(is_floor_event, events)) else None)
                store.append(events, expect)
                meeting.apply_all(events)
                scratch.apply_all(events)
                same(meeting, scratch, clock)
    assert reached_past, "no undo reached back past a snapshot"


def test_a_floor_decision_after_a_resume_needs_no_earlier_event(tmp_path: Path) -> None:
    """Compare-and-append finds the last floor event among those the snapshot stands for
    without decoding them."""
    recorded = record(tmp_path)
    database, clock = recorded.database, recorded.clock
    agenda, roster = seminar()
    with MeetingStore.open(database) as store:
        assert snapshots.save(store, agenda, roster)  # at the journal's end: no tail at all
    meeting, store = opened(database, clock)
    with store:
        assert store.resumed is not None and meeting.events == []
        events = meeting.request_floor("AT")
        store.append(events, Expectation(meeting.last_floor_event, is_floor_event))
        assert store._journal.skipped > 0  # still not decoded
        assert store.resumed is not None
        # A decision made on an older state is still refused.
        stale = replace(Expectation(None, is_floor_event))
        with pytest.raises(Exception, match="another console recorded a decision first"):
            store.append(meeting.request_floor("BE"), stale)


def test_after_a_compaction_older_snapshots_are_ignored(tmp_path: Path, caplog) -> None:
    recorded = record(tmp_path, compact_at=100)
    database, clock = recorded.database, recorded.clock
    scratch = from_scratch(database, clock)
    older = [k for c, k in recorded.kept if int(k.stem.split("-")[1]) < 100]
    newer = [k for c, k in recorded.kept if int(k.stem.split("-")[1]) > 100]
    assert older and newer
    caplog.set_level(logging.INFO)
    for kept in older:
        shutil.copyfile(kept, files.path_of(str(database)))
        meeting, store = opened(database, clock)
        with store:
            assert store.resumed is None
            same(meeting, scratch, clock)
    assert "another generation" in caplog.text
    shutil.copyfile(newer[0], files.path_of(str(database)))
    meeting, store = opened(database, clock)
    with store:
        assert store.resumed is not None
        same(meeting, scratch, clock)


def test_a_compaction_saves_a_snapshot_by_itself(tmp_path: Path) -> None:
    recorded = record(tmp_path)
    database, clock = recorded.database, recorded.clock
    agenda, roster = seminar()
    os.unlink(files.path_of(str(database)))
    meeting, store = opened(database, clock)
    done = []
    with store:
        snapshots.keep_after_compactions(store, agenda, roster)
        store.on_compacted(lambda: done.append(True))
        store.compact()
        for thread in [t for t in __import__("threading").enumerate() if t.name == "store-snapshot"]:
            thread.join(30)
    assert done and os.path.exists(files.path_of(str(database)))
    again, store = opened(database, clock)
    with store:
        assert store.resumed is not None and again.events == []
        same(again, from_scratch(database, clock), clock)


# -- a snapshot that does not match is never used -----------------------------------------------


@pytest.fixture
def recorded(tmp_path: Path) -> Recorded:
    found = record(tmp_path)
    agenda, roster = seminar()
    with MeetingStore.open(found.database) as store:
        assert snapshots.save(store, agenda, roster)
    return found


def state_file(recorded: Recorded) -> Path:
    return Path(files.path_of(str(recorded.database)))


def key_of(database: Path | str) -> bytes:
    """The database's snapshot key, as anyone who can read the database can read it."""
    first = Path(database).read_bytes().split(b"\n", 1)[0]
    found = journal.key_of(records.decode(first))
    assert found is not None
    return found


def read_saved(database: Path | str) -> files.Saved:
    saved = files.read(str(database), key_of(database))
    assert saved is not None
    return saved


def signed(key: bytes, header: dict, store_bytes: bytes, fold: bytes) -> bytes:
    """A snapshot file of these parts, its lengths and keyed checksum made right."""
    header = {**header, "store_len": len(store_bytes), "fold_len": len(fold)}
    line = json.dumps(header).encode() + b"\n"
    mac = hmac.new(key, line + store_bytes + fold, hashlib.sha256).hexdigest().encode()
    return mac + b" " + line + store_bytes + fold


def rewrite(path: Path, header_change: dict | None = None, fold: bytes | None = None,
            store_part: dict | None = None, key: bytes | None = None) -> None:
    """A snapshot changed and signed again with the database's key (a forgery by someone who
    holds the database), or with `key`."""
    database = str(path)[: -len(files.SUFFIX)]
    saved = read_saved(database)
    store_bytes = json.dumps(store_part if store_part is not None else saved.store).encode()
    fold = saved.fold if fold is None else fold
    header = {**saved.header, **(header_change or {})}
    path.write_bytes(signed(key or key_of(database), header, store_bytes, fold))


def ignored(recorded: Recorded, caplog, words: str) -> None:
    caplog.set_level(logging.INFO)
    meeting, store = opened(recorded.database, recorded.clock)
    with store:
        assert meeting.replay.resumed_count == 0, "a snapshot that does not match was used"
        same(meeting, from_scratch(recorded.database, recorded.clock), recorded.clock)
    assert words in caplog.text


def test_a_damaged_snapshot_is_ignored(recorded: Recorded, caplog) -> None:
    data = bytearray(state_file(recorded).read_bytes())
    data[len(data) // 2] ^= 0x40
    state_file(recorded).write_bytes(bytes(data))
    ignored(recorded, caplog, "checksum")


def test_a_truncated_snapshot_is_ignored(recorded: Recorded, caplog) -> None:
    data = state_file(recorded).read_bytes()
    state_file(recorded).write_bytes(data[: len(data) - 100])
    ignored(recorded, caplog, "snapshot ignored")


def test_a_snapshot_of_other_bytes_is_ignored(recorded: Recorded, caplog) -> None:
    """The journal replaced by another of the same generation (restored from elsewhere)."""
    data = bytearray(recorded.database.read_bytes())
    saved = read_saved(recorded.database)
    at = saved.header["length"] - 50
    data[at] = ord("0") if data[at] != ord("0") else ord("1")
    recorded.database.write_bytes(bytes(data))
    caplog.set_level(logging.INFO)
    with pytest.raises(Exception, match="damaged record"):  # the full read finds the damage
        opened(recorded.database, recorded.clock)
    assert "differ" in caplog.text


def test_a_snapshot_longer_than_the_journal_is_ignored(recorded: Recorded, caplog) -> None:
    rewrite(state_file(recorded), {"length": recorded.database.stat().st_size + 10})
    ignored(recorded, caplog, "shorter than")


def test_a_snapshot_of_another_agenda_is_ignored(recorded: Recorded, caplog) -> None:
    """An agenda edited since (a time limit changes the fold): folded from the start."""
    agenda, roster = seminar()
    edited = replace(agenda, defaults=replace(agenda.defaults, statement=agenda.defaults.statement + 60))
    caplog.set_level(logging.INFO)
    meeting = Meeting(edited, roster, recorded.clock)
    with snapshots.open_folded(recorded.database, edited, roster, meeting):
        assert meeting.replay.resumed_count == 0
    scratch = Meeting(edited, roster, recorded.clock)
    with MeetingStore.open(recorded.database) as store:
        scratch.apply_all(store.events())
    assert meeting.state == scratch.state
    assert "another agenda" in caplog.text


def test_a_snapshot_of_another_meeting_or_version_is_ignored(recorded: Recorded, caplog) -> None:
    rewrite(state_file(recorded), {"meeting": "another-meeting"})
    ignored(recorded, caplog, "made for the meeting 'another-meeting'")
    rewrite(state_file(recorded), {"meeting": seminar()[0].event.id, "event_version": 99})
    ignored(recorded, caplog, "events of version 99")
    rewrite(state_file(recorded), {"event_version": 1, "schema": 99})
    ignored(recorded, caplog, "schema 99")


def test_a_snapshot_that_counts_other_events_is_ignored(recorded: Recorded, caplog) -> None:
    saved = read_saved(recorded.database)
    part = {**saved.store, "events": {**saved.store["events"],
                                      "ids": saved.store["events"]["ids"][:-1]}}
    rewrite(state_file(recorded), store_part=part)
    ignored(recorded, caplog, "event ids for")


class Boom:
    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, ("touch pwned",))


def test_a_forged_snapshot_runs_no_code(recorded: Recorded, caplog, tmp_path: Path,
                                        monkeypatch) -> None:
    """Signed with the database's own key (its holder forging it): a pickle where the fold
    should be is not read, a store part of the wrong shape is not used."""
    import pickle

    monkeypatch.chdir(tmp_path)
    saved = read_saved(recorded.database)
    rewrite(state_file(recorded), fold=pickle.dumps({"state": Boom()}))
    ignored(recorded, caplog, "does not read back")
    part = {**saved.store, "tables": ["not", "tables"]}
    rewrite(state_file(recorded), fold=saved.fold, store_part=part)
    ignored(recorded, caplog, "its tables")
    assert not (tmp_path / "pwned").exists()


def test_undoing_another_consoles_action_from_before_the_snapshot_still_asks(
        tmp_path: Path) -> None:
    """The last actions' events travel with the snapshot: whose the last action was is known
    without reading the journal, and told as from the first event."""
    from moderator.core import AskAgain

    recorded = record(tmp_path)
    database, clock = recorded.database, recorded.clock
    agenda, roster = seminar()
    with MeetingStore.open(database) as store:
        assert snapshots.save(store, agenda, roster)
    meeting, store = opened(database, clock)
    scratch = from_scratch(database, clock)  # a console of its own, like the resumed one
    with store:
        assert meeting.events == [] and meeting.can_undo()
        with pytest.raises(AskAgain) as resumed_said:
            meeting.undo()
        with pytest.raises(AskAgain) as scratch_said:
            scratch.undo()
        assert str(resumed_said.value) == str(scratch_said.value)
        assert meeting.replay.history is not None  # told without reading the journal


def test_the_fold_read_at_the_opening_is_let_go_and_read_again_for_a_save(
        tmp_path: Path, monkeypatch) -> None:
    """A week's fold is tens of megabytes: once the meeting resumed from it, the store keeps
    none of it, and a save that must fold again reads it from the file, if the file still
    holds the snapshot the store was opened with (else it folds from the first event)."""
    recorded = record(tmp_path)
    database, clock = recorded.database, recorded.clock
    agenda, roster = seminar()
    count, kept = recorded.kept[-1]
    shutil.copyfile(kept, files.path_of(str(database)))
    scratch = from_scratch(database, clock)
    reads: list[str] = []
    read = files.read
    monkeypatch.setattr(files, "read", lambda path, key: (reads.append(path), read(path, key))[1])
    meeting, store = opened(database, clock)
    with store:
        assert store.resumed is not None and store.resumed.fold == b""
        assert meeting.replay.resumed_count == count
        reads.clear()
        assert snapshots.save(store, agenda, roster)  # no meeting given: folded again
        assert len(reads) == 1  # the fold read again from the file
    meeting, store = opened(database, clock)
    with store:
        same(meeting, scratch, clock)
    # Another snapshot in the file since the opening: not that fold, the journal's events.
    shutil.copyfile(kept, files.path_of(str(database)))
    meeting, store = opened(database, clock)
    with store:
        shutil.copyfile(recorded.kept[-2][1], files.path_of(str(database)))
        assert store.fold_of_resumed() == b""
        assert snapshots.save(store, agenda, roster)
    meeting, store = opened(database, clock)
    with store:
        assert store.resumed is not None
        same(meeting, scratch, clock)
