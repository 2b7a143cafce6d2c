"""Typed events: every type the core decides has a fold and reads back what it wrote; older
versions are upcast; unknown types and newer versions are kept and reported, never dropped."""

from __future__ import annotations

import dataclasses
import importlib
import json
import logging
import pkgutil
import sys
from pathlib import Path

import moderator.core
from moderator.cli import main
from moderator.core import events as ev
from moderator.core.floor import FloorGiven
from moderator.core.fold import folded_types, read_event
from moderator.store import MeetingStore
from tests.core.release1 import DATA, EXPECTED, copy_release, open_release

# Event types this program decides that the release of December 2026 did not: the end of a day,
# the timing of breaks and suspensions, corrected requests (tests/core/test_day.py writes and
# reads each of them back); the delegations' requests from their links, the chair's approval,
# lists ahead of time, the remote mark (tests/core/test_delegation_requests.py).
ADDED_SINCE_RELEASE_1 = {"meeting.adjourned", "meeting.resumed", "break.timed",
                         "sitting.resumption", "request.corrected",
                         "request.asked", "request.accepted", "request.declined",
                         "delegation.remote"}


def _event_types() -> set[type[ev.Event]]:
    """Every Event subclass the core's modules define."""
    for info in pkgutil.walk_packages(moderator.core.__path__, "moderator.core."):
        importlib.import_module(info.name)
    found, todo = set(), [ev.Event]
    while todo:
        for kind in todo.pop().__subclasses__():
            # The class its module names (a slots dataclass replaces the class it decorates).
            if kind.__module__.startswith("moderator.core.") and getattr(
                    sys.modules[kind.__module__], kind.__name__, None) is kind:
                found.add(kind)
            todo.append(kind)
    return found


def test_every_event_type_the_core_decides_has_a_fold() -> None:
    decided = {kind.TYPE for kind in _event_types()} - {ev.UNDO}  # undo: the replay's own
    # (Tests may register folds of their own types: only the core's are compared.)
    core = {t: k for t, k in folded_types().items() if k.__module__.startswith("moderator.core.")}
    assert decided == set(core)
    assert {k.TYPE: k for k in _event_types()} == {**core, ev.UNDO: ev.Undo}
    # The old release's database holds every one of them (and undo), but those added since.
    assert set(EXPECTED["types"]) == decided - ADDED_SINCE_RELEASE_1 | {ev.UNDO}


def test_what_the_core_writes_reads_back_as_the_same_typed_event(tmp_path: Path) -> None:
    meeting, kept = open_release(copy_release(tmp_path, state=False))
    for stored in kept["events"]:
        typed = read_event(stored)
        assert typed is not None, stored["type"]
        again = type(typed).from_dict(json.loads(json.dumps(typed.to_dict())))
        assert again == typed
        assert typed.to_dict()["v"] == type(typed).VERSION


def test_an_old_event_is_upcast_and_its_stored_dict_left_alone() -> None:
    old = {"v": 1, "id": "e1", "at": "2026-12-10T08:00:00+00:00", "role": "moderator",
           "type": "floor.given", "intervention": "i1", "request": "r1", "item": "debate",
           "session": "s1", "who": "TR", "guest": None, "kind": "statement",
           "on_behalf": None, "alignment": ["AL"], "allotted": 180, "suspends": None,
           "running": True}
    stored = dict(old)
    typed = FloorGiven.from_dict(old)
    assert (typed.intervention_id, typed.item_id, typed.session_id) == ("i1", "debate", "s1")
    assert typed.alignment == ("AL",) and typed.allotted == 180
    assert old == stored  # read, never rewritten
    assert FloorGiven.from_dict(FloorGiven.upcast(old)) == typed  # the upcast reads the same
    assert FloorGiven.VERSION == 2 and typed.to_dict()["item_id"] == "debate"
    assert "item" not in typed.to_dict()


