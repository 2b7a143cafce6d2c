"""The store at the edges: one file by every name, damage never taken for a torn write, a failed
compaction never reported as a lost append, a database that knows its meeting, and nothing
created beside a refused target."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from moderator.store import MeetingStore, StoreError, journal, recover
from tests.helpers.files import file_digest
from tests.store.conftest import event, fail_at, make_db


def ids(path: Path) -> list[str]:
    with MeetingStore.open(path, create=False) as store:
        return [e["id"] for e in store.events()]


# -- one file, one lock, by every name -----------------------------------------------------------

def test_every_name_of_the_file_is_one_database(tmp_path: Path) -> None:
    real = tmp_path / "meeting.db.json"
    make_db(real, 2)
    link = tmp_path / "link.db.json"
    link.symlink_to(real.name)
    (tmp_path / "sub").mkdir()
    dotted = tmp_path / "sub" / ".." / "meeting.db.json"
    with MeetingStore.open(link) as by_link, MeetingStore.open(dotted) as by_dots:
        assert by_link.path == by_dots.path == str(real.resolve())
        by_link.append([event(2)])
        by_link.compact()  # replaces the real file, never the symlink
        by_dots.append([event(3)])
        assert [e["id"] for e in by_link.read_new()][-1] == event(3)["id"]
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert ids(real) == [event(n)["id"] for n in range(4)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.db.json", "meeting.db.json", "sub"]


def test_a_relative_path_is_resolved_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with MeetingStore.open("meeting.db.json") as store:
        store.append([event(0)])
        monkeypatch.chdir("/")  # the process moves on; the store still names the same file
        store.append([event(1)])
        assert store.path == str(tmp_path.resolve() / "meeting.db.json")
    assert ids(tmp_path / "meeting.db.json") == [event(0)["id"], event(1)["id"]]


def test_no_lock_file_to_delete(db_path: Path) -> None:
    """The lock is the database file itself: nothing beside it that a cleanup could remove."""
    with MeetingStore.open(db_path) as first, MeetingStore.open(db_path) as second:
        first.append([event(0)])
        second.append([event(1)])
        first.compact()
        second.append([event(2)])
        assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]
    assert ids(db_path) == [event(n)["id"] for n in range(3)]


# -- damage is damage ----------------------------------------------------------------------------

def _corrupt_line(path: Path, number: int) -> int:
    """Change one character of line `number`'s JSON (checksum now wrong); its byte offset."""
    lines = path.read_bytes().split(b"\n")
    target = bytearray(lines[number - 1])
    target[-3] = ord("Z") if target[-3] != ord("Z") else ord("Y")
    lines[number - 1] = bytes(target)
    path.write_bytes(b"\n".join(lines))
    return sum(len(line) + 1 for line in lines[: number - 1])


def test_a_complete_last_record_with_a_bad_checksum_is_damage(db_path: Path, tmp_path: Path) -> None:
    make_db(db_path, 5)
    last = len(db_path.read_bytes().split(b"\n")) - 1  # the file ends with a newline
    offset = _corrupt_line(db_path, last)
    before = file_digest(db_path)
    with pytest.raises(StoreError) as raised:
        MeetingStore.open(db_path)  # the console, the rapporteur, the export: all refused
    assert str(raised.value).startswith(f"{db_path}:{last}: damaged record at byte {offset}")
    assert file_digest(db_path) == before  # never dropped, never overwritten by the next append
    report = recover(db_path, tmp_path / "saved.db")
    assert [d.line for d in report.damaged] == [last]
    assert ids(tmp_path / "saved.db") == [event(n)["id"] for n in range(4)]


def test_damage_followed_by_a_torn_tail_is_damage(db_path: Path) -> None:
    make_db(db_path, 5)
    last = len(db_path.read_bytes().split(b"\n")) - 1
    offset = _corrupt_line(db_path, last)
    with db_path.open("ab") as handle:
        handle.write(b"0000004a 1234abcd {\"ops\":[[\"put\"")  # a crash's half line after it
    before = file_digest(db_path)
    with pytest.raises(StoreError, match=f":{last}: damaged record at byte {offset}"):
        MeetingStore.open(db_path)
    assert file_digest(db_path) == before


def test_only_an_unterminated_tail_is_torn(db_path: Path) -> None:
    make_db(db_path, 3)
    with db_path.open("ab") as handle:
        handle.write(b"0000004a 1234abcd {\"ops\":[[\"put\"")
    assert ids(db_path) == [event(n)["id"] for n in range(3)]


# -- an append is reported by what happened to it ------------------------------------------------

