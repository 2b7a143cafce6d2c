from moderator.core.model import Category, Delegation, Roster, Speaker
from moderator.core.speaker_names import journal_name

ROSTER = Roster(
    delegations={
        "DK": Delegation("DK", "Denmark", Category.PARTICIPATING_STATE, group="EU"),
        "AL": Delegation("AL", "Albania", Category.PARTICIPATING_STATE),
        "GE": Delegation("GE", "Georgia", Category.PARTICIPATING_STATE),
        "US": Delegation("US", "United States of America", Category.PARTICIPATING_STATE),
        "JP": Delegation("JP", "Japan", Category.PARTNER),
        "EU": Delegation("EU", "European Union", Category.INTERNATIONAL_ORGANISATION),
        "osce-chair": Delegation("osce-chair", "Chairperson", Category.OSCE),
    },
    speakers={"keynote": Speaker("keynote", "Senior official, UN Office of Counter-Terrorism")},
)


def test_group_statement_with_alignment() -> None:
    name = journal_name(ROSTER, "DK", on_behalf="EU", alignment=("AL", "GE"))
    assert name == "Denmark-European Union (with Albania and Georgia, in alignment)"


def test_group_statement_without_alignment() -> None:
    assert journal_name(ROSTER, "DK", on_behalf="EU") == "Denmark-European Union"


def test_partner_for_co_operation() -> None:
    assert journal_name(ROSTER, "JP") == "Japan (Partner for Co-operation)"


def test_participating_state_is_its_name() -> None:
    assert journal_name(ROSTER, "US") == "United States of America"


def test_chair() -> None:
    assert journal_name(ROSTER, None) == "Chairperson"
    assert journal_name(ROSTER, "osce-chair") == "Chairperson"


def test_speaker_and_guest() -> None:
    assert journal_name(ROSTER, "keynote") == "Senior official, UN Office of Counter-Terrorism"
    assert journal_name(ROSTER, None, guest="  Ms Example ") == "Ms Example"
    assert journal_name(ROSTER, "US", guest="Ms Example") == "Ms Example (United States of America)"


def test_unknown_ids_are_written_as_they_are() -> None:
    assert journal_name(ROSTER, "XX", alignment=("YY",)) == "XX (with YY, in alignment)"
