"""Damaged databases of a real session: a clear error (or the torn tail dropped), the file's bytes
never changed, and `moderator recover SRC DEST` salvages every intact record into a new file."""

from __future__ import annotations

import builtins
import errno
import os
import random
from pathlib import Path
from typing import Any

import pytest

from moderator.cli import main
from moderator.core import FakeClock
from moderator.store import MeetingStore, StoreError, records
from tests.helpers.files import file_digest
from tests.reliability.scenario import START, fresh_meeting, next_action


def recorded_session(path: Path, actions: int = 30) -> list[str]:
    """A session of real actions, one record per action; returns the event ids per record."""
    clock = FakeClock(START)
    meeting = fresh_meeting(clock)
    rng = random.Random(11)
    per_record: list[str] = []
    with MeetingStore.open(path, clock) as store:
        for _ in range(actions):
            events = next_action(meeting, rng, clock)
            store.append(events)
            meeting.apply_all(events)
            per_record.append(" ".join(e["id"] for e in events))
    return per_record


def stored_ids(path: Path) -> list[str]:
    with MeetingStore.open(path) as store:
        return [e["id"] for e in store.events()]


def recover_cli(source: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, Path]:
    destination = source.with_name(source.name + ".recovered")
    if destination.exists():
        destination.unlink()
    status = main(["recover", str(source), str(destination)])
    captured = capsys.readouterr()
    return status, captured.out + captured.err, destination


def ids_of(per_record: list[str]) -> list[str]:
    return [i for line in per_record for i in line.split()]


def test_truncated_at_every_byte_of_the_last_record(tmp_path: Path, capsys) -> None:
    path = tmp_path / "meeting.db"
    per_record = recorded_session(path)
    whole = path.read_bytes()
    last_start = whole.rstrip(b"\n").rfind(b"\n") + 1
    for cut in range(last_start, len(whole)):  # every torn length, newline missing included
        path.write_bytes(whole[:cut])
        # A record that lost only its newline is whole: kept, by the store and by recover.
        kept = ids_of(per_record if cut == len(whole) - 1 else per_record[:-1])
        before = file_digest(path)
        assert stored_ids(path) == kept, f"cut at byte {cut}"
        assert file_digest(path) == before  # opening never rewrites the file
        status, out, destination = recover_cli(path, capsys)
        assert status == 0, out
        assert stored_ids(destination) == kept
        assert file_digest(path) == before


def test_garbage_in_the_middle(tmp_path: Path, capsys) -> None:
    path = tmp_path / "meeting.db"
    per_record = recorded_session(path)
    lines = path.read_bytes().split(b"\n")
    damaged_line = 12  # header, schema, then one record per action: the 10th action
    lines[damaged_line - 1] = lines[damaged_line - 1][:40] + b"\x00garbage\xff" + lines[damaged_line - 1][48:]
    path.write_bytes(b"\n".join(lines))
    before = file_digest(path)
    with pytest.raises(StoreError) as raised:
        MeetingStore.open(path)
    assert str(raised.value).startswith(f"{path}:{damaged_line}: damaged record")
    assert "moderator recover" in str(raised.value)
    assert file_digest(path) == before
    status, out, destination = recover_cli(path, capsys)
    assert status == 0 and f"line {damaged_line}" in out
    assert stored_ids(destination) == ids_of(per_record[:9] + per_record[10:])
    assert file_digest(path) == before


def test_snapshot_from_a_newer_schema(tmp_path: Path, capsys) -> None:
    path = tmp_path / "meeting.db"
    recorded_session(path, actions=5)
    MeetingStore.open(path).compact()  # a snapshot, then stamp it with a future schema
    lines = path.read_bytes().split(b"\n")
    newer = [records.encode(_future(records.decode(line))).rstrip(b"\n") if line else line
             for line in lines]
    path.write_bytes(b"\n".join(newer))
    before = file_digest(path)
    with pytest.raises(StoreError, match="newer version of moderator") as raised:
        MeetingStore.open(path)
    assert str(path) in str(raised.value)
    assert file_digest(path) == before
    status, out, destination = recover_cli(path, capsys)
    assert status == 1 and "newer version" in out  # salvaging into an older format would lie
    assert not destination.exists()
    assert file_digest(path) == before


def _future(record: dict[str, Any] | None) -> dict[str, Any]:
    assert record is not None
    for op in record.get("ops", []):
        if op[0] == "put" and op[1] == "meta":
            op[3]["schema"] = 99
    return record


def test_zero_length_file(tmp_path: Path, capsys) -> None:
    path = tmp_path / "meeting.db"
    path.write_bytes(b"")
    with pytest.raises(StoreError, match="empty") as raised:
        MeetingStore.open(path)
    assert str(path) in str(raised.value)
    assert path.read_bytes() == b""
    status, out, destination = recover_cli(path, capsys)
    assert status == 0 and "0 events recovered" in out
    assert stored_ids(destination) == []


def test_unreadable_file(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root chmod does not stop reads, so the refusal is injected where the file is opened."""
    path = tmp_path / "meeting.db"
    recorded_session(path, actions=3)
    before = file_digest(path)
    real_open, real_builtin_open = os.open, builtins.open

    def refuse(file: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(file) == str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return (real_open if isinstance(file, str | bytes) and args and isinstance(args[0], int)
                else real_builtin_open)(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", lambda file, *a, **k: refuse(file, *a, **k))
    monkeypatch.setattr(builtins, "open", refuse)
    with pytest.raises(StoreError, match="permission denied") as raised:
        MeetingStore.open(path)
    assert str(path) in str(raised.value)
    status, out, destination = recover_cli(path, capsys)
    assert status == 1 and str(path) in out and "ermission denied" in out
    assert not destination.exists()
    monkeypatch.undo()
    assert file_digest(path) == before
