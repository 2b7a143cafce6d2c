"""An injected failing write or fsync: a clear error, the data before intact, reopening works."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from moderator.store import MeetingStore, StoreError
from tests.store.conftest import event, fail_at


@pytest.mark.parametrize("name", ["write", "fsync"])
@pytest.mark.parametrize("nth", [1, 2, 3])
def test_failed_append_is_reported_and_not_kept(db_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                name: str, nth: int) -> None:
    store = MeetingStore.open(db_path)
    store.append([event(n) for n in range(3)])
    acknowledged = [event(n)["id"] for n in range(3)]
    with monkeypatch.context() as patch:
        fail_at(patch, name, nth, errno.ENOSPC)
        for n in range(3, 6):
            try:
                store.append([event(n)])
                acknowledged.append(event(n)["id"])
            except StoreError as exc:
                assert str(db_path) in str(exc) and "disk is full" in str(exc)
    assert len(acknowledged) == 5  # exactly one append failed
    store.append([event(9)])  # the handle keeps working after the failure
    acknowledged.append(event(9)["id"])
    store.close()
    with MeetingStore.open(db_path) as reopened:
        assert [e["id"] for e in reopened.events()] == acknowledged


def test_failed_undo_stops_the_handle(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = MeetingStore.open(db_path)
    store.append([event(0)])
    with monkeypatch.context() as patch:
        fail_at(patch, "fsync", 1, errno.EIO)
        patch.setattr(os, "ftruncate", _raise_eio)
        with pytest.raises(StoreError):
            store.append([event(1)])
        with pytest.raises(StoreError, match="reopen"):
            store.append([event(2)])  # never carries on as if the fsync had worked
    store.close()
    with MeetingStore.open(db_path) as reopened:
        assert [e["id"] for e in reopened.events()][0] == event(0)["id"]


def _raise_eio(*args: Any) -> None:
    raise OSError(errno.EIO, "I/O error")


def test_failed_compaction_leaves_the_database(db_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    store = MeetingStore.open(db_path)
    store.append([event(n) for n in range(10)])
    before = db_path.read_bytes()
    with monkeypatch.context() as patch:
        fail_at(patch, "replace", 1, errno.ENOSPC)
        with pytest.raises(StoreError, match="disk is full"):
            store.compact()
    assert db_path.read_bytes() == before
    assert [p.name for p in db_path.parent.iterdir() if p.suffix == ".tmp"] == []
    store.append([event(10)])
    store.close()
    with MeetingStore.open(db_path) as reopened:
        assert len(reopened.events()) == 11


def test_cannot_create_in_read_only_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fail_at(monkeypatch, "open", 1, errno.EROFS)
    with pytest.raises(StoreError, match="read-only"):
        MeetingStore.open(tmp_path / "meeting.db")


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_directory(tmp_path: Path) -> None:
    directory = tmp_path / "locked"
    directory.mkdir()
    directory.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="permission denied"):
            MeetingStore.open(directory / "meeting.db")
    finally:
        directory.chmod(0o700)
