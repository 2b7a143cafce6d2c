"""A forged `<db>.state` runs nothing and shows nothing.

The attack that worked on the pickled snapshot: a `.state` whose header anyone with the
database, agenda and roster can compute, and whose fold, a pickle, reaches `os.system` through
names the old allow-list let by (`moderator.core.resume` + `operator.attrgetter` /
`methodcaller`, resolved as dotted names by pickle protocol 4). The snapshot is data now,
authenticated by the key in the database's header: the old forgery is not even read, the same
bytes signed with the right key do not decode, and a well-formed snapshot made without the key
is ignored.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import struct
import zlib
from pathlib import Path

import pytest

from moderator.core.events import EVENT_VERSION
from moderator.core.resume import fold_key
from moderator.session import snapshots
from moderator.store import MeetingStore
from moderator.store import snapshot as files
from moderator.store.upgrades import CURRENT_SCHEMA
from tests.reliability.scenario import seminar
from tests.store.test_snapshots import Recorded, from_scratch, opened, record, same


def _text(value: str) -> bytes:
    raw = value.encode()
    return pickle.BINUNICODE + struct.pack("<I", len(raw)) + raw


def _called_with_one() -> bytes:
    return pickle.TUPLE1 + pickle.REDUCE


def _global(name: str) -> bytes:
    """`moderator.core.resume.<name>`: a core module, and (dotted) whatever it imported."""
    return _text("moderator.core.resume") + _text(name) + pickle.STACK_GLOBAL


def system_call_pickle(marker: Path) -> bytes:
    """A pickle that runs `touch <marker>` through the names the old allow-list let by:
    attrgetter("system")(methodcaller("__getitem__", "os")(
        attrgetter("cwd.__func__.__globals__")(Path)))("touch ...")."""
    return (pickle.PROTO + b"\x04"
            + _global("operator.attrgetter") + _text("system") + _called_with_one()
            + _global("operator.methodcaller") + _text("__getitem__") + _text("os")
            + pickle.TUPLE2 + pickle.REDUCE
            + _global("operator.attrgetter") + _text("cwd.__func__.__globals__")
            + _called_with_one()
            + _global("Path") + _called_with_one()  # pathlib's globals
            + _called_with_one()  # ["os"]: the os module
            + _called_with_one()  # .system
            + _text(f"touch {marker}") + _called_with_one()
            + pickle.STOP)


def computed_old_snapshot(database: Path, fold: bytes) -> bytes:
    """The pickled snapshot's format, every header field computed from the database, the
    agenda and the roster alone, as an attacker could."""
    agenda, roster = seminar()
    journal = database.read_bytes()
    edge = 4096
    with MeetingStore.open(database) as store:
        _, part, tail, _ = store.snapshot_parts()
        meeting = store.meeting
    store_bytes = pickle.dumps(part)
    header = {
        "snapshot": "moderator", "format": 1, "events": len(tail), "schema": CURRENT_SCHEMA,
        "meeting": meeting, "event_version": EVENT_VERSION, "fold_key": fold_key(agenda, roster),
        "gen": json.loads(journal.split(b"\n", 1)[0][18:])["gen"], "length": len(journal),
        "lines": journal.count(b"\n") + 1, "head_crc": zlib.crc32(journal[:edge]),
        "tail_crc": zlib.crc32(journal[-edge:]), "store_len": len(store_bytes),
        "store_crc": zlib.crc32(store_bytes), "fold_len": len(fold), "fold_crc": zlib.crc32(fold),
    }
    return json.dumps(header).encode() + b"\n" + store_bytes + fold


@pytest.fixture
def recorded(tmp_path: Path) -> Recorded:
    return record(tmp_path)


def test_the_pickled_snapshot_attack_runs_nothing(recorded: Recorded, tmp_path: Path,
                                                   caplog) -> None:
    marker = tmp_path / "ran"
    target = Path(files.path_of(str(recorded.database)))
    target.write_bytes(computed_old_snapshot(recorded.database, system_call_pickle(marker)))
    caplog.set_level(logging.INFO)
    meeting, store = opened(recorded.database, recorded.clock)  # as export, serve and run do
    with store:
        assert meeting.replay.resumed_count == 0
    assert not marker.exists(), "a snapshot ran a command"
    same(meeting, from_scratch(recorded.database, recorded.clock), recorded.clock)
    assert "snapshot ignored" in caplog.text


def test_the_attack_signed_with_the_database_key_runs_nothing(recorded: Recorded, tmp_path: Path,
                                                              caplog) -> None:
    """Whoever holds the database can sign a snapshot; what it holds is still only data."""
    from tests.store.test_snapshots import rewrite

    agenda, roster = seminar()
    with MeetingStore.open(recorded.database) as store:
        assert snapshots.save(store, agenda, roster)
    marker = tmp_path / "ran"
    rewrite(Path(files.path_of(str(recorded.database))), fold=system_call_pickle(marker))
    caplog.set_level(logging.INFO)
    meeting, store = opened(recorded.database, recorded.clock)
    with store:
        assert meeting.replay.resumed_count == 0
    assert not marker.exists()
    assert "does not read back" in caplog.text
    same(meeting, from_scratch(recorded.database, recorded.clock), recorded.clock)


def test_a_well_formed_snapshot_made_without_the_key_is_ignored(recorded: Recorded,
                                                                caplog) -> None:
    """A real snapshot of this journal, a note's text changed in its fold, signed with another
    key (made elsewhere, or with a computed header): the record shows the journal's text."""
    from tests.store.test_snapshots import read_saved, rewrite

    agenda, roster = seminar()
    with MeetingStore.open(recorded.database) as store:
        assert snapshots.save(store, agenda, roster)
    saved = read_saved(recorded.database)
    fold = json.loads(saved.fold)
    texts = fold["state"]["extensions"]["notes"][1]  # the notes' texts, a column
    texts[0] = "FORGED"
    forged = json.dumps(fold).encode()
    state = Path(files.path_of(str(recorded.database)))
    original = state.read_bytes()
    rewrite(state, fold=forged, key=os.urandom(32))
    caplog.set_level(logging.INFO)
    meeting, store = opened(recorded.database, recorded.clock)
    with store:
        assert meeting.replay.resumed_count == 0
    assert "keyed checksum" in caplog.text
    assert all(n.text != "FORGED" for n in meeting.notes(include_deleted=True))
    same(meeting, from_scratch(recorded.database, recorded.clock), recorded.clock)
    # The same forgery signed with the database's key is read: the key is what was missing.
    state.write_bytes(original)
    rewrite(state, fold=forged)
    meeting, store = opened(recorded.database, recorded.clock)
    with store:
        assert meeting.replay.resumed_count > 0
        assert any(n.text == "FORGED" for n in meeting.notes(include_deleted=True))


def test_the_key_is_never_in_the_snapshot(recorded: Recorded) -> None:
    from tests.store.test_snapshots import key_of

    agenda, roster = seminar()
    with MeetingStore.open(recorded.database) as store:
        assert snapshots.save(store, agenda, roster)
    key = key_of(recorded.database)
    data = Path(files.path_of(str(recorded.database))).read_bytes()
    assert key not in data and key.hex().encode() not in data
    assert os.stat(files.path_of(str(recorded.database))).st_mode & 0o777 == 0o600