def test_the_decided_events_spell_the_item_one_way(tmp_path: Path) -> None:
    """This release writes `item_id` (and `intervention_id`, `session_id`) everywhere."""
    meeting, _ = open_release(copy_release(tmp_path, state=False))
    meeting.record(meeting.give_floor())  # the speaker the point of order suspended resumes
    meeting.record(meeting.give_floor())
    meeting.record(meeting.set_documents(["PC.DEL/9/26"]))
    meeting.record(meeting.adopt_decision("on the record"))
    written = [e for e in meeting.events if e["v"] > 1]
    assert {e["type"] for e in written} >= {"floor.given", "floor.ended", "document.attached",
                                             "decision.adopted"}
    for event in written:
        assert not {"item", "intervention", "session"} & set(event), event


def test_unknown_and_newer_events_are_kept_through_compaction_and_export(
        tmp_path: Path, caplog, capsys) -> None:
    database = copy_release(tmp_path, state=False)
    at = "2026-12-10T10:00:00+00:00"
    strange = [
        {"v": 1, "id": "u1", "at": at, "role": "moderator", "type": "poll.opened", "q": "?"},
        {"v": 1, "id": "u2", "at": at, "role": "moderator", "type": "poll.opened", "q": "!"},
        {"v": 9, "id": "u3", "at": at, "role": "moderator", "type": "floor.ended",
         "intervention_id": "x", "how": "a newer shape"},
    ]
    with MeetingStore.open(database) as store:
        store.append(strange)
        store.compact()
    with caplog.at_level(logging.WARNING, logger="moderator.core.replay"):
        meeting, kept = open_release(database)
    assert [e for e in kept["events"] if e["id"].startswith("u")] == strange
    assert meeting.unfolded_events() == {"poll.opened v1 (unknown type)": 2,
                                         "floor.ended v9 (newer version)": 1}
    logged = [r.getMessage() for r in caplog.records if "kept but not folded" in r.getMessage()]
    assert len(logged) == 2  # once per kind, not once per event
    # The meeting shows what it showed before: nothing was folded from them.
    assert meeting.floor() is not None and meeting.floor().id == EXPECTED["views"]["floor"]["id"]
    out = tmp_path / "summary.json"
    agenda, speakers = DATA / "agenda.yaml", DATA / "speakers.yaml"
    code = main(["export", "--db", str(database), "--agenda", str(agenda), "--speakers",
                 str(speakers), "--format", "json", "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    with MeetingStore.open(database) as store:
        assert [e for e in store.events() if e["id"].startswith("u")] == strange


def test_the_report_survives_a_snapshot(tmp_path: Path) -> None:
    """Resumed from `<db>.state`, the meeting still says what it kept without folding."""
    from moderator.session.snapshots import save

    database = copy_release(tmp_path, state=False)
    unknown = {"v": 1, "id": "u1", "at": "2026-12-10T10:00:00+00:00", "role": "moderator",
               "type": "poll.opened"}
    meeting, _ = open_release(database)
    with MeetingStore.open(database) as store:
        store.append([unknown])
        meeting.apply(unknown)
        save(store, meeting.agenda, meeting.roster, meeting)
    resumed, _ = open_release(database)
    assert resumed.replay.resumed_count == EXPECTED["events"] + 1  # from the snapshot
    assert resumed.unfolded_events() == {"poll.opened v1 (unknown type)": 1}


def test_every_event_type_is_a_frozen_dataclass_with_slots() -> None:
    for kind in _event_types():
        assert dataclasses.is_dataclass(kind) and kind.__dataclass_params__.frozen, kind
        assert "__slots__" in kind.__dict__, kind
        assert kind.TYPE and kind.VERSION >= 1
        assert all(v in kind.UPCASTS for v in range(1, kind.VERSION)), kind


def test_the_old_database_is_only_read_from_a_copy(tmp_path: Path) -> None:
    """The fixture is read from a copy: the test data folder is never written."""
    before = {p.name: p.stat().st_mtime_ns for p in DATA.iterdir()}
    open_release(copy_release(tmp_path, state=True))
    assert {p.name: p.stat().st_mtime_ns for p in DATA.iterdir()} == before
