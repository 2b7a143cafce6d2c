"""The store's contract: events in order, read_new, drafts, settings, TinyDB tables, Writer."""

from __future__ import annotations

import errno
import os
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from moderator.store import MeetingStore, StoreError, Writer
from tests.store.conftest import event


def test_events_in_order_and_idempotent(db_path: Path) -> None:
    with MeetingStore.open(db_path) as store:
        store.append([event(0), event(1)])
        store.append([event(1), event(2), event(2)])  # already stored: skipped
        assert [e["id"] for e in store.events()] == [event(n)["id"] for n in range(3)]
        assert store.events()[0] == event(0)


def test_read_new_sees_every_handle_once(db_path: Path) -> None:
    with MeetingStore.open(db_path) as console, MeetingStore.open(db_path) as clock:
        assert clock.read_new() == []
        console.append([event(0)])
        console.append([event(1)])
        assert [e["id"] for e in clock.read_new()] == [event(0)["id"], event(1)["id"]]
        assert clock.read_new() == []
        clock.append([event(2)])
        assert [e["id"] for e in console.read_new()] == [event(n)["id"] for n in range(3)]


def test_read_new_survives_another_handles_compaction(db_path: Path) -> None:
    with MeetingStore.open(db_path) as one, MeetingStore.open(db_path) as two:
        one.append([event(n) for n in range(5)])
        assert len(two.read_new()) == 5
        one.compact()
        one.append([event(5)])
        assert [e["id"] for e in two.read_new()] == [event(5)["id"]]
        two.append([event(6)])
        assert len(one.events()) == 7


def test_drafts_and_settings(db_path: Path) -> None:
    at = datetime(2026, 12, 10, 9, 30, tzinfo=UTC)
    with MeetingStore.open(db_path) as store:
        store.save_draft("item-3", "First draft", at)
        store.save_draft("item-3", "Second [b]draft[/b]", at)
        store.set_setting("theme", "textual-light")
    with MeetingStore.open(db_path) as store:
        draft = store.draft("item-3")
        assert draft is not None and draft.text == "Second [b]draft[/b]"
        assert draft.at == at.isoformat()
        assert list(store.drafts()) == ["item-3"]
        store.discard_draft("item-3")
        assert store.draft("item-3") is None
        assert store.setting("theme") == "textual-light"
        assert store.setting("missing", "x") == "x"


def test_many_draft_saves_compact_and_keep_the_latest(db_path: Path) -> None:
    at = datetime(2026, 12, 10, tzinfo=UTC)
    with MeetingStore.open(db_path) as store:
        store.append([event(0)])
        for n in range(2100):
            store.save_draft("note", f"v{n}", at)
        assert db_path.read_bytes().count(b"\n") < 1200
    with MeetingStore.open(db_path) as store:
        draft = store.draft("note")
        assert draft is not None and draft.text == "v2099"
        assert len(store.events()) == 1


def test_tinydb_tables_from_two_handles_never_collide(db_path: Path) -> None:
    with MeetingStore.open(db_path) as one, MeetingStore.open(db_path) as two:
        first, second = one.db.table("notes"), two.db.table("notes")
        assert first.insert({"text": "a"}) == 1
        assert second.insert({"text": "b"}) == 2  # not a cached, stale 1
        assert first.insert_multiple([{"text": "c"}, {"text": "d"}]) == [3, 4]
        second.update({"seen": True}, doc_ids=[1])
        assert first.get(doc_id=1) == {"text": "a", "seen": True}
        first.remove(doc_ids=[2])
        assert [d["text"] for d in second.all()] == ["a", "c", "d"]
    with MeetingStore.open(db_path) as again:
        assert len(again.db.table("notes")) == 3


def test_read_only_file_reads_and_refuses_writes(db_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    with MeetingStore.open(db_path) as store:
        store.append([event(0)])
    real_open = os.open

    def read_only(path: str, flags: int, *args: int) -> int:
        if os.fspath(path) == str(db_path) and flags & os.O_RDWR:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", read_only)
    with MeetingStore.open(db_path) as store:
        assert len(store.events()) == 1
        with pytest.raises(StoreError, match="read-only"):
            store.append([event(1)])


def test_writer_reports_durable_and_failed_writes(db_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    store = MeetingStore.open(db_path)
    writer = Writer(store)
    results: list[tuple[str, BaseException | None, str]] = []

    def done(name: str):
        return lambda error: results.append((name, error, threading.current_thread().name))

    writer.submit([event(0)], done("first"))
    writer.flush()
    assert results == [("first", None, "store-writer")]
    fail_once(monkeypatch)
    writer.submit([event(1)], done("second"))
    writer.flush()
    name, error, thread = results[1]
    assert (name, thread) == ("second", "store-writer")
    assert isinstance(error, StoreError) and "disk is full" in str(error)
    fail_once(monkeypatch)
    writer.submit([event(2)])  # no callback: the failure comes back from flush
    with pytest.raises(StoreError, match="disk is full"):
        writer.flush()
    writer.submit([event(3)], done("third"))
    writer.close()
    assert results[-1] == ("third", None, "store-writer")
    assert [e["id"] for e in store.events()] == [event(0)["id"], event(3)["id"]]
    with pytest.raises(StoreError, match="closed"):
        writer.submit([event(4)])
    store.close()


def fail_once(monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.fsync

    def failing(fd: int) -> None:
        monkeypatch.setattr(os, "fsync", real)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", failing)
