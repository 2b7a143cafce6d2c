"""The export reads through the folded-state snapshot: the same summary as from every event,
with only the events after the snapshot decoded; databases sharing events still count them once."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from moderator.cli import main
from moderator.core import FakeClock
from moderator.export.formats import RENDERERS, summarise
from moderator.session import snapshots
from moderator.store import MeetingStore, records
from moderator.store import snapshot as files
from tests.reliability.scenario import DATA, START, fresh_meeting, next_action, seminar


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


def _untouched_note_line(journal: bytes, start: int, end: int) -> tuple[int, bytes, dict]:
    """A journal line between bytes `start` and `end` that adds a note never changed later:
    its offset, its bytes and its record."""
    changed = {op[3].get("note") for line in journal.split(b"\n") if line
               for op in (records.decode(line) or {}).get("ops", [])
               if op[0] == "put" and op[3].get("type", "").startswith("note.")
               and op[3]["type"] != "note.added"}
    offset = 0
    for line in journal.split(b"\n"):
        record = records.decode(line) if start < offset < end - len(line) else None
        for op in (record or {}).get("ops", []):
            event = op[3] if op[0] == "put" else {}
            if event.get("type") == "note.added" and event["note"] not in changed \
                    and event["text"].startswith("Shares"):
                return offset, line, record
        offset += len(line) + 1
    raise AssertionError("no note to edit in the middle of the journal")


def test_an_edit_in_the_middle_of_the_journal_shows_under_a_stale_snapshot(
        database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The snapshot stands for every byte of its journal: a note's text edited by hand in the
    middle (its record's checksum made right, the file's length and ends unchanged) is what
    the export shows, not the text the snapshot folded."""
    saved = Path(files.path_of(str(database))).read_bytes()
    length = json.loads(saved[saved.index(b"{"):saved.index(b"\n")])["length"]
    journal = database.read_bytes()
    offset, line, record = _untouched_note_line(journal, 4096, length - 4096)
    for op in record["ops"]:
        if op[0] == "put" and op[3].get("type") == "note.added":
            op[3]["text"] = op[3]["text"].replace("Shares", "SHARES", 1)
    edited = records.encode(record).rstrip(b"\n")
    assert len(edited) == len(line)
    database.write_bytes(journal[:offset] + edited + journal[offset + len(line):])
    out = tmp_path / "summary.json"
    assert main(["export", "--agenda", str(DATA / "agenda.yaml"), "--speakers",
                 str(DATA / "speakers.yaml"), "--db", str(database), "--out", str(out)]) == 0
    capsys.readouterr()
    assert "SHARES threat assessments" in out.read_text(encoding="utf-8")
