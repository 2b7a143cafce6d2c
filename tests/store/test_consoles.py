"""Consoles beside a database: presence held by a lock, drafts per console, orphans claimed once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

from moderator.core.identity import new_console
from moderator.store import MeetingStore
from moderator.store.presence import Presence, folder_of

START = datetime(2026, 12, 10, 8, 0, tzinfo=UTC)


def record(role: str, name: str | None = None) -> dict:
    return new_console(role, START, name=name).as_record()


def test_a_console_sees_the_others_and_not_itself(tmp_path: Path) -> None:
    db = tmp_path / "m.db.json"
    chair = Presence.open(db, record("moderator"))
    other = Presence.open(db, record("moderator"))
    notes = Presence.open(db, record("rapporteur"))
    assert [r["id"] for r in chair.others("moderator")] == [other.id]
    assert {r["id"] for r in chair.others()} == {other.id, notes.id}
    other.close()
    assert chair.others("moderator") == []
    assert (os.stat(folder_of(db)).st_mode & 0o777) == 0o700


def test_a_console_killed_with_9_is_gone_at_once_and_its_file_removed(tmp_path: Path) -> None:
    db = tmp_path / "m.db.json"
    script = textwrap.dedent(f"""
        import sys, time
        from moderator.store.presence import Presence
        p = Presence.open({str(db)!r}, {{"id": "abc123", "role": "moderator", "host": "h"}})
        print("ready", flush=True)
        time.sleep(60)
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        me = Presence.open(db, record("moderator"))
        assert [r["id"] for r in me.others()] == ["abc123"] and me.is_alive("abc123")
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert me.others() == [] and not me.is_alive("abc123")
    assert sorted(p.name for p in folder_of(db).iterdir()) == [f"{me.id}.json"]
    assert json.loads((folder_of(db) / f"{me.id}.json").read_text())["role"] == "moderator"


def test_orphaned_drafts_are_each_claimed_once_by_one_console(tmp_path: Path) -> None:
    with MeetingStore.open(tmp_path / "m.db.json") as store:
        store.save_draft("rapporteur@aaa", "first rapporteur's text", seat="host:rapporteur-1")
        store.save_draft("rapporteur@aaa:edit:n1", "first's edit", seat="host:rapporteur-1")
        store.save_draft("rapporteur@bbb", "second rapporteur's text", seat="host:rapporteur-2")
        store.save_draft("moderator-notes@ccc", "the chair's own", seat="host:rapporteur-2")
        store.save_draft("rapporteur@live", "a console still typing")
        alive = {"live"}.__contains__
        # The second rapporteur restarts first, at its own seat: it gets its own text only.
        got = store.claim_drafts("rapporteur", "new2", "host:rapporteur-2", alive)
        assert [(d.key, d.text) for d in got] == [("rapporteur@new2", "second rapporteur's text")]
        # A console at a seat nobody left gets the oldest orphan, with its edit.
        got = store.claim_drafts("rapporteur", "new3", "host:elsewhere", alive)
        assert sorted(d.key for d in got) == ["rapporteur@new3", "rapporteur@new3:edit:n1"]
        # Nothing is offered twice, nothing of a living console is taken, nothing was lost.
        assert store.claim_drafts("rapporteur", "new4", None, {"live", "new2", "new3"}.__contains__) == []
        texts = {k: d.text for k, d in store.drafts().items()}
        assert texts == {"rapporteur@new2": "second rapporteur's text",
                         "rapporteur@new3": "first rapporteur's text",
                         "rapporteur@new3:edit:n1": "first's edit",
                         "moderator-notes@ccc": "the chair's own",
                         "rapporteur@live": "a console still typing"}


def test_a_draft_kept_before_consoles_had_ids_goes_to_the_first_console(tmp_path: Path) -> None:
    with MeetingStore.open(tmp_path / "m.db.json") as store:
        store.save_draft("rapporteur", "typed with the old version")
        got = store.claim_drafts("rapporteur", "c1", None, lambda _console: True)
        assert [(d.key, d.text) for d in got] == [("rapporteur@c1", "typed with the old version")]
        assert store.claim_drafts("rapporteur", "c2", None, lambda _console: True) == []
