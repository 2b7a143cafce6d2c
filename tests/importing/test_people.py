"""Placing people in the roster's delegations, and text from other systems made safe."""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import pytest

from moderator.core import load_roster
from moderator.core.search import _SPECIAL, folded
from moderator.importing.indico import read_timetable
from moderator.importing.located_json import Located, _Decoder, read_json
from moderator.importing.people import DelegationFinder, Enrolment, gender_of
from moderator.importing.skeleton import osce_roster
from moderator.importing.text import clean, slug
from tests.importing.conftest import TIMETABLE


@pytest.fixture(scope="module")
def finder() -> DelegationFinder:
    return DelegationFinder(osce_roster())


@pytest.mark.parametrize("text", ["Türkiye", "Turkiye", "TURKEY", "tr", " türkiye "])
def test_names_ids_and_aliases_match_without_accents_or_case(
    finder: DelegationFinder, text: str
) -> None:
    found = finder.find(text)
    assert (found.ref, found.by_country) == ("TR", False)


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("Permanent Mission of Latvia to the OSCE", "LV"),
        ("Bundesministerium für Inneres, Österreich", "AT"),
        ("Ministry of the Interior of the Republic of Moldova", "MD"),
    ],
)
def test_an_affiliation_naming_one_country_is_placed_there(
    finder: DelegationFinder, text: str, ref: str
) -> None:
    found = finder.find(text)
    assert (found.ref, found.by_country) == (ref, True)


def test_two_countries_or_none_are_not_guessed(finder: DelegationFinder) -> None:
    embassy = finder.find("Embassy of Georgia in Austria")
    assert embassy.ref is None and embassy.candidates == ("AT", "GE")
    assert finder.find("UEFA").ref is None
    assert finder.find("").ref is None
    # Short aliases match only as the whole text.
    assert finder.find("Home Office, UK").ref is None
    assert finder.find("uk").ref == "GB"


@pytest.mark.parametrize(
    ("text", "gender", "understood"),
    [("F", "female", True), ("Male", "male", True), ("divers", "other", True),
     ("", None, True), ("Prefer not to say", None, True), ("1", None, False)],
)
def test_gender_spellings(text: str, gender: str | None, understood: bool) -> None:
    assert gender_of(text) == (gender, understood)


def test_one_person_is_enrolled_once() -> None:
    enrolment = Enrolment(osce_roster())
    first = enrolment.enrol("Zoë Ødegård", place="a:1", affiliation="Norway")
    again = enrolment.enrol("ZOE ODEGARD", place="a:2", affiliation="norway")
    # The same name without a delegation, or with another affiliation: the same person.
    unplaced = enrolment.enrol("Zoe Odegard", place="a:3", affiliation="Police University")
    namesake = enrolment.enrol("Zoë Ødegård", place="a:4", affiliation="Sweden")
    assert first == again == unplaced == "zoe-odegard"
    assert namesake == "zoe-odegard-2"
    assert [s.delegation for s in enrolment.added.values()] == ["NO", "SE"]
    # Once two share the name, only the delegation tells which.
    assert enrolment.enrol("Zoë Ødegård", place="a:5", affiliation="Sverige") == namesake
    assert enrolment.enrol("Zoë Ødegård", place="a:6", affiliation="UEFA") == "zoe-odegard-3"


def test_text_is_one_plain_line() -> None:
    assert clean("Ana\u202e María\x1b[31m\tMuñoz\n") == "Ana María [31m Muñoz"
    assert clean(None) == "" and clean(12) == "12"
    assert slug("Ōsaka «Expo» 2025", "x") == "osaka-expo-2025"
    assert slug("日本", "fallback") == "fallback"


def test_hostile_names_reach_the_roster_as_plain_text(tmp_path: Path) -> None:
    document = json.loads(TIMETABLE.read_text(encoding="utf-8"))
    presenter = document["results"]["4812"]["20270326"]["c101"]["presenters"][0]
    presenter["firstName"] = "\x1b]0;owned\x07[bold red]Eve"
    presenter["familyName"] = "Mallory\u202e"
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    timetable = read_timetable(path, timezone="Europe/Vienna")
    person = timetable.entries[0].people[0]
    assert person.name == "]0;owned [bold red]Eve Mallory"
    assert not any(ord(c) < 32 for c in person.name)


def test_json_objects_know_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"a": [\n  {"b": 1},\n\n  {"c": {"d": 2}}\n]}', encoding="utf-8")
    value = read_json(path)
    assert (value.line, value["a"][0].line, value["a"][1].line, value["a"][1]["c"].line) == (
        1, 2, 4, 4)


def _lines(value: object) -> list[tuple[str, int]]:
    """Every object's line, with the path to it, depth first."""
    found: list[tuple[str, int]] = []

    def walk(value: object, at: str) -> None:
        if isinstance(value, Located):
            found.append((at, value.line))
            for key, inner in value.items():
                walk(inner, f"{at}/{key}")
        elif isinstance(value, list):
            for n, inner in enumerate(value):
                walk(inner, f"{at}/{n}")

    walk(value, "")
    return found


@pytest.mark.parametrize("text", [
    # braces, brackets and escaped quotes inside strings are not objects
    '{"a": "{not an object}", "b": [\n {"c": "say \\"{\\" and \\\\"},\n {}],\n'
    ' "d": {"e": "}\\u007b{", "f": [[{"g": 1}], {}]}}',
    # a key repeated: the later value kept, its objects placed where they stand
    '{"a": 1, "b": {"x": 1},\n "a": {"y": {"z": 2}}}',
    '{"a": {"x": 1},\n "b": 2,\n "a": {"y": 3}}',
])
def test_quick_and_careful_readings_place_every_object_alike(tmp_path: Path, text: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(text, encoding="utf-8")
    careful = _Decoder(text).decode(text)
    assert json.loads(text) == careful
    assert _lines(read_json(path)) == _lines(careful)
    assert len(_lines(careful)) >= 2


def test_the_timetable_objects_are_placed_as_the_careful_reading_places_them() -> None:
    text = TIMETABLE.read_text(encoding="utf-8")
    placed = _lines(read_json(TIMETABLE))
    assert placed == _lines(_Decoder(text).decode(text))
    assert len({line for _, line in placed}) > 20


def test_the_osce_roster_is_the_bundled_one() -> None:
    bundled = load_roster(Path(__file__).resolve().parents[2] / "speakers.yaml")
    roster = osce_roster()
    assert all(roster.delegations[ref] == bundled.delegations[ref] for ref in roster.delegations)
    assert len(roster.delegations) == 57 + 11 + 10 + 1


def _every_character() -> list[str]:
    """All of Unicode (surrogates left out: they cannot be encoded), in runs of 4,096."""
    return ["".join(chr(n) for n in range(start, min(start + 4096, sys.maxunicode + 1))
                    if not 0xD800 <= n <= 0xDFFF)
            for start in range(0, sys.maxunicode + 1, 4096)]


def test_clean_turns_exactly_the_control_characters_to_spaces_and_drops_the_overrides() -> None:
    overrides = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    for run in _every_character():
        by_character = "".join(" " if unicodedata.category(c) == "Cc" else c
                               for c in run if c not in overrides)
        assert clean(run) == " ".join(by_character.split())


def test_marks_are_dropped_from_every_character_as_unicode_says() -> None:
    for run in _every_character():
        decomposed = unicodedata.normalize("NFKD", run.translate(_SPECIAL))
        by_character = "".join(c for c in decomposed if not unicodedata.combining(c))
        assert folded(run) == " ".join(by_character.casefold().split())
