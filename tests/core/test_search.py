import pytest

from moderator.core.model import Category, Delegation, Roster, Speaker
from moderator.core.search import folded, match_names, search_key

ROSTER = Roster(
    delegations={
        "TR": Delegation("TR", "Türkiye", Category.PARTICIPATING_STATE, aliases=("Turkey",)),
        "TM": Delegation("TM", "Turkmenistan", Category.PARTICIPATING_STATE),
        "US": Delegation("US", "United States of America", Category.PARTICIPATING_STATE,
                         aliases=("USA",)),
        "GB": Delegation("GB", "United Kingdom", Category.PARTICIPATING_STATE),
        "EU": Delegation("EU", "European Union", Category.INTERNATIONAL_ORGANISATION),
        "PL": Delegation("PL", "Poland", Category.PARTICIPATING_STATE, aliases=("Polska",)),
    },
    speakers={"mlodzik": Speaker("mlodzik", "Łukasz Młodzik"),
              "ortiz": Speaker("ortiz", "Ana Ortíz", delegation="EU")},
)


def refs(text: str) -> list[str]:
    return [m.ref for m in match_names(ROSTER, text)]


def test_fold_removes_accents_case_and_extra_space() -> None:
    assert search_key("  Türkiye ") == "turkiye"
    assert search_key("ŁUKASZ  Młodzik") == "lukasz mlodzik"


def test_accents_are_optional_and_the_best_match_comes_first() -> None:
    assert refs("turki")[0] == "TR"
    assert refs("turk") == ["TR", "TM"]


def test_matches_by_id_and_alias() -> None:
    assert refs("us")[0] == "US"
    assert refs("usa") == ["US"]
    assert refs("turkey") == ["TR"]
    assert match_names(ROSTER, "turkey")[0].via == "Turkey"


def test_matches_a_word_inside_a_name_and_speakers() -> None:
    assert refs("kingdom") == ["GB"]
    assert refs("mlodz") == ["mlodzik"]
    assert match_names(ROSTER, "ortiz")[0].kind == "speaker"


def test_exact_name_beats_prefix_and_substring() -> None:
    ranked = match_names(ROSTER, "united")
    assert [m.ref for m in ranked] == ["GB", "US"]  # same score: alphabetical
    assert ranked[0].score > 0


def test_nothing_for_empty_or_unknown_text() -> None:
    assert refs("") == []
    assert refs("   ") == []
    assert refs("atlantis") == []


def test_ascii_text_is_folded_quickly_as_the_long_way_folds_it() -> None:
    every = "".join(chr(c) for c in range(128))
    samples = [every, every[::-1], "  Mr  LAVROV\t(Russian Federation)\n", "K\u0130", "\u00c5"]
    samples += [every[n:n + 7] for n in range(0, 128, 3)]
    for text in samples:
        assert search_key(text) == folded(text)
    assert search_key("K\u0130") == folded("K\u0130") == "ki"  # not ASCII: the long way


def test_the_table_of_marks_stops_growing_and_still_folds(monkeypatch: pytest.MonkeyPatch) -> None:
    from moderator.core import search

    table = search._WithoutMarks()
    monkeypatch.setattr(search, "_WITHOUT_MARKS", table)
    monkeypatch.setattr(search._WithoutMarks, "KEPT", 8)
    assert folded("Ünïcödé Ürdü ŠČŽ ĞİŞ") == "unicode urdu scz gis"
    assert len(table) == 8
