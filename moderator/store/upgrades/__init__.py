"""Schema upgrades: `STEPS[n]` turns a schema-n database into schema n+1.

To change the schema: add `upgrades/to_<n+1>.py` with a `step(tables) -> tables`, register it
here and raise `CURRENT_SCHEMA`. Opening an older database runs the steps in order and writes
the result as a new generation of the file (as a compaction does); opening a newer one is
refused.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from moderator.store.errors import StoreError

Tables = dict[str, dict[str, dict[str, Any]]]
Step = Callable[[Tables], Tables]

CURRENT_SCHEMA = 1
STEPS: dict[int, Step] = {}


def upgrade(tables: Tables, schema: int, path: str, target: int | None = None) -> Tables:
    """Run every registered step from `schema` up to the current schema."""
    target = CURRENT_SCHEMA if target is None else target
    upgraded = {name: dict(docs) for name, docs in tables.items()}
    for version in range(schema, target):
        step = STEPS.get(version)
        if step is None:
            raise StoreError(f"{path}: no upgrade from schema {version} to {version + 1}")
        upgraded = step(upgraded)
        upgraded.setdefault("meta", {})["1"] = {**upgraded.get("meta", {}).get("1", {}),
                                                 "schema": version + 1}
    return upgraded
