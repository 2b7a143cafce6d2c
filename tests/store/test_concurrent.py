"""Two and three processes appending at once: all present, no duplicates, each sees the others."""

from __future__ import annotations

from pathlib import Path

import pytest

from moderator.store import MeetingStore
from tests.store.conftest import start_appender

pytestmark = pytest.mark.slow  # several writer processes

PER_PROCESS = 150


@pytest.mark.parametrize("processes", [2, 3])
def test_concurrent_writers_lose_nothing(db_path: Path, processes: int) -> None:
    MeetingStore.open(db_path).close()
    children = [start_appender(db_path, f"p{n}", PER_PROCESS) for n in range(processes)]
    written: dict[int, set[str]] = {}
    for number, child in enumerate(children):
        assert child.stdout is not None
        written[number] = {child.stdout.readline().strip() for _ in range(PER_PROCESS)}
    seen: dict[int, set[str]] = {}
    for number, child in enumerate(children):
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write("go\n")
        child.stdin.flush()
        line = child.stdout.readline().split()
        assert line[0] == "seen"
        seen[number] = set(line[1:])
        assert child.wait() == 0
    with MeetingStore.open(db_path) as store:
        ids = [e["id"] for e in store.events()]
        doc_ids = [doc.doc_id for doc in store.db.table("events").all()]
    assert len(ids) == processes * PER_PROCESS
    assert len(set(ids)) == len(ids)
    assert len(set(doc_ids)) == len(doc_ids)
    for number in range(processes):
        others = set().union(*(w for n, w in written.items() if n != number))
        assert seen[number] == others
