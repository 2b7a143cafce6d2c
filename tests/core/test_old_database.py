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
from tests.core.old_views import views
from tests.core.release1 import DATA, EXPECTED, NOW, copy_release, open_release


def _json(value: object) -> object:
    return json.loads(json.dumps(value, ensure_ascii=False, sort_keys=True))


def _as_then(shown: object, expected: object) -> object:
    """`shown` without the view fields added since the release, each of which must be empty
    on its database (a suspension's `resumes_at`): every field it had compares as it was."""
    if isinstance(shown, dict) and isinstance(expected, dict):
        added = set(shown) - set(expected)
        assert all(shown[key] is None for key in added), {k: shown[k] for k in added}
        return {key: _as_then(value, expected.get(key)) for key, value in shown.items()
                if key not in added}
    if isinstance(shown, list) and isinstance(expected, list) and len(shown) == len(expected):
        return [_as_then(a, b) for a, b in zip(shown, expected, strict=True)]
    return shown


def test_the_old_database_folds_to_the_views_it_showed(tmp_path: Path) -> None:
    meeting, kept = open_release(copy_release(tmp_path, state=False))
    assert len(meeting.events) == EXPECTED["events"]
    assert sorted({e["type"] for e in kept["events"]}) == EXPECTED["types"]
    shown = _json(views(meeting, NOW))
    for name, expected in EXPECTED["views"].items():
        assert _as_then(shown[name], expected) == expected, name
    assert kept["draft"].text == "Half-typed note on the panel"
    assert kept["theme"] == "projector"


def test_the_old_database_exports_what_it_exported(tmp_path: Path) -> None:
    meeting, _ = open_release(copy_release(tmp_path, state=False))
    document = _json(json_export.to_document(build_summary([meeting], FakeClock(NOW))))
    for name, expected in EXPECTED["export"].items():
        assert document[name] == expected, name


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
        assert _as_then(shown[name], expected) == expected, name
    agenda, roster = load_meeting(DATA / "agenda.yaml", DATA / "speakers.yaml")
    with MeetingStore.open(database) as store:
        assert snapshots.save(store, agenda, roster)
    again, kept = open_release(database)
    assert again.replay.resumed_count == EXPECTED["events"] and again.events == []
    assert _json(views(again, NOW)) == shown
    assert kept["draft"].text == "Half-typed note on the panel" and kept["theme"] == "projector"
