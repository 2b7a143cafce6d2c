"""Damaged, foreign and newer files: torn tails dropped, anything else a clear error, untouched."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from moderator.store import MeetingStore, StoreError, recover, upgrades
from tests.helpers.files import file_digest
from tests.store.conftest import event, make_db


def test_truncated_last_record_at_every_offset(db_path: Path) -> None:
    make_db(db_path, 4)
    whole = db_path.read_bytes()
    last_start = whole.rstrip(b"\n").rfind(b"\n") + 1
    for cut in range(last_start, len(whole)):
        db_path.write_bytes(whole[:cut])
        # Only the newline missing: the record is whole, and kept.
        kept = 4 if cut == len(whole) - 1 else 3
        with MeetingStore.open(db_path) as store:
            assert [e["id"] for e in store.events()] == [event(n)["id"] for n in range(kept)]
            store.append([event(7)])  # the torn tail is cut off before appending
        with MeetingStore.open(db_path) as store:
            assert [e["id"] for e in store.events()][-1] == event(7)["id"]


def test_garbage_in_the_middle_is_an_error_and_untouched(db_path: Path) -> None:
    make_db(db_path, 5)
    lines = db_path.read_bytes().split(b"\n")
    lines[3] = lines[3][:30] + b"GARBAGE" + lines[3][37:]
    db_path.write_bytes(b"\n".join(lines))
    before = file_digest(db_path)
    offset = sum(len(line) + 1 for line in lines[:3])
    with pytest.raises(StoreError) as raised:
        MeetingStore.open(db_path)
    assert f"{db_path}:4:" in str(raised.value) and f"byte {offset}" in str(raised.value)
    assert file_digest(db_path) == before


def test_recover_salvages_every_intact_record(db_path: Path, tmp_path: Path) -> None:
    make_db(db_path, 5)
    lines = db_path.read_bytes().split(b"\n")
    lines[3] = b"xx" + lines[3]
    db_path.write_bytes(b"\n".join(lines))
    report = recover(db_path, tmp_path / "saved.db")
    assert report.events == 4 and [d.line for d in report.damaged] == [4]
    with MeetingStore.open(tmp_path / "saved.db") as store:
        assert [e["id"] for e in store.events()] == [event(n)["id"] for n in (0, 2, 3, 4)]


def test_zero_length_file(db_path: Path) -> None:
    db_path.write_bytes(b"")
    with pytest.raises(StoreError, match="empty"):
        MeetingStore.open(db_path)
    assert db_path.read_bytes() == b""


def test_stock_tinydb_file_is_not_ours(db_path: Path) -> None:
    db_path.write_text(json.dumps({"_default": {"1": {"a": 1}}}))
    before = file_digest(db_path)
    with pytest.raises(StoreError, match="not a moderator database"):
        MeetingStore.open(db_path)
    assert file_digest(db_path) == before


def test_newer_schema_is_refused(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(upgrades, "CURRENT_SCHEMA", upgrades.CURRENT_SCHEMA + 1)
    make_db(db_path, 1)
    monkeypatch.undo()
    before = file_digest(db_path)
    with pytest.raises(StoreError, match="newer version"):
        MeetingStore.open(db_path)
    assert file_digest(db_path) == before


def test_older_schema_is_upgraded(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_db(db_path, 2)

    def add_theme(tables: upgrades.Tables) -> upgrades.Tables:
        tables["settings"] = {"1": {"name": "theme", "value": "textual-dark"}}
        return tables

    monkeypatch.setattr(upgrades, "CURRENT_SCHEMA", upgrades.CURRENT_SCHEMA + 1)
    monkeypatch.setitem(upgrades.STEPS, upgrades.CURRENT_SCHEMA - 1, add_theme)
    with MeetingStore.open(db_path) as store:
        assert store.setting("theme") == "textual-dark"
        assert len(store.events()) == 2
        assert store.db.table("meta").get(doc_id=1) == {"schema": upgrades.CURRENT_SCHEMA}


def test_files_are_private(db_path: Path) -> None:
    old = os.umask(0)
    try:
        make_db(db_path, 1)
        with MeetingStore.open(db_path) as store:
            store.compact()
    finally:
        os.umask(old)
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert [p.name for p in db_path.parent.iterdir()] == [db_path.name]  # nothing beside it


def test_unreadable_file_is_a_clear_error(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_db(db_path, 1)
    real_open = os.open

    def refuse(path: str, flags: int, *args: int) -> int:
        if os.fspath(path) == str(db_path):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(StoreError, match="permission denied"):
        MeetingStore.open(db_path)
