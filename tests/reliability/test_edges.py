"""The promise at the edges, through the command line: a database of another meeting, a typo'd
path, an export aimed at its own inputs, the same events twice, numbers no meeting can hold."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from moderator.cli import main, options
from moderator.core import FakeClock, load_meeting
from moderator.session import open_meeting
from moderator.store import MeetingStore, StoreError
from tests.helpers.files import file_digest
from tests.reliability.scenario import DATA, START, fresh_meeting, next_action

AGENDA, SPEAKERS = DATA / "agenda.yaml", DATA / "speakers.yaml"
EVENT_ID = "osce-soft-targets-seminar"
FIRST_ITEM = "opening-welcome"


def recorded(path: Path, actions: int = 40, meeting: str | None = EVENT_ID) -> list[dict]:
    """A database of real actions on the bundled seminar (created as `moderator run` does)."""
    clock = FakeClock(START)
    session = fresh_meeting(clock)
    rng = random.Random(5)
    with MeetingStore.open(path, clock, meeting=meeting) as store:
        for _ in range(actions):
            events = next_action(session, rng, clock)
            store.append(events)
            session.apply_all(events)
    return session.events


def agenda_copy(folder: Path, *edits: tuple[str, str]) -> Path:
    text = AGENDA.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    path = folder / "agenda.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def export_args(agenda: Path = AGENDA) -> list[str]:
    return ["export", "--agenda", str(agenda), "--speakers", str(SPEAKERS)]


# -- a database knows its meeting ----------------------------------------------------------------

def test_another_meetings_database_is_refused_naming_both(tmp_path: Path, capsys) -> None:
    db = tmp_path / "seminar.db.json"
    recorded(db)
    before = file_digest(db)
    other = agenda_copy(tmp_path, (f"id: {EVENT_ID}", "id: another-meeting"))
    for command in ("run", "notes", "clock"):
        status, out = cli(capsys, command, "--agenda", str(other), "--speakers", str(SPEAKERS),
                          "--db", str(db))
        assert status == 1, command
        assert f"'{EVENT_ID}'" in out and "'another-meeting'" in out and str(db) in out
    status, out = cli(capsys, *export_args(other), "--db", str(db), "--out", str(tmp_path / "s.md"))
    assert status == 1 and "'another-meeting'" in out and f"'{EVENT_ID}'" in out
    assert not (tmp_path / "s.md").exists()
    assert file_digest(db) == before


def test_the_same_meeting_with_an_edited_agenda_still_opens(tmp_path: Path) -> None:
    db = tmp_path / "seminar.db.json"
    events = recorded(db)
    edited = agenda_copy(
        tmp_path,
        ("title: Welcoming remarks", "title: Welcoming remarks (corrected)"),
        ('end: "10:15"', 'end: "10:20"'),
        (f"      - id: {FIRST_ITEM}\n",
         "      - id: opening-added\n        title: An item added\n        kind: address\n"
         f"        minutes: 5\n      - id: {FIRST_ITEM}\n"),
    )
    agenda, roster = load_meeting(edited, SPEAKERS)
    with open_meeting(agenda, roster, db, role="moderator", clock=FakeClock(START),
                      records=False) as opened:
        meeting = opened.meeting
        assert len(meeting.events) == len(events)
        assert meeting.log() and meeting.log()[0].item_id == FIRST_ITEM


def test_an_agenda_that_lost_a_recorded_item_is_refused_naming_it(tmp_path: Path, capsys) -> None:
    db = tmp_path / "seminar.db.json"
    recorded(db)
    before = file_digest(db)
    renamed = agenda_copy(tmp_path, (f"id: {FIRST_ITEM}\n", "id: opening-renamed\n"))
    agenda, roster = load_meeting(renamed, SPEAKERS)
    with pytest.raises(StoreError, match=f"'{FIRST_ITEM}'"):
        open_meeting(agenda, roster, db, role="moderator", clock=FakeClock(START), create=True)
    status, out = cli(capsys, *export_args(renamed), "--db", str(db), "--out", str(tmp_path / "s.md"))
    assert status == 1 and f"'{FIRST_ITEM}'" in out
    assert file_digest(db) == before


# -- damage is damage, for every command -----------------------------------------------------------

def test_a_damaged_last_record_stops_every_command(tmp_path: Path, capsys) -> None:
    db = tmp_path / "seminar.db.json"
    recorded(db, actions=10)
    lines = db.read_bytes().split(b"\n")
    lines[-2] = lines[-2][:-2] + (b"0" if lines[-2][-2:-1] != b"0" else b"1") + lines[-2][-1:]
    db.write_bytes(b"\n".join(lines))  # complete, newline and all, but its checksum fails
    before = file_digest(db)
    meeting = ["--agenda", str(AGENDA), "--speakers", str(SPEAKERS), "--db", str(db)]
    for argv in (["run", *meeting], ["notes", *meeting],
                 [*export_args(), "--db", str(db), "--out", str(tmp_path / "s.md")]):
        status, out = cli(capsys, *argv)
        assert status == 1 and f"{db}:{len(lines) - 1}: damaged record" in out, argv
    assert file_digest(db) == before
    assert not (tmp_path / "s.md").exists()


# -- only `moderator run` creates a database -----------------------------------------------------

def test_notes_and_export_never_create_a_database(tmp_path: Path, capsys) -> None:
    # (The clock waits for a database that does not exist yet, saying so, and never creates
    # it either: tests/tui/test_audience_clock.py.)
    typo = tmp_path / "seminra.db.json"
    meeting = ["--agenda", str(AGENDA), "--speakers", str(SPEAKERS), "--db", str(typo)]
    for argv in (["notes", *meeting],
                 [*export_args(), "--db", str(typo), "--out", str(tmp_path / "s.md")]):
        status, out = cli(capsys, *argv)
        assert status == 1 and str(typo) in out, argv
    assert list(tmp_path.iterdir()) == []


# -- an export never writes over what it reads ---------------------------------------------------

def test_an_export_never_writes_over_its_inputs(tmp_path: Path, capsys) -> None:
    db = tmp_path / "seminar.db.json"
    recorded(db)
    agenda, speakers = tmp_path / "agenda.yaml", tmp_path / "speakers.yaml"
    shutil.copy(AGENDA, agenda)
    shutil.copy(SPEAKERS, speakers)
    lock = tmp_path / "seminar.db.json.lock"
    lock.write_bytes(b"")  # left by an older version
    link = tmp_path / "link.md"
    link.symlink_to(db.name)
    other = tmp_path / "other.db.json"
    recorded(other, actions=3, meeting="another-meeting")
    targets = (db, agenda, speakers, lock, link, other)
    before = {t: file_digest(t) for t in targets}
    for target in targets:
        status, out = cli(capsys, "export", "--agenda", str(agenda), "--speakers", str(speakers),
                          "--db", str(db), "--format", "md", "--force", "--out", str(target))
        assert status == 1, target
        assert str(target) in out and "never" in out
    assert {t: file_digest(t) for t in targets} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(t.name for t in targets)


def test_an_unknown_extension_is_refused_not_written_as_word(tmp_path: Path, capsys) -> None:
    db = tmp_path / "seminar.db.json"
    recorded(db, actions=5)
    status, out = cli(capsys, *export_args(), "--db", str(db), "--out", str(tmp_path / "summary.exe"))
    assert status == 1 and "summary.exe" in out and "--format" in out
    assert not (tmp_path / "summary.exe").exists()


# -- the same events count once ------------------------------------------------------------------

def _statistics(capsys, tmp_path: Path, name: str, *databases: Path) -> dict:
    out = tmp_path / f"{name}.json"
    status, said = cli(capsys, *export_args(), "--db", *map(str, databases), "--out", str(out))
    assert status == 0, said
    return json.loads(out.read_text(encoding="utf-8"))["statistics"]


def test_the_same_events_in_two_files_count_once(tmp_path: Path, capsys) -> None:
    events = recorded(tmp_path / "scratch.db.json", actions=60)
    db = tmp_path / "seminar.db.json"
    with MeetingStore.open(db, meeting=EVENT_ID) as store:
        store.append(events[: len(events) // 2])
        backup = tmp_path / "seminar.backup.db.json"
        shutil.copy(db, backup)  # a copy made during the meeting, left beside the live file
        store.append(events[len(events) // 2:])
    once = _statistics(capsys, tmp_path, "once", db)
    assert once["interventions"] > 2
    assert _statistics(capsys, tmp_path, "twice", db, db) == once
    assert _statistics(capsys, tmp_path, "backup-first", backup, db) == once
    assert _statistics(capsys, tmp_path, "backup-last", db, backup) == once


# -- numbers a meeting cannot hold ---------------------------------------------------------------

@pytest.mark.parametrize(("old", "new", "said"), [
    ("minutes: 15", "minutes: 99999999999999999999999", "must be at most 1440"),
    ('date: "2026-12-10"', 'date: "9999-12-10"', "years 1970-2999"),
    ("timezone: Europe/Vienna", "timezone: localtime", "this computer's zone"),
    ("title: Welcoming remarks", "title: Welcoming\u200b remarks", "U+200B"),
    ("title: Welcoming remarks", "title: Welcoming \u202eremarks", "U+202E"),
])
def test_validation_bounds_what_a_meeting_can_hold(tmp_path: Path, capsys, old: str, new: str,
                                                   said: str) -> None:
    agenda = agenda_copy(tmp_path, (old, new))
    status, out = cli(capsys, "validate", "--agenda", str(agenda), "--speakers", str(SPEAKERS))
    assert status == 1 and said in out
    line = AGENDA.read_text(encoding="utf-8").split(old)[0].count("\n") + 1
    assert f"{agenda}:{line}:" in out
    status, out = cli(capsys, "run", "--agenda", str(agenda), "--speakers", str(SPEAKERS),
                      "--db", str(tmp_path / "m.db.json"))
    assert status == 1 and said in out and "Traceback" not in out
    assert not (tmp_path / "m.db.json").exists()


def test_an_invisible_character_in_a_name_is_refused(tmp_path: Path, capsys) -> None:
    speakers = tmp_path / "speakers.yaml"
    speakers.write_text(SPEAKERS.read_text(encoding="utf-8").replace(
        "name: Austria,", "name: Aus\u200btria,", 1), encoding="utf-8")
    status, out = cli(capsys, "validate", "--agenda", str(AGENDA), "--speakers", str(speakers))
    assert status == 1 and "U+200B" in out and f"{speakers}:" in out


def test_absurd_stored_values_fold_and_export(tmp_path: Path, capsys) -> None:
    """Valid checksums, absurd values (a hand-edited database): clamped, never a traceback."""
    events = recorded(tmp_path / "scratch.db.json")
    for event in events:
        if event["type"] == "timer.adjusted":
            event["seconds"] = 1e308
        if "allotted" in event:
            event["allotted"] = 10**30
    for event in events[len(events) // 2:]:
        event["at"] = "9999-12-31T23:59:59.999999+00:00"
    db = tmp_path / "absurd.db.json"
    with MeetingStore.open(db, meeting=EVENT_ID) as store:
        store.append(events)
    agenda, roster = load_meeting(AGENDA, SPEAKERS)
    with open_meeting(agenda, roster, db, role="moderator", clock=FakeClock(START),
                      records=False) as opened:
        meeting = opened.meeting
        assert meeting.forecast().status  # the console's forecast survives it
        assert meeting.timer().allotted < 10**8  # clamped, not 10**30 seconds
    for fmt in ("docx", "md", "html", "json", "csv"):
        status, out = cli(capsys, *export_args(), "--db", str(db), "--out", str(tmp_path / f"s.{fmt}"))
        assert status == 0 and "Traceback" not in out, (fmt, out)


# -- no command exits 0 after a crash ------------------------------------------------------------

def test_a_console_that_crashed_does_not_exit_0(monkeypatch: pytest.MonkeyPatch) -> None:
    crashed = SimpleNamespace(run=lambda: None, return_code=1)  # as Textual leaves a crashed app
    monkeypatch.setattr(options, "load_files", lambda args: ("agenda", "roster", Path("db")))
    assert options.launch(SimpleNamespace(), lambda *loaded: crashed) == 1


def test_an_unexpected_error_is_one_line_and_exit_1(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    from moderator.cli import validate

    def broken(*args: object) -> int:
        raise OverflowError("Python int too large to convert to C int")

    monkeypatch.setattr(validate, "validate_files", broken)
    status, out = cli(capsys, "validate", "--agenda", str(AGENDA), "--speakers", str(SPEAKERS))
    assert status == 1 and "OverflowError" in out and "Traceback" not in out
