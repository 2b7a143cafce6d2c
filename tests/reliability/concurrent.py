"""Several processes appending to one database at once (the store's own appender child)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from moderator.store import MeetingStore
from tests.store.conftest import start_appender


@dataclass
class ConcurrentFigures:
    written: int = 0
    stored: int = 0
    lost: int = 0
    duplicates: int = 0
    problems: list[str] = field(default_factory=list)


def run_concurrent(path: Path, processes: int, writes: int) -> ConcurrentFigures:
    """`processes` children x `writes` appends each; then every child reads what the others wrote."""
    children = [start_appender(path, f"p{n}", writes) for n in range(processes)]
    acknowledged: list[set[str]] = []
    for child in children:
        assert child.stdout is not None
        acknowledged.append({child.stdout.readline().strip() for _ in range(writes)})
    figures = ConcurrentFigures()
    for number, child in enumerate(children):
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write("\n")
        child.stdin.flush()
        seen = set(child.stdout.readline().split()[1:])
        others = set().union(*(a for n, a in enumerate(acknowledged) if n != number))
        if not others <= seen:
            figures.problems.append(f"p{number} never saw {len(others - seen)} of the others' writes")
        child.wait(timeout=60)
    with MeetingStore.open(path) as store:
        ids = [e["id"] for e in store.events()]
    everything = set().union(*acknowledged)
    figures.written = sum(len(a) for a in acknowledged)
    figures.stored = len(ids)
    figures.lost = len(everything - set(ids))
    figures.duplicates = len(ids) - len(set(ids))
    return figures
