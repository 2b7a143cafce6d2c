"""The bundled agenda.yaml and speakers.yaml, read with plain `yaml.safe_load`.

These checks hold the bundled data to the event page and to the format; the loader's own
checks of the same files live beside the loader.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
AGENDA = REPO / "agenda.yaml"
SPEAKERS = REPO / "speakers.yaml"
SEED = REPO.parent / "shared" / "seeds" / "000_d35fdf57b4674f33.txt"

# The page marks the Chair's State; the State's own name has no suffix.
CHAIR_SUFFIX = " – OSCE Chairpersonship 2025"

PARTNERS = {
    # Asian Partners for Co-operation
    "Afghanistan", "Australia", "Japan", "Republic of Korea", "Thailand",
    # Mediterranean Partners for Co-operation
    "Algeria", "Egypt", "Israel", "Jordan", "Morocco", "Tunisia",
}  # fmt: skip

EU_MEMBERS = {
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
}  # fmt: skip


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name} is not a mapping"
    return data


@pytest.fixture(scope="module")
def agenda() -> dict[str, Any]:
    return _load(AGENDA)


@pytest.fixture(scope="module")
def roster() -> dict[str, Any]:
    return _load(SPEAKERS)


def _page_participating_states(seed: Path) -> list[str]:
    """The names listed between "Participating States" and "Asian Partners for Co-operation"."""
    lines = [line.strip() for line in seed.read_text(encoding="utf-8").splitlines()]
    start = lines.index("Participating States") + 1
    end = lines.index("- Asian Partners for Co-operation")
    return [line.removeprefix("- ").removesuffix(CHAIR_SUFFIX) for line in lines[start:end]]


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _agenda_refs(agenda: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Every roster id the agenda names, with where it is named."""
    for session in agenda["sessions"]:
        for role in ("moderator", "rapporteur"):
            if role in session:
                yield f"{session['id']}.{role}", session[role]
        for item in session["items"]:
            for speaker in item.get("speakers", []):
                ref = speaker["id"] if isinstance(speaker, dict) else speaker
                yield f"{item['id']}.speakers", ref


def test_participating_states_are_named_exactly_as_on_the_event_page(roster):
    if not SEED.is_file():
        pytest.skip(f"event page not found at {SEED}: cannot compare the list of States")
    page = _page_participating_states(SEED)
    assert len(page) == 57
    states = [d["name"] for d in roster["delegations"] if d["category"] == "participating-state"]
    assert states == page


def test_57_participating_states_and_11_partners(roster):
    delegations = roster["delegations"]
    states = [d for d in delegations if d["category"] == "participating-state"]
    partners = {d["name"] for d in delegations if d["category"] == "partner"}
    assert len(states) == 57
    assert partners == PARTNERS
    assert len([d for d in delegations if d["category"] == "partner"]) == 11


def test_states_have_iso_alpha2_ids_and_norway_stays_the_string_no(roster):
    states = [
        d for d in roster["delegations"] if d["category"] in ("participating-state", "partner")
    ]
    for state in states:
        assert isinstance(state["id"], str) and len(state["id"]) == 2 and state["id"].isupper()
    by_id = {d["id"]: d for d in roster["delegations"]}
    assert by_id["NO"]["name"] == "Norway"
    assert by_id["VA"]["name"] == "Holy See"
    assert by_id["TR"]["name"] == "Türkiye"
    assert {"Turkey", "Turkiye"} <= set(by_id["TR"]["aliases"])
    assert by_id["FI"]["name"] == "Finland"


def test_every_scalar_stays_a_string(roster):
    # YAML 1.1 reads NO, Yes, On... as booleans; no id, name or alias may fall into that trap.
    for entry in roster["delegations"] + roster["speakers"]:
        for key in ("id", "name", "affiliation", "title", "delegation", "group"):
            if key in entry:
                assert isinstance(entry[key], str), (entry, key)
        for alias in entry.get("aliases", []):
            assert isinstance(alias, str), entry


def test_eu_member_states_speak_for_the_eu(roster):
    by_id = {d["id"]: d for d in roster["delegations"]}
    assert by_id["EU"]["category"] == "international-organisation"
    assert {d["id"] for d in roster["delegations"] if d.get("group") == "EU"} == EU_MEMBERS


def test_ids_are_unique_across_delegations_and_speakers(roster, agenda):
    ids = [e["id"] for e in roster["delegations"] + roster["speakers"]]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    sessions = [s["id"] for s in agenda["sessions"]]
    items = [i["id"] for s in agenda["sessions"] for i in s["items"]]
    assert len(sessions) == len(set(sessions))
    assert len(items) == len(set(items))


def test_every_id_the_files_reference_exists(roster, agenda):
    known = {e["id"] for e in roster["delegations"] + roster["speakers"]}
    delegation_ids = {d["id"] for d in roster["delegations"]}
    missing = [(where, ref) for where, ref in _agenda_refs(agenda) if ref not in known]
    assert missing == []
    for entry in roster["speakers"]:
        if "delegation" in entry:
            assert entry["delegation"] in delegation_ids, entry
    for entry in roster["delegations"]:
        if "group" in entry:
            assert entry["group"] in delegation_ids, entry


def test_speakers_are_roles_with_a_known_gender(roster):
    for speaker in roster["speakers"]:
        assert speaker.get("gender") in (None, "female", "male", "other"), speaker
    panelists = [s for s in roster["speakers"] if s.get("title") == "Panelist"]
    genders = [s["gender"] for s in panelists]
    assert genders.count("female") == genders.count("male")


def test_times_and_dates_are_quoted_and_sessions_fit_their_slots(agenda):
    dates = agenda["event"]["dates"]
    assert all(isinstance(d, str) for d in dates)
    assert [date.fromisoformat(d) for d in dates] == [date(2026, 12, 10), date(2026, 12, 11)]
    by_day: dict[str, list[tuple[int, int, str]]] = {}
    for session in agenda["sessions"]:
        assert session["date"] in dates, session["id"]
        start, end = session["start"], session["end"]
        assert isinstance(start, str) and isinstance(end, str), session["id"]
        slot = _minutes(end) - _minutes(start)
        assert slot > 0, session["id"]
        planned = sum(item["minutes"] for item in session["items"])
        assert planned <= slot, (session["id"], planned, slot)
        by_day.setdefault(session["date"], []).append(
            (_minutes(start), _minutes(end), session["id"])
        )
    for day in by_day.values():
        day.sort()
        for (_, end, first), (start, _, second) in zip(day, day[1:], strict=False):
            assert end <= start, f"{first} overlaps {second}"


def test_scheduled_speakers_fit_their_items(agenda):
    for session in agenda["sessions"]:
        for item in session["items"]:
            seconds = sum(
                s.get("seconds", 0) for s in item.get("speakers", []) if isinstance(s, dict)
            )
            assert seconds <= item["minutes"] * 60, item["id"]


def test_every_thematic_session_is_open_to_the_floor(agenda):
    sessions = {s["id"]: s for s in agenda["sessions"]}
    assert list(sessions)[0] == "opening" and list(sessions)[-1] == "closing"
    for number in range(1, 7):
        session = sessions[f"session-{number}"]
        kinds = [item["kind"] for item in session["items"]]
        assert kinds[0] == "panel" and "discussion" in kinds, session["id"]
        assert session.get("moderator") and session.get("rapporteur"), session["id"]
