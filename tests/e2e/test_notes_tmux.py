"""The console and `moderator notes` in two real terminals on one database."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator.cli.options import BUNDLED
from moderator.core import Meeting, SystemClock, load_meeting
from moderator.store import MeetingStore
from tests.e2e.test_console_tmux import CONSOLE, Terminal, pytestmark, terminals  # noqa: F401

DRAFT_PROMISE = 2.0  # seconds of typing a crash may lose


@pytest.fixture
def panes() -> Iterator[tuple[Terminal, ...]]:
    with terminals("moderator", "notes") as pair:
        yield pair


def bundled() -> Meeting:
    """A meeting on the bundled seminar, folding nothing yet."""
    agenda, roster = load_meeting(BUNDLED / "agenda.yaml", BUNDLED / "speakers.yaml")
    return Meeting(agenda, roster, SystemClock())


def folded(database: Path) -> Meeting:
    meeting = bundled()
    with MeetingStore.open(database) as store:
        meeting.apply_all(store.events())
    return meeting


def draft_text(database: Path, slot: str = "rapporteur") -> str:
    """The text of the new note a console of `slot` is typing (drafts are kept per console)."""
    with MeetingStore.open(database) as store:
        drafts = store.drafts()
    texts = [d.text for key, d in drafts.items()
             if key.partition("@")[0] == slot and ":edit:" not in key]
    return texts[0] if texts else ""


def test_a_note_typed_by_the_rapporteur_shows_under_the_speaker_and_survives_kill_9(
    panes: tuple[Terminal, Terminal], tmp_path: Path
) -> None:
    chair, rapporteur = panes
    database = tmp_path / "meeting.db.json"
    # 160 columns: wide enough for the console to keep its notes panel in view.
    chair.start(f"exec {CONSOLE} run --db {database}", tmp_path, width=160, height=40)
    chair.wait_for("Nobody has the floor")
    chair.keys("]")
    chair.keys("a")
    chair.wait_for("Request for the floor")
    chair.type("turki")
    chair.keys("Enter")
    chair.wait_for("waited")
    chair.keys("n")
    chair.wait_for("SPEAKING")

    notes = f"exec {CONSOLE} notes --db {database}"
    rapporteur.start(notes, tmp_path)
    # The bundled first item hears its scheduled speaker first: whoever it is, the rapporteur
    # sees them speaking.
    rapporteur.wait_for("speaking", "New note")
    rapporteur.type("Calls for hotel PPPs #rec")
    rapporteur.keys("C-s")
    rapporteur.wait_for("saved")
    # The chair's follower reads 4 times a second; 10 s leaves room for a loaded machine.
    shown = chair.wait_for("Calls for hotel PPPs", timeout=10)
    # In the moderator's notes panel the note sits below its speaker's line.
    assert "speaking" in shown.partition("Calls for hotel PPPs")[0]
    meeting = folded(database)
    [note] = meeting.notes()
    assert note.intervention_id == meeting.floor().id and note.role == "rapporteur"

    # kill -9 while typing: what was typed more than 2 seconds before is offered back.
    typed_at = time.monotonic()
    rapporteur.type("Austria disagrees on")
    while draft_text(database) != "Austria disagrees on":
        assert time.monotonic() - typed_at < DRAFT_PROMISE, "the draft was not kept in time"
        time.sleep(0.05)
    rapporteur.type(" the last few words")
    pid = rapporteur.pid()
    subprocess.run(["kill", "-9", str(pid)], check=True)
    rapporteur.wait_gone(pid)
    rapporteur.kill()
    rapporteur.session += "-again"
    rapporteur.start(notes, tmp_path)
    rapporteur.wait_for("Austria disagrees on", "Draft recovered")
