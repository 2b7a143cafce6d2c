"""Records made in bulk, a field at a time, are the records the class makes one by one."""

from __future__ import annotations

import dataclasses

import pytest

from moderator.core import timer
from moderator.core.in_bulk import filled, slot_setters
from moderator.core.views import Intervention
from tests.core.test_plain_state import a_meeting_with_everything


def _former_view_of(r) -> Intervention:
    """`timer.view_of` as it was written field by field (the reference)."""
    return Intervention(
        id=r.id, item_id=r.item_id, session_id=r.session_id, who=r.who, guest=r.guest,
        kind=r.kind, on_behalf=r.on_behalf, alignment=r.alignment, request_id=r.request_id,
        started_at=r.started_at, ended_at=r.ended_at, allotted=r.allotted,
        running_since=r.running_since, speaking_seconds_banked=r.speaking_banked,
        paused_seconds_banked=r.paused_banked, paused_since=r.paused_since)


def test_the_speaking_log_s_views_in_bulk_are_each_record_s_view() -> None:
    meeting, _ = a_meeting_with_everything()
    log = meeting.state.log
    assert [timer.view_of(r) for r in log] == [_former_view_of(r) for r in log]
    # Past the count where views are made in bulk (a short log's are made one by one).
    records = log * (timer._BULK_FROM // len(log) + 1)
    assert len(records) > timer._BULK_FROM and timer._VIEW_SETTERS is not None
    made = timer.views_of(records)
    one_by_one = [timer.view_of(r) for r in records]
    assert made == one_by_one
    assert all(type(v) is Intervention for v in made)
    for a, b in zip(made, one_by_one, strict=True):
        assert [getattr(a, f.name) for f in dataclasses.fields(Intervention)] == \
            [getattr(b, f.name) for f in dataclasses.fields(Intervention)]
    assert meeting.log() == [timer.view_of(r) for r in log]
    assert timer.views_of([]) == []


def test_only_a_slotted_class_with_nothing_else_to_do_is_filled() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Plain:
        a: str
        b: int = 0

    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        a: str

        def __post_init__(self) -> None:
            raise ValueError("checked")

    @dataclasses.dataclass(frozen=True)
    class Unslotted:
        a: str

    assert slot_setters(Plain, ["a", "b"]) is not None
    assert slot_setters(Plain, ["b", "a"]) is None  # not in the class's order
    assert slot_setters(Plain, ["a"]) is None  # a field left out
    assert slot_setters(Checked, ["a"]) is None
    assert slot_setters(Unslotted, ["a"]) is None
    made = filled(Plain, slot_setters(Plain, ["a", "b"]), [["x", "y"], [1, 2]], 2)
    assert made == [Plain("x", 1), Plain("y", 2)]
    with pytest.raises(dataclasses.FrozenInstanceError):
        made[0].a = "z"  # type: ignore[misc]
    with pytest.raises(ValueError, match="a column of 1 values for 2 records"):
        filled(Plain, slot_setters(Plain, ["a", "b"]), [["x", "y"], [1]], 2)

