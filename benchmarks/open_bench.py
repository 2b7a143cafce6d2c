"""Open the large meeting's database and rebuild the state: what every console does at start."""

from __future__ import annotations

import statistics
import time

from generate import LargeMeeting
from lines import Line

from moderator.core import Meeting, SystemClock, load_meeting
from moderator.store import MeetingStore
from moderator.store.collector import paused

RUNS = 5


def open_and_fold(large: LargeMeeting) -> tuple[float, float]:
    agenda, roster = load_meeting(large.agenda, large.roster)
    start = time.perf_counter()
    with MeetingStore.open(large.database) as store:
        opened = time.perf_counter()
        meeting = Meeting(agenda, roster, SystemClock())
        with paused():  # as the session's opening folds
            meeting.apply_all(store.read_new())
        folded = time.perf_counter()
    assert len(meeting.events) == large.events
    return opened - start, folded - start


def through_snapshot(large: LargeMeeting) -> float:
    from moderator.session.snapshots import open_folded

    agenda, roster = load_meeting(large.agenda, large.roster)
    start = time.perf_counter()
    meeting = Meeting(agenda, roster, SystemClock())
    with open_folded(large.database, agenda, roster, meeting) as store:
        took = time.perf_counter() - start
        assert store.resumed is not None and meeting.folded_count == large.events
    return took


def run(workdir: str, large: LargeMeeting) -> list[Line]:
    resumed = statistics.median(through_snapshot(large) for _ in range(RUNS))
    runs = [open_and_fold(large) for _ in range(RUNS)]
    total = statistics.median(r[1] for r in runs)
    opening = statistics.median(r[0] for r in runs)
    return [Line(f"Open a {large.events:,}-event database and rebuild the state (median of "
                 f"{RUNS}; opening {opening:.2f} s, folding {total - opening:.2f} s)",
                 f"{total:.2f} s", "-", "-", "< 0.5 s", total < 0.5),
            Line(f"The same through the snapshot its last clean quit left (median of {RUNS})",
                 f"{resumed:.2f} s", f"{total:.2f} s (from the first event)",
                 f"{resumed / total:.2f}x", "-", True)]
