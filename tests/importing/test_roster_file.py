"""New speakers go at the end of the roster's own text, whatever shape its speaker list has."""

from __future__ import annotations

from pathlib import Path

import pytest

from moderator.core import load_roster
from moderator.core.model import Speaker
from moderator.importing.roster_file import open_roster, roster_with

NORWAY = '  - {id: "NO", name: Norway, category: participating-state}\n'
ADDED = [Speaker("ann-lee", "Ann Lee", delegation="NO"), Speaker("bo-ek", "Bo Ek")]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (f"# mine\ndelegations:\n{NORWAY}", True),                            # no speakers
        (f"delegations:\n{NORWAY}speakers:\n- id: chair\n  name: Chair\n# end", True),
        (f"delegations:\n{NORWAY}speakers:\n    - id: chair\n      name: Chair\n", True),
        (f"delegations:\n{NORWAY}speakers: []\n", False),                     # flow style
        (f"speakers:\n  - {{id: chair, name: Chair}}\ndelegations:\n{NORWAY}", False),
    ],
)
def test_speakers_are_appended_or_the_roster_rewritten(
    tmp_path: Path, text: str, kept: bool
) -> None:
    path = tmp_path / "speakers.yaml"
    path.write_text(text, encoding="utf-8")
    before = load_roster(path)
    merged = roster_with(open_roster(path), ADDED, "Added by a test.",
                         {"bo-ek": ["'Atlantis' is not a delegation"]})
    assert merged.startswith(text.rstrip("\n")) is kept
    path.write_text(merged, encoding="utf-8")
    after = load_roster(path)
    assert after.delegations == before.delegations
    assert list(after.speakers) == [*before.speakers, "ann-lee", "bo-ek"]
    assert "# 'Atlantis' is not a delegation" in merged
