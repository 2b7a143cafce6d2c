"""Many records of one slotted dataclass, made at once a field at a time.

A frozen dataclass's `__init__` sets each field through `object.__setattr__` (1.5 us for a
note of 13 fields); made empty and filled a column at a time through the fields' slots, the
same records cost half as much. Used where records come by the thousand: a snapshot's tables
(`plain_state`), the speaking log's views (`timer.views_of`). Only for a class whose
`__init__` does nothing else: no `__post_init__`, and every field given.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import fields, is_dataclass
from itertools import repeat
from types import MemberDescriptorType
from typing import Any

Setter = Callable[[Any, Any], None]


def slot_setters(kind: type, names: Sequence[str]) -> list[Setter] | None:
    """The setters of `kind`'s fields in the order of `names`, when its records can be made by
    filling them (`names` are all its fields, in order; it has slots and no `__post_init__`);
    None where the class must be called for each record."""
    if not is_dataclass(kind) or hasattr(kind, "__post_init__") \
            or tuple(f.name for f in fields(kind)) != tuple(names):
        return None
    slots = [vars(kind).get(name) for name in names]
    if not all(type(slot) is MemberDescriptorType for slot in slots):
        return None
    return [slot.__set__ for slot in slots]


def filled(kind: type, setters: Sequence[Setter], columns: Sequence[Sequence[Any]],
           count: int) -> list[Any]:
    """`count` records of `kind`, field i of each from `columns[i]` (each `count` long)."""
    records = list(map(object.__new__, repeat(kind, count)))
    for setter, column in zip(setters, columns, strict=True):
        if len(column) != count:
            raise ValueError(f"a column of {len(column)} values for {count} records")
        deque(map(setter, records, column), maxlen=0)
    return records
