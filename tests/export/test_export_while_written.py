"""Exporting a database another process is writing gives a consistent reading of it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from moderator.core import FakeClock
from moderator.export.formats import summarise
from tests.export.scripted import scripted_meeting

WRITER = """
import json, sys
from moderator.store import MeetingStore
events = json.load(open(sys.argv[2]))
with MeetingStore.open(sys.argv[1]) as store:
    for start in range(0, len(events), 3):
        store.append(events[start:start + 3])
"""


def test_export_while_another_process_writes(tmp_path: Path) -> None:
    script = scripted_meeting()
    events = script.meeting.events
    source = tmp_path / "events.json"
    source.write_text(json.dumps(events))
    db = tmp_path / "live.db.json"
    agenda, roster = script.meeting.agenda, script.meeting.roster
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(source)], cwd=Path.cwd())
    counts = []
    try:
        while writer.poll() is None or not counts:
            if db.exists():
                summary = summarise([db], agenda, roster, FakeClock(script.clock.now()))
                counts.append(summary.statistics.interventions)
                # Every reading adds up, whatever moment it was taken at.
                log = summary.interventions()
                assert summary.statistics.speaking_seconds == sum(x.speaking_seconds for *_, x in log)
    finally:
        assert writer.wait(timeout=60) == 0
    final = summarise([db], agenda, roster, FakeClock(script.clock.now()))
    assert counts == sorted(counts)  # a later reading never has fewer interventions
    assert final.statistics.interventions == len(script.meeting.log())
