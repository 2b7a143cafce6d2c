"""A database written by the release of December 2026 opens, folds and exports as it did then.

`tests/core/data/release1/` holds the database (every event type the core decides, version-1
events spelling the item `item`), the `<db>.state` its clean quit saved, the draft and setting
it kept, and `expected.json`: the views and the JSON export that release showed (made by
`make.py` in the same folder, on that release).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from moderator.core import FakeClock, load_meeting
from moderator.export import json_export
from moderator.export.build import build_summary
from moderator.session import snapshots
from moderator.store import MeetingStore
from moderator.store import snapshot as snapshot_files
from tests.core.old_views import as_then, views
from tests.core.release1 import DATA, EXPECTED, NOW, copy_release, open_release


def _json(value: object) -> object:
    return json.loads(json.dumps(value, ensure_ascii=False, sort_keys=True))



def test_the_old_database_folds_to_the_views_it_showed(tmp_path: Path) -> None:
    meeting, kept = open_release(copy_release(tmp_path, state=False))
    assert len(meeting.events) == EXPECTED["events"]
    assert sorted({e["type"] for e in kept["events"]}) == EXPECTED["types"]
    shown = _json(views(meeting, NOW))
    for name, expected in EXPECTED["views"].items():
        assert as_then(shown[name], expected) == expected, name
    assert kept["draft"].text == "Half-typed note on the panel"
    assert kept["theme"] == "projector"


def test_its_notes_read_with_their_revisions_and_no_author(tmp_path: Path) -> None:
    """Notes of version-1 events: no author named (the revisions say "the rapporteur"), each
    text's revision the id of the event that wrote it, so an edit of an old note names its base."""
    meeting, kept = open_release(copy_release(tmp_path, state=False))
    written: dict[str, list[str]] = {}
    for event in kept["events"]:
        if event["type"] in ("note.added", "note.edited"):
            assert event["v"] == 1 and "author" not in event and "base" not in event
            written.setdefault(event["note"], []).append(event["id"])
    notes = meeting.notes(include_deleted=True)
    assert notes and any(n.history for n in notes)
    for note in notes:
        assert note.author == "" and note.revision == written[note.id][-1]
        assert [v.revision for v in note.versions()] == written[note.id]
        assert {v.by for v in note.versions()} <= {"the rapporteur", "the moderator"}
    edited = next(n for n in notes if not n.deleted)
    meeting.record(meeting.edit_note(edited.id, "Corrected on the old record",
                                     base=edited.revision))
    assert meeting.note(edited.id).history[-1].text == edited.text


def test_the_old_database_exports_what_it_exported(tmp_path: Path) -> None:
    meeting, _ = open_release(copy_release(tmp_path, state=False))
    document = _json(json_export.to_document(build_summary([meeting], FakeClock(NOW))))
    for name, expected in EXPECTED["export"].items():
        if name == "schema_version":
            # Fields were added since (1.2: who spoke remotely), none changed: the same major.
            assert document[name] == json_export.SCHEMA_VERSION
            assert document[name].split(".")[0] == expected.split(".")[0]
            continue
        # Fields added since (an intervention's `remote`) are left out; every field it had is
        # compared whole.
        assert as_then(document[name], expected) == expected, name


def test_its_old_snapshot_is_never_read(tmp_path: Path, caplog) -> None:
    """That release pickled its fold, and its database has no snapshot key: the `.state` is
    not read (not a byte of the pickle), the journal is folded, and the meeting is the same.
    The next snapshot saved gives the database its key (one compaction) and is used."""
    database = copy_release(tmp_path, state=True)
    old_state = Path(snapshot_files.path_of(str(database))).read_bytes()
    assert old_state.startswith(b"{")  # the header of format 1, whose fold was a pickle
    caplog.set_level(logging.INFO)
    meeting, _ = open_release(database)
    assert "no key" in caplog.text
    assert len(meeting.events) == EXPECTED["events"]  # none was taken from the snapshot
    assert meeting.folded_count == EXPECTED["events"]
    shown = _json(views(meeting, NOW))
    for name, expected in EXPECTED["views"].items():
        assert as_then(shown[name], expected) == expected, name
    agenda, roster = load_meeting(DATA / "agenda.yaml", DATA / "speakers.yaml")
    with MeetingStore.open(database) as store:
        assert snapshots.save(store, agenda, roster)
    again, kept = open_release(database)
    assert again.replay.resumed_count == EXPECTED["events"] and again.events == []
    assert _json(views(again, NOW)) == shown
    assert kept["draft"].text == "Half-typed note on the panel" and kept["theme"] == "projector"
