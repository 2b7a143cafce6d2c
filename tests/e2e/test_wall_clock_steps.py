"""A real chair's process under a wall clock stepped by libfaketime (Debian's faketime package):
+1 h, then -70 min, while someone speaks; the countdown and the exported time stay true."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from moderator.core import SystemClock
from moderator.export import json_export
from moderator.export.build import build_summary
from tests.e2e.test_notes_tmux import bundled

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = Path("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1")

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.skipif(
    shutil.which("faketime") is None or not LIBRARY.exists(),
    reason="Debian's faketime package is not installed (apt-get install faketime; .ci/run "
           "installs it): the real-process wall-clock step test cannot run")]


class Chair:
    """tests/e2e/chair_process.py under libfaketime, its offset read from a file each call."""

    def __init__(self, database: Path, offset_file: Path) -> None:
        self.offset_file = offset_file
        self.step("+0")
        env = {**os.environ, "LD_PRELOAD": str(LIBRARY), "FAKETIME_TIMESTAMP_FILE": str(offset_file),
               "FAKETIME_NO_CACHE": "1",
               # CLOCK_BOOTTIME is not stepped by a changed system time: libfaketime leaves it.
               "FAKETIME_DONT_FAKE_MONOTONIC": "1"}
        self.child = subprocess.Popen(
            [sys.executable, "-m", "tests.e2e.chair_process", str(database)], cwd=ROOT, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def step(self, offset: str) -> None:
        self.offset_file.write_text(offset + "\n")

    def do(self, command: str) -> dict:
        assert self.child.stdin is not None and self.child.stdout is not None
        self.child.stdin.write(command + "\n")
        self.child.stdin.flush()
        return json.loads(self.child.stdout.readline())

    def close(self) -> None:
        assert self.child.stdin is not None
        self.child.stdin.close()
        assert self.child.wait(timeout=30) == 0


def timed(chair: Chair, command: str, asked: float, began: float) -> tuple[dict, float, float]:
    """The child's answer, and the least and most seconds since its timer started that it can
    have measured: it started between `asked` and `began`, and answered while we waited."""
    before = time.monotonic()
    answer = chair.do(command)
    return answer, before - began, time.monotonic() - asked


def test_plus_one_hour_and_minus_seventy_minutes_move_neither_countdown_nor_record(tmp_path):
    database = tmp_path / "meeting.db.json"
    meeting = bundled()
    from moderator.store import MeetingStore

    with MeetingStore.open(database) as store:
        item = next(i for _, i in meeting.agenda.items() if not i.speakers)
        store.append(meeting.record(meeting.start_item(item.id)))
        store.append(meeting.record(meeting.request_floor("TR")))
    chair = Chair(database, tmp_path / "offset")
    try:
        # The child's steady clock is this process's: what it says must lie between the times
        # this process read before and after asking (a loaded machine answers late; a stepped
        # wall clock would put it an hour off). A second either side for rounding.
        asked = time.monotonic()
        given = chair.do("give")
        began = time.monotonic()  # the timer started between `asked` and now
        allotted = given["remaining"]
        chair.step("+1h")
        stepped, low, high = timed(chair, "timer", asked, began)
        # The process's wall clock moved an hour; the countdown did not.
        wall_moved = (datetime.fromisoformat(stepped["wall"])
                      - datetime.fromisoformat(given["wall"])).total_seconds()
        assert wall_moved > 3500
        assert stepped["state"] == "running"
        assert low - 1 <= stepped["elapsed"] <= high + 1
        more, low, high = timed(chair, "more", asked, began)  # decided at the stepped time
        assert allotted + 30 - high - 1 <= more["remaining"] <= allotted + 30 - low + 1
        chair.step("-10m")  # -70 minutes from +1 h
        back, low, high = timed(chair, "timer", asked, began)
        assert low - 1 <= back["elapsed"] <= high + 1
        ended, spoken_low, spoken_high = timed(chair, "finish", asked, began)
        assert ended["state"] == "idle"
    finally:
        chair.close()
    # The export (read by this process, on the true clock) holds the true speaking time.
    with MeetingStore.open(database) as store:
        folded = bundled()
        folded.apply_all(store.events())
    document = json.loads(json_export.render(build_summary([folded], SystemClock())))
    [line] = [x for s in document["sessions"] for i in s["items"] for x in i["interventions"]]
    assert spoken_low - 1 <= line["speaking_seconds"] <= spoken_high + 1
    assert line["started_at"] <= line["ended_at"]
