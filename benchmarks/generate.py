"""The large meeting of the benchmarks, built in a temporary directory through the real core and store.

A week-long meeting: 5 days, 40 items (8 a day), 2,000 interventions, 10,000 notes, 50,000
events; it ends on day 5 with a speaker on the floor and the timer running. A second agenda file
holds the same 40 items plus 160 more still pending (200 items), for the console's start-up line.
Nothing here is ever committed: `python benchmarks/generate.py DIR` writes it where asked.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import yaml

from moderator.core import FakeClock, Meeting, Refused, load_meeting
from moderator.core.model import InterventionKind
from moderator.store import MeetingStore

ROOT = Path(__file__).resolve().parent.parent
DAYS = 5
ITEMS_PER_DAY = 8  # 40 items spoken on
EXTRA_ITEMS_PER_DAY = 32  # pending items of the 200-item agenda
INTERVENTIONS = 2_000
NOTES = 10_000
EVENTS = 50_000
FIRST_DAY = date(2026, 12, 7)
WORDS = ("delegation supports the draft decision with amendments on resilience of public spaces "
         "partnership private sector operators stadiums concert halls information sharing "
         "national action plan victims training exercises guidance vulnerability").split()
TAGS = ("#rec", "#action", "#decision", "#quote", "#follow-up")


@dataclass(frozen=True)
class LargeMeeting:
    """Where the generated meeting lives, and what it holds."""

    directory: Path
    agenda: Path  # 40 items
    agenda_200: Path  # the same 40 items and 160 pending ones
    roster: Path
    database: Path
    events: int
    interventions: int
    notes: int
    ends_at: datetime  # the clock of the last event


def agenda_document(extra_items: int, days: int = DAYS) -> dict:
    sessions = []
    for day in range(days):
        when = (FIRST_DAY + timedelta(days=day)).isoformat()
        halves = [("am", "09:00", "13:00", 0), ("pm", "14:00", "18:00", ITEMS_PER_DAY // 2)]
        for half, start, end, first in halves:
            items = [{"id": f"d{day + 1}-{n + 1}", "title": f"Day {day + 1}, item {n + 1}: "
                      f"{' '.join(WORDS[(day + n) % 20:(day + n) % 20 + 4])}",
                      "kind": "discussion", "minutes": 60}
                     for n in range(first, first + ITEMS_PER_DAY // 2)]
            sessions.append({"id": f"d{day + 1}-{half}", "title": f"Day {day + 1}, {half}",
                             "date": when, "start": start, "end": end, "items": items})
        if extra_items:
            items = [{"id": f"d{day + 1}-x{n + 1}", "title": f"Day {day + 1}, side item {n + 1}",
                      "kind": "discussion", "minutes": 5} for n in range(extra_items)]
            sessions.append({"id": f"d{day + 1}-eve", "title": f"Day {day + 1}, evening",
                             "date": when, "start": "18:00", "end": "21:00", "items": items})
    return {
        "event": {"id": "bench-week", "title": "A week-long expert meeting (benchmark)",
                  "kind": "Meeting", "venue": "Hofburg, Vienna",
                  "dates": [(FIRST_DAY + timedelta(days=d)).isoformat() for d in range(days)],
                  "timezone": "Europe/Vienna"},
        "defaults": {"statement": 180, "right_of_reply": 120, "point_of_order": 60,
                     "question": 90, "warning": 30, "ordering": "request"},
        "sessions": sessions,
    }


def note_text(chance: random.Random, number: int) -> str:
    words = " ".join(chance.choice(WORDS) for _ in range(chance.randint(8, 40)))
    tag = f" {chance.choice(TAGS)}" if number % 3 == 0 else ""
    return f"{words.capitalize()}.{tag}"


def generate(directory: Path, seed: int = 2026, scale: int = 1,
             snapshot: bool = True) -> LargeMeeting:
    """Write the agendas, the roster and the database of the large meeting into `directory`.

    `scale`: a meeting that many times as long (days, interventions, notes, events). With
    `snapshot`, the folded state is saved beside the database, as a console's clean quit does.
    """
    directory.mkdir(parents=True, exist_ok=True)
    days = DAYS * scale
    agenda_path, agenda_200 = directory / "agenda.yaml", directory / "agenda-200.yaml"
    agenda_path.write_text(yaml.safe_dump(agenda_document(0, days), sort_keys=False),
                           encoding="utf-8")
    agenda_200.write_text(yaml.safe_dump(agenda_document(EXTRA_ITEMS_PER_DAY, days),
                                         sort_keys=False), encoding="utf-8")
    roster_path = directory / "speakers.yaml"
    shutil.copyfile(ROOT / "speakers.yaml", roster_path)
    agenda, roster = load_meeting(agenda_path, roster_path)
    chance = random.Random(seed)
    clock = FakeClock(datetime(2026, 12, 7, 8, 0, tzinfo=UTC))
    meeting = Meeting(agenda, roster, clock, role="moderator")
    delegations = sorted(roster.delegations)
    items = [item.id for session in agenda.sessions for item in session.items]
    per_item = INTERVENTIONS * scale // len(items)
    notes_per_talk = NOTES // INTERVENTIONS
    talks_in_all, notes_in_all, events_in_all = (INTERVENTIONS * scale, NOTES * scale,
                                                 EVENTS * scale)
    pending: list[dict] = []
    database = directory / "meeting.db.json"

    def record(events: list[dict]) -> None:
        meeting.record(events)
        pending.extend(events)

    talks = written = 0
    with MeetingStore.open(database, clock, meeting=agenda.event.id) as store:
        for index, item_id in enumerate(items):
            day = index // ITEMS_PER_DAY
            if index % ITEMS_PER_DAY == 0:  # each morning at 09:00 in Vienna
                clock.set(datetime(2026, 12, 7, 8, 0, tzinfo=UTC) + timedelta(days=day))
            record(meeting.start_item(item_id))
            for _ in range(per_item):
                kind = InterventionKind.QUESTION if talks % 7 == 3 else InterventionKind.STATEMENT
                try:
                    record(meeting.request_floor(chance.choice(delegations), kind))
                except Refused:  # already waiting: a guest asks instead
                    record(meeting.request_floor(None, kind, guest=f"Guest {talks}"))
                clock.advance(chance.randint(5, 30))
                record(meeting.give_floor())
                talks += 1
                # The rest of the budget is timer work (pauses, extra time), spread evenly.
                left = events_in_all - len(meeting.events) - (notes_in_all - written)
                budget = max(0, left // max(1, talks_in_all - talks + 1) - 4)
                for _ in range(notes_per_talk):
                    clock.advance(chance.randint(10, 25))
                    record(meeting.add_note(note_text(chance, written)))
                    written += 1
                for step in range(budget):
                    clock.advance(chance.randint(1, 6))
                    record(meeting.adjust_time(30) if step % 5 == 4 else meeting.toggle_timer())
                if meeting.state.floor.running_since is None:
                    record(meeting.toggle_timer())
            if len(pending) >= 2_000:
                store.append(pending)
                pending.clear()
            if index < len(items) - 1:
                record(meeting.finish_intervention())
        store.append(pending)
        count = len(store.events())
        if snapshot:
            from moderator.session.snapshots import save

            save(store, agenda, roster, meeting)
    return LargeMeeting(directory, agenda_path, agenda_200, roster_path, database, count,
                        len(meeting.log()), len(meeting.notes()), clock.now())


def quit_once(large: LargeMeeting, agenda_path: Path, directory: Path) -> Path:
    """A copy of the database with the snapshot a console on `agenda_path` leaves at a clean
    quit (the generator's own is folded with the 40-item agenda: another agenda ignores it)."""
    from moderator.core import SystemClock
    from moderator.session.snapshots import open_folded, save

    copy = directory / f"quit-{agenda_path.stem}.db.json"
    shutil.copyfile(large.database, copy)
    agenda, roster = load_meeting(agenda_path, large.roster)
    meeting = Meeting(agenda, roster, SystemClock())
    with open_folded(copy, agenda, roster, meeting) as store:
        save(store, agenda, roster, meeting)
    return copy


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", type=Path)
    args = parser.parse_args()
    made = generate(args.directory)
    print(f"{made.database}: {made.events:,} events, {made.interventions:,} interventions, "
          f"{made.notes:,} notes")
    return 0


if __name__ == "__main__":
    sys.exit(main())


class LiveClock:
    """Real time, but starting where the generated meeting stopped: its timer keeps running."""

    def __init__(self, start: datetime) -> None:
        self._start, self._origin = start, time.monotonic()

    def now(self) -> datetime:
        return self._start + timedelta(seconds=time.monotonic() - self._origin)
