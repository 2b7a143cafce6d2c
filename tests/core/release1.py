"""The database written by the release of December 2026 (tests/core/data/release1/): where it
is, what it showed, and how a test copies and opens it."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

from moderator.core import FakeClock, Meeting, load_meeting
from moderator.session import open_meeting

DATA = Path(__file__).parent / "data" / "release1"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
NOW = datetime.fromisoformat(EXPECTED["now"])


def copy_release(tmp_path: Path, *, state: bool) -> Path:
    database = tmp_path / "meeting.db.json"
    shutil.copyfile(DATA / "meeting.db.json", database)
    database.chmod(0o600)
    if state:
        shutil.copyfile(DATA / "meeting.db.json.state", tmp_path / "meeting.db.json.state")
        (tmp_path / "meeting.db.json.state").chmod(0o600)
    return database


def open_release(database: Path) -> tuple[Meeting, dict]:
    agenda, roster = load_meeting(DATA / "agenda.yaml", DATA / "speakers.yaml")
    with open_meeting(agenda, roster, database, role="moderator", clock=FakeClock(NOW),
                      records=False) as opened:
        store = opened.store
        kept = {"draft": store.draft("rapporteur@0123456789ab"), "theme": store.setting("theme"),
                "events": store.events()}
    return opened.meeting, kept
