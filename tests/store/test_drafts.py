"""The rapporteur's draft: saved off the UI thread, latest text wins, offered back after a crash."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from moderator.core.clock import FakeClock
from moderator.store import MeetingStore
from moderator.store.drafts import DraftKeeper, edit_key


def test_the_latest_text_is_durable_after_flush(tmp_path):
    store = MeetingStore.open(tmp_path / "m.db", FakeClock())
    keeper = DraftKeeper(store)
    for n in range(50):
        keeper.keep("rapporteur", f"text {n}")
    keeper.flush()
    keeper.close()
    store.close()
    reopened = MeetingStore.open(tmp_path / "m.db")
    assert reopened.draft("rapporteur").text == "text 49"


def test_discard_removes_the_draft_and_nothing_is_offered(tmp_path):
    store = MeetingStore.open(tmp_path / "m.db", FakeClock())
    keeper = DraftKeeper(store)
    keeper.keep("rapporteur", "half a sentence")
    keeper.discard("rapporteur")
    keeper.flush()
    assert keeper.recovered("rapporteur") is None
    keeper.keep("rapporteur", "half a sentence")
    keeper.flush()
    assert keeper.recovered("rapporteur").text == "half a sentence"
    keeper.close()


def test_blank_draft_is_not_offered_back(tmp_path):
    store = MeetingStore.open(tmp_path / "m.db", FakeClock())
    keeper = DraftKeeper(store)
    keeper.keep("rapporteur", "  \n")
    keeper.flush()
    assert keeper.recovered("rapporteur") is None
    assert store.drafts() == {}  # nothing written at all: the editor keeps its blank each second
    keeper.keep("rapporteur", "a word")
    keeper.flush()
    keeper.keep("rapporteur", "")  # cleared (or saved): the draft goes
    keeper.flush()
    assert store.drafts() == {}
    keeper.close()


def test_a_draft_survives_kill_9_of_the_writing_process(tmp_path):
    db = tmp_path / "m.db"
    script = textwrap.dedent(
        f"""
        import os, signal
        from moderator.store import MeetingStore
        from moderator.store.drafts import DraftKeeper
        keeper = DraftKeeper(MeetingStore.open({str(db)!r}))
        keeper.keep("rapporteur", "Türkiye stressed #rec public-private")
        keeper.flush()
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], env=os.environ | {"PYTHONPATH": "."})
    assert done.returncode == -9
    store = MeetingStore.open(db)
    assert DraftKeeper(store).recovered("rapporteur").text == "Türkiye stressed #rec public-private"


def test_an_edit_is_kept_under_its_note_and_the_latest_is_offered(tmp_path):
    clock = FakeClock()
    store = MeetingStore.open(tmp_path / "m.db", clock)
    keeper = DraftKeeper(store)
    keeper.keep(edit_key("rapporteur", "note-1"), "older edit")
    keeper.flush()
    clock.advance(5)
    keeper.keep(edit_key("rapporteur", "note-2"), "newer edit")
    keeper.keep(edit_key("moderator-notes", "note-3"), "another editor's")
    keeper.flush()
    keeper.close()
    again = DraftKeeper(MeetingStore.open(tmp_path / "m.db"))
    assert again.recovered("rapporteur") is None  # no new note was being typed
    note_id, draft = again.recovered_edit("rapporteur")
    assert (note_id, draft.text) == ("note-2", "newer edit")
    note_id, draft = again.recovered_edit("moderator-notes")
    assert (note_id, draft.text) == ("note-3", "another editor's")
    assert again.recovered_edit("nobody") is None
    again.close()
