"""The alignment clause as the journals write it, from the roster's categories."""

from __future__ import annotations

from pathlib import Path

import pytest

from moderator.core import InvalidFiles, load_roster
from moderator.core.model import AlignmentCategory, Category, Delegation, Roster
from moderator.core.speaker_names import alignment_clause, join_names, journal_name

PS = Category.PARTICIPATING_STATE
NAMES = {
    "DK": "Denmark", "EU": "European Union", "HR": "Croatia",
    "MK": "the former Yugoslav Republic of Macedonia", "IS": "Iceland", "ME": "Montenegro",
    "RS": "Serbia", "AL": "Albania", "BA": "Bosnia and Herzegovina", "LI": "Liechtenstein",
    "AD": "Andorra", "GE": "Georgia", "MD": "Moldova", "NO": "Norway",
}
# The European Union's alignment categories as the journals of 2012 named them.
CATEGORIES_2012 = (
    AlignmentCategory("the acceding country", "the acceding countries", ("HR",)),
    AlignmentCategory("the candidate country", "the candidate countries", ("MK", "IS", "ME", "RS")),
    AlignmentCategory(
        "the country of the Stabilisation and Association Process and potential candidate country",
        "the countries of the Stabilisation and Association Process and potential candidate countries",
        ("AL", "BA"),
    ),
    AlignmentCategory("the EFTA country", "the EFTA countries", ("LI", "NO"),
                      suffix="member of the EEA", suffix_plural="members of the EEA"),
)
ROSTER = Roster(
    delegations={ref: Delegation(ref, name, PS) for ref, name in NAMES.items()},
    alignment={"EU": CATEGORIES_2012},
)

JOURNAL_912 = (
    "Denmark-European Union (with the acceding country Croatia; the candidate countries the former "
    "Yugoslav Republic of Macedonia, Iceland, Montenegro and Serbia; the countries of the "
    "Stabilisation and Association Process and potential candidate countries Albania and Bosnia and "
    "Herzegovina; as well as the EFTA country Liechtenstein, member of the EEA, in alignment)"
)


def test_the_912th_meeting_clause_exactly() -> None:
    # The request names them in any order: the journal's order is the roster's.
    aligned = ("LI", "BA", "AL", "RS", "ME", "IS", "MK", "HR")
    assert journal_name(ROSTER, "DK", on_behalf="EU", alignment=aligned) == JOURNAL_912


def test_one_group_only_has_no_as_well_as() -> None:
    name = journal_name(ROSTER, "DK", on_behalf="EU", alignment=("ME", "IS"))
    assert name == "Denmark-European Union (with the candidate countries Iceland and Montenegro, in alignment)"
    single = alignment_clause(ROSTER, "EU", ("RS",))
    assert single == "(with the candidate country Serbia, in alignment)"


def test_plural_suffix_and_countries_in_no_category_come_last() -> None:
    clause = alignment_clause(ROSTER, "EU", ("GE", "NO", "LI", "AD", "HR"))
    assert clause == (
        "(with the acceding country Croatia; the EFTA countries Liechtenstein and Norway, "
        "members of the EEA; as well as Georgia and Andorra, in alignment)"
    )


def test_a_group_without_categories_joins_the_names() -> None:
    roster = Roster(delegations=ROSTER.delegations)
    clause = alignment_clause(roster, "EU", ("AL", "GE", "MD", "AL"))
    assert clause == "(with Albania, Georgia and Moldova, in alignment)"
    assert journal_name(roster, "XX", alignment=("YY",)) == "XX (with YY, in alignment)"


def test_join_names() -> None:
    assert join_names(["A"]) == "A"
    assert join_names(["A", "B"]) == "A and B"
    assert join_names(["A", "B", "C"]) == "A, B and C"


ROSTER_YAML = """\
delegations:
  - {id: "DK", name: Denmark, category: participating-state, group: EU}
  - {id: EU, name: European Union, category: international-organisation}
  - {id: "HR", name: Croatia, category: participating-state}
  - {id: "LI", name: Liechtenstein, category: participating-state}
alignment:
  - group: EU
    categories:
      - singular: the acceding country
        plural: the acceding countries
        members: [HR]
      - singular: the EFTA country
        plural: the EFTA countries
        suffix: member of the EEA
        suffix_plural: members of the EEA
        members: [LI]
"""


def test_the_roster_describes_the_categories(tmp_path: Path) -> None:
    path = tmp_path / "speakers.yaml"
    path.write_text(ROSTER_YAML)
    roster = load_roster(path)
    assert journal_name(roster, "DK", on_behalf="EU", alignment=("LI", "HR")) == (
        "Denmark-European Union (with the acceding country Croatia; as well as the EFTA country "
        "Liechtenstein, member of the EEA, in alignment)"
    )


def test_bad_alignment_data_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "speakers.yaml"
    path.write_text(ROSTER_YAML.replace("members: [LI]", "members: [LI, HR, XX]")
                    .replace("        suffix_plural: members of the EEA\n", "")
                    .replace("group: EU\n    categories", "group: ZZ\n    categories"))
    with pytest.raises(InvalidFiles) as raised:
        load_roster(path)
    messages = [str(p) for p in raised.value.problems]
    assert any(":7:" in m and "alignment group 'ZZ' is not a delegation" in m for m in messages), messages
    assert any("needs both 'suffix' and 'suffix_plural'" in m for m in messages), messages
    assert any("'HR' is already in the acceding country of alignment group 'ZZ'" in m for m in messages)
    assert any("a member of alignment group 'ZZ' 'XX' is not a delegation" in m for m in messages)
