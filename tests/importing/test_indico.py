"""`moderator import indico`: the test timetable (built from Indico's export format) becomes an
agenda that validates, with every session, item, break and speaker at the right local time."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from moderator.cli import main
from moderator.core import load_meeting, validate_files
from moderator.core.forecast import planned_times
from moderator.core.model import ItemKind
from tests.importing.conftest import TIMETABLE

VIENNA = ZoneInfo("Europe/Vienna")


def run_import(folder: Path, *extra: str, timetable: Path = TIMETABLE) -> int:
    return main(["import", "indico", str(timetable), "--out", str(folder / "agenda.yaml"),
                 "--speakers", str(folder / "speakers.yaml"), *extra])


def indico_entries() -> list[dict]:
    """Every entry of the test timetable, nested ones too, read with plain json."""
    days = json.loads(TIMETABLE.read_text(encoding="utf-8"))["results"]["4812"]
    found = []
    for entries in days.values():
        for entry in entries.values():
            found.append(entry)
            found.extend(entry.get("entries", {}).values())
    return found


def indico_time(stamp: dict) -> datetime:
    moment = datetime.fromisoformat(f"{stamp['date']}T{stamp['time']}").replace(
        tzinfo=ZoneInfo(stamp["tz"]))
    return moment.astimezone(VIENNA)


def name(person: dict) -> str:
    return f"{person['firstName']} {person['familyName']}"


def test_the_timetable_imports_to_an_agenda_that_validates(
    meeting: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_import(meeting, "--force") == 0
    out = capsys.readouterr().out
    problems = validate_files(meeting / "agenda.yaml", meeting / "speakers.yaml")
    assert [p for p in problems if p.is_error] == []
    # The only warning: the two working groups run in parallel.
    assert [p.message for p in problems] == [
        "session 'working-group-b-places-of-worship' (14:00-15:30) overlaps session "
        "'working-group-a-stadiums-and-sports' (14:00-15:30) on 2027-03-26"]
    assert out.startswith(f"Wrote {meeting / 'agenda.yaml'} and {meeting / 'speakers.yaml'}: "
                          "7 sessions, 11 items, 4 breaks, 15 speakers (15 new in the roster)")
    assert ("3 affiliations not matched: 'UEFA', 'Community Security Trust', "
            "'OSCE Secretariat'") in out
    assert "'Ministerio del Interior, España' -> Spain" in out


def test_every_item_and_break_starts_at_its_local_indico_time(meeting: Path) -> None:
    assert run_import(meeting, "--force") == 0
    agenda, _ = load_meeting(meeting / "agenda.yaml", meeting / "speakers.yaml")
    assert agenda.event.timezone == "Europe/Vienna"
    planned = planned_times(agenda)
    actual = sorted(
        (planned[item.id][0].astimezone(VIENNA), item.title, item.kind is ItemKind.BREAK)
        for _, item in agenda.items()
    )
    expected = sorted(
        (indico_time(e["startDate"]), e["title"], e["entryType"] == "Break")
        for e in indico_entries() if e["entryType"] != "Session"
    )
    assert actual == expected
    assert len(actual) == 15
    # Across the change to summer time: 07:30 UTC on 29 March is 09:30 in Vienna.
    session_2 = next(s for s in agenda.sessions if s.title.startswith("Session 2"))
    assert (session_2.date.isoformat(), session_2.start, session_2.end) == (
        "2027-03-29", time(9, 30), time(11, 30))
    assert agenda.event.dates == tuple(sorted({s.date for s in agenda.sessions}))


def test_sessions_keep_their_conveners_and_items_their_presenters(meeting: Path) -> None:
    assert run_import(meeting, "--force") == 0
    agenda, roster = load_meeting(meeting / "agenda.yaml", meeting / "speakers.yaml")
    by_title = {s.title: s for s in agenda.sessions}
    items = {item.title: item for _, item in agenda.items()}
    for entry in indico_entries():
        if entry["entryType"] == "Session":
            title = entry["title"] + (f": {entry['slotTitle']}" if entry["slotTitle"] else "")
            session = by_title[title]
            assert (session.start, session.end) == (
                indico_time(entry["startDate"]).time(), indico_time(entry["endDate"]).time())
            assert roster.name_of(session.moderator) == name(entry["conveners"][0])
            assert [i.title for i in session.items] == [
                c["title"] for c in sorted(entry["entries"].values(),
                                           key=lambda c: c["startDate"]["time"])]
        elif entry["entryType"] == "Contribution":
            scheduled = [roster.name_of(s.ref) for s in items[entry["title"]].speakers]
            assert scheduled == [name(p) for p in entry["presenters"]]
    # Entries outside sessions: one session per run of them.
    assert [i.title for i in by_title["Plenary (26 March)"].items] == [
        "Opening of the meeting", "Coffee break"]
    assert [i.kind for i in by_title["Lunch"].items] == [ItemKind.BREAK]


def test_presenters_join_the_roster_placed_in_their_delegations(meeting: Path) -> None:
    before = (meeting / "speakers.yaml").read_text(encoding="utf-8")
    assert run_import(meeting, "--force") == 0
    _, roster = load_meeting(meeting / "agenda.yaml", meeting / "speakers.yaml")
    placed = {s.name: s.delegation for s in roster.speakers.values()}
    assert placed["Zoë Ødegård"] == "NO"            # the name
    assert placed["Mehmet Öztürk"] == "TR"          # "Turkey", an alias
    assert placed["Олена Коваленко"] == "UA"        # "Україна", an alias
    assert placed["Pēteris Ozoliņš"] == "LV"        # the country in "Permanent Mission of Latvia"
    assert placed["Siobhán Ní Bhriain"] is None     # no affiliation
    assert placed["Lars Øberg"] is None             # "UEFA" is not a delegation
    kovalenko = next(s for s in roster.speakers.values() if s.name == "Олена Коваленко")
    assert kovalenko.id == "olena-kovalenko"
    # Mehmet Öztürk convenes two sessions: one speaker.
    assert sum(1 for s in roster.speakers.values() if s.name == "Mehmet Öztürk") == 1
    # The roster's own text is kept, line for line; the presenters follow it.
    after = (meeting / "speakers.yaml").read_text(encoding="utf-8")
    assert after.startswith(before)
    assert "'UEFA' is not a delegation of the roster" in after


def test_parallel_sessions_stay_apart(meeting: Path) -> None:
    assert run_import(meeting, "--force") == 0
    agenda, _ = load_meeting(meeting / "agenda.yaml", meeting / "speakers.yaml")
    groups = [s for s in agenda.sessions if s.title.startswith("Working group")]
    assert [(s.start, s.end) for s in groups] == [(time(14, 0), time(15, 30))] * 2
    assert [[i.title for i in s.items] for s in groups] == [
        ["Security at large sports events", "Questions and answers"],
        ["Protecting places of worship together with their communities", "Exchange of views"],
    ]
    text = (meeting / "agenda.yaml").read_text(encoding="utf-8")
    assert "# Parallel to 'working-group-b-places-of-worship'" in text
    assert "# Indico c113: 2027-03-26 14:00-14:30 (then 5 min free)" in text


def test_importing_again_adds_nobody_twice(meeting: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_import(meeting, "--force") == 0
    roster_text = (meeting / "speakers.yaml").read_text(encoding="utf-8")
    capsys.readouterr()
    assert run_import(meeting, "--force") == 0
    assert "15 speakers (0 new in the roster)" in capsys.readouterr().out
    assert (meeting / "speakers.yaml").read_text(encoding="utf-8") == roster_text


def test_without_force_nothing_is_written(meeting: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = {p: p.read_bytes() for p in meeting.iterdir()}
    assert run_import(meeting) == 1
    err = capsys.readouterr().err
    assert f"{meeting / 'agenda.yaml'}: already exists; give --force" in err
    assert "nothing written" in err
    assert {p: p.read_bytes() for p in meeting.iterdir()} == files


def test_into_an_empty_folder_the_osce_roster_is_started(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_import(tmp_path) == 0
    agenda, roster = load_meeting(tmp_path / "agenda.yaml", tmp_path / "speakers.yaml")
    # No agenda to take the event from: Indico's event id, the zone the file was exported in.
    assert agenda.event.id == "indico-4812"
    assert agenda.event.timezone == "UTC"
    assert agenda.sessions[0].start == time(8, 30)
    assert len([d for d in roster.delegations.values() if d.category == "participating-state"]) == 57


def test_the_timezone_and_title_can_be_given(tmp_path: Path) -> None:
    assert run_import(tmp_path, "--timezone", "America/New_York", "--title", "Tabletop") == 0
    agenda, _ = load_meeting(tmp_path / "agenda.yaml", tmp_path / "speakers.yaml")
    assert (agenda.event.title, agenda.event.id) == ("Tabletop", "tabletop")
    # 08:30 UTC on 26 March is 04:30 in New York (already on summer time).
    assert agenda.sessions[0].start == time(4, 30)
    first = planned_times(agenda)[agenda.sessions[0].items[0].id][0]
    assert first == datetime(2027, 3, 26, 8, 30, tzinfo=UTC)


def test_an_event_is_chosen_among_several(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = json.loads(TIMETABLE.read_text(encoding="utf-8"))
    days = document["results"]["4812"]
    document["results"] = {"4812": days, "4813": {"20270401": {}}}
    path = tmp_path / "two.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert run_import(tmp_path, timetable=path) == 1
    assert "it holds 2 events: choose one with --event (events: 4812, 4813)" in capsys.readouterr().err
    assert run_import(tmp_path, "--event", "4813", timetable=path) == 1
    assert "the timetable of event 4813 is empty" in capsys.readouterr().err
    assert run_import(tmp_path, "--event", "4812", timetable=path) == 0
    assert not list(tmp_path.glob(".*.tmp"))
