"""Several consoles in real terminals on one database: two chairs racing `n`, two rapporteurs."""

from __future__ import annotations

import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator.core.model import InterventionKind
from moderator.store import MeetingStore
from tests.e2e.test_console_tmux import CONSOLE, Terminal, pytestmark, terminals  # noqa: F401
from tests.e2e.test_notes_tmux import bundled, draft_text

ROUNDS = 100


@pytest.fixture
def two() -> Iterator[tuple[Terminal, ...]]:
    with terminals("first", "second") as pair:
        yield pair


def prepared(database: Path) -> int:
    """An item open with more requests waiting than both consoles can give the floor to."""
    meeting = bundled()
    with MeetingStore.open(database) as store:
        item = next(i for _, i in meeting.agenda.items() if not i.speakers)
        store.append(meeting.record(meeting.start_item(item.id)))
        made = 0
        for kind in (InterventionKind.STATEMENT, InterventionKind.QUESTION,
                     InterventionKind.RIGHT_OF_REPLY):
            for ref in meeting.roster.delegations:
                store.append(meeting.record(meeting.request_floor(ref, kind, force=True)))
                made += 1
    return made


def settled(database: Path, timeout: float = 90) -> list[dict]:
    """The journal once both consoles have stopped writing (read until it stops growing)."""
    deadline = time.monotonic() + timeout
    last, still = -1, 0
    while time.monotonic() < deadline:
        with MeetingStore.open(database) as store:
            events = store.events()
        still = still + 1 if len(events) == last else 0
        if still >= 8:  # 8 reads, 2 s, with nothing new
            return events
        last = len(events)
        time.sleep(0.25)
    raise AssertionError("the consoles never stopped writing")


def test_two_chair_consoles_racing_n_give_each_request_the_floor_once(two, tmp_path: Path):
    first, second = two
    database = tmp_path / "meeting.db.json"
    made = prepared(database)
    assert made > 2 * ROUNDS
    command = f"exec {CONSOLE} run --db {database}"
    first.start(command, tmp_path)
    first.wait_for("waited")
    second.start(command, tmp_path)
    # The second chair console says another one is open, and both can act.
    second.wait_for("Another chair console is", "open on this meeting")
    first.wait_for("Another chair console is")  # and the first learns of it (it looks every 2 s)
    for _ in range(ROUNDS):
        first.keys("n")
        second.keys("n")
    events = settled(database)
    given = [e for e in events if e["type"] == "floor.given"]
    requests = [e["request"] for e in given]
    assert len(requests) == len(set(requests)), "a request was given the floor twice"
    meeting = bundled()
    meeting.apply_all(events)
    heard = [x.request_id for x in meeting.log()]
    waiting = [r.id for r in meeting.queue()]
    made_ids = {e["request"] for e in events if e["type"] == "request.made"}
    assert set(heard) | set(waiting) == made_ids, "a request was lost"
    assert not set(heard) & set(waiting)
    # A press refused because the other console acted first is told, and the presses queued
    # behind it are dropped (they were meant for the old state). On a loaded machine one
    # console can win every race; each of them then gives the floor once on its own, having
    # folded what the other did.
    by_console = Counter(e["console"] for e in given)
    print(f"\nfloor given {len(given)} times for {2 * ROUNDS} presses: {dict(by_console)}")
    for term in (first, second):
        term.keys("n")
        events = settled(database)
    given = [e for e in events if e["type"] == "floor.given"]
    requests = [e["request"] for e in given]
    assert len(requests) == len(set(requests)), "a request was given the floor twice"
    assert len(Counter(e["console"] for e in given)) == 2


def test_two_rapporteurs_get_back_each_their_own_draft_after_kill_9(two, tmp_path: Path):
    first, second = two
    database = tmp_path / "meeting.db.json"
    prepared(database)
    texts = {"rapporteur-1": "Austria supports the register", "rapporteur-2": "Norway asks"}
    for term, name in zip((first, second), texts, strict=True):
        term.start(f"exec {CONSOLE} notes --console {name} --db {database}", tmp_path)
        term.wait_for("New note")
    for term, text in zip((first, second), texts.values(), strict=True):
        term.type(text)
    deadline = time.monotonic() + 10
    while set(texts.values()) - set(drafts_of(database)):
        assert time.monotonic() < deadline, drafts_of(database)
        time.sleep(0.1)
    for term in (first, second):
        pid = term.pid()
        subprocess.run(["kill", "-9", str(pid)], check=True)
        term.wait_gone(pid)
        term.kill()
    # Restarted the other way round: each still gets back exactly its own text.
    for term, name in ((second, "rapporteur-2"), (first, "rapporteur-1")):
        term.session += "-again"
        term.start(f"exec {CONSOLE} notes --console {name} --db {database}", tmp_path)
    for term, (name, text) in zip((first, second), texts.items(), strict=True):
        screen = term.wait_for(text, "Draft recovered")
        other = next(t for n, t in texts.items() if n != name)
        assert other not in screen
    assert draft_text(database) in texts.values()


def drafts_of(database: Path) -> list[str]:
    with MeetingStore.open(database) as store:
        return [d.text for d in store.drafts().values()]