def test_a_failed_compaction_after_a_durable_append_is_not_a_failed_append(
        db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(journal, "COMPACT_MIN_DEAD", 1000)
    store = MeetingStore.open(db_path)
    for n in range(5):
        store.set_setting("theme", f"theme-{n}")  # 4 superseded documents
    monkeypatch.setattr(journal, "COMPACT_MIN_DEAD", 4)  # due at the next commit
    with monkeypatch.context() as patch:
        fail_at(patch, "replace", 1, errno.ENOSPC)
        store.append([event(0)])  # durable: no error, though the compaction after it failed
    assert store.upkeep_problem is not None
    assert str(db_path) in store.upkeep_problem and "disk is full" in store.upkeep_problem
    assert "saved" in store.upkeep_problem
    assert ids(db_path) == [event(0)["id"]]
    store.append([event(1)])  # the compaction is retried, and now it works
    assert store.upkeep_problem is None
    store.close()
    assert ids(db_path) == [event(0)["id"], event(1)["id"]]


# -- a database knows its meeting ----------------------------------------------------------------

def test_the_meeting_is_recorded_at_creation(db_path: Path) -> None:
    make_db(db_path, 1, meeting="seminar-2026")
    with MeetingStore.open(db_path, meeting="seminar-2026") as store:
        assert store.meeting == "seminar-2026"
    before = file_digest(db_path)
    with pytest.raises(StoreError) as raised:
        MeetingStore.open(db_path, meeting="other-meeting")
    message = str(raised.value)
    assert str(db_path) in message and "'seminar-2026'" in message and "'other-meeting'" in message
    assert file_digest(db_path) == before


def test_an_older_database_is_claimed_by_the_console_only(db_path: Path) -> None:
    make_db(db_path, 1)  # made without a meeting, as the first version did
    with MeetingStore.open(db_path, create=False, meeting="seminar-2026") as reader:
        assert reader.meeting is None  # a reader (the export) never writes
    with MeetingStore.open(db_path, meeting="seminar-2026") as console:
        assert console.meeting == "seminar-2026"
    with pytest.raises(StoreError, match="other-meeting"):
        MeetingStore.open(db_path, meeting="other-meeting")


# -- nothing created beside a refused target -----------------------------------------------------

def test_refused_targets_create_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    fifo = tmp_path / "a-pipe"
    os.mkfifo(fifo)
    for target, reason in ((folder, "not a regular file"), (fifo, "not a regular file"),
                           (tmp_path / "missing" / "m.db", "no such directory")):
        with pytest.raises(StoreError, match=reason):
            MeetingStore.open(target)
    with pytest.raises(StoreError, match="no such database"):
        MeetingStore.open(tmp_path / "typo.db.json", create=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder", "a-pipe"]
    assert list(folder.iterdir()) == []


def test_dev_null_is_refused_and_nothing_appears_in_dev() -> None:
    existed = os.path.exists("/dev/null.lock")  # another program may have left one
    with pytest.raises(StoreError, match="not a regular file"):
        MeetingStore.open("/dev/null")
    assert os.path.exists("/dev/null.lock") == existed


# -- one file has one name -----------------------------------------------------------------------

def test_a_database_with_a_second_name_is_refused(db_path: Path, tmp_path: Path) -> None:
    """Two hard-linked names split at the first compaction: refused, by either name."""
    make_db(db_path, 3)
    other = tmp_path / "copy.db"
    os.link(db_path, other)
    before = file_digest(db_path)
    for name in (db_path, other):
        with pytest.raises(StoreError, match="2 names \\(hard links\\)"):
            MeetingStore.open(name)
    assert file_digest(db_path) == before
    other.unlink()
    assert ids(db_path) == [event(n)["id"] for n in range(3)]


def test_a_second_name_made_while_open_stops_compaction_not_appends(
        db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(journal, "COMPACT_MIN_DEAD", 4)
    store = MeetingStore.open(db_path)
    other = tmp_path / "copy.db"
    os.link(db_path, other)
    for n in range(10):
        store.set_setting("theme", f"theme-{n}")  # superseded documents: a compaction is due
    for n in range(5):
        store.append([event(n)])  # every append durable all the same
    assert store.upkeep_problem is not None and "hard links" in store.upkeep_problem
    assert os.path.samefile(db_path, other)  # still one file: nothing split
    other.unlink()
    store.append([event(5)])  # and the compaction, retried, is done
    assert store.upkeep_problem is None
    store.close()
    assert ids(db_path) == [event(n)["id"] for n in range(6)]


# -- read-only media -----------------------------------------------------------------------------

def read_only_media(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Opening `path` for writing fails as on a read-only mount (EROFS, not a permission)."""
    real = os.open

    def open_(file, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.fspath(file) == str(path) and flags & (os.O_WRONLY | os.O_RDWR):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(file))
        return real(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)


def test_a_database_on_read_only_media_opens_read_only(
        db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_db(db_path, 3)
    read_only_media(monkeypatch, db_path)
    with MeetingStore.open(db_path, create=False) as store:
        assert store.read_only
        assert [e["id"] for e in store.events()] == [event(n)["id"] for n in range(3)]
        with pytest.raises(StoreError, match="opened read-only"):
            store.append([event(3)])


# -- the last record ----------------------------------------------------------------------------

def test_a_last_record_that_lost_only_its_newline_is_kept(db_path: Path) -> None:
    make_db(db_path, 3)
    db_path.write_bytes(db_path.read_bytes()[:-1])  # every byte of the last record but "\n"
    before = file_digest(db_path)
    with MeetingStore.open(db_path) as reader:
        assert [e["id"] for e in reader.events()] == [event(n)["id"] for n in range(3)]
        assert file_digest(db_path) == before  # reading changes nothing
        with MeetingStore.open(db_path) as writer:
            writer.append([event(3)])  # ends the last record first, erases nothing
        assert [e["id"] for e in reader.read_new()] == [event(3)["id"]]
    assert db_path.read_bytes().endswith(b"\n") and b"\n\n" not in db_path.read_bytes()
    assert ids(db_path) == [event(n)["id"] for n in range(4)]
