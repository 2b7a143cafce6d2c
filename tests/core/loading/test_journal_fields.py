"""The agenda's journal fields and its items' journal shape: read, and each mistake reported at
its file:line:column (`moderator validate`)."""

from __future__ import annotations

from pathlib import Path

from moderator.cli import main
from moderator.core import load_meeting
from moderator.core.loading import validate_files

ROSTER = "delegations:\n  - {id: UA, name: Ukraine, category: participating-state}\n"
AGENDA = """\
event:
  id: pc
  title: Plenary Meeting
  dates: ["2021-05-24"]
  journal:
    meeting: Special Meeting of the Permanent Council
    plenary: 1315th Plenary Meeting
    chairperson: [Ambassador I. Hasani, Deputy Permanent Representative of Albania]
    place: in the Neuer Saal and via video teleconferencing
    remark: Prior to taking up the agenda, the Chairperson welcomed the new representative.
sessions:
  - id: s
    title: Sitting
    date: 2021-05-24
    start: "10:00"
    end: "13:00"
    items:
      - id: ci
        title: Review of current issues
        kind: discussion
        minutes: 10
        speakers: [UA]
        subitems:
          - {id: ukraine, title: Situation in Ukraine, kind: discussion, minutes: 30}
          - {id: ryanair, title: Forced landing, kind: discussion, minutes: 30, lettered: no}
          - {id: other, title: Other issue, kind: discussion, minutes: 30}
      - {id: aob, title: Any other business, kind: discussion, minutes: 5, discussed_under: ci}
"""


def write(tmp_path: Path, agenda: str) -> tuple[Path, Path]:
    (tmp_path / "agenda.yaml").write_text(agenda, encoding="utf-8")
    (tmp_path / "speakers.yaml").write_text(ROSTER, encoding="utf-8")
    return tmp_path / "agenda.yaml", tmp_path / "speakers.yaml"


def test_the_journal_fields_and_item_shapes_are_read(tmp_path: Path) -> None:
    agenda, _ = load_meeting(*write(tmp_path, AGENDA))
    journal = agenda.event.journal
    assert journal.chairpersons == ("Ambassador I. Hasani", "Deputy Permanent Representative of Albania")
    assert (journal.plenary, journal.place) == ("1315th Plenary Meeting",
                                                "in the Neuer Saal and via video teleconferencing")
    assert journal.remark.startswith("Prior to taking up the agenda")
    items = [i for _, i in agenda.items()]
    assert [(i.id, i.parent, i.letter) for i in items] == [
        ("ci", None, ""), ("ukraine", "ci", "a"), ("ryanair", "ci", ""), ("other", "ci", "b"),
        ("aob", None, "")]
    assert items[0].speakers[0].ref == "UA" and items[0].minutes == 10
    assert items[2].heading == "Review of current issues: Forced landing"
    assert items[4].discussed_under == "ci"


def test_each_mistake_is_reported_at_its_place(tmp_path: Path, capsys) -> None:
    bad = (AGENDA.replace("    place:", "    plaec:")
           .replace("lettered: no", "lettered: perhaps")
           .replace("discussed_under: ci", "discussed_under: cii")
           .replace("        kind: discussion\n        minutes: 10\n", "        minutes: 10\n"))
    paths = write(tmp_path, bad)
    problems = [str(p) for p in validate_files(*paths)]
    file = str(paths[0])
    assert problems == [
        f"{file}:9:5: unknown key 'plaec' in event journal (did you mean 'place'?)",
        f"{file}:20:18: item 'ci' has sub-items: give 'minutes' to each sub-item, or give it "
        "'kind' too to make it an item of its own before them",
        f"{file}:24:91: lettered of item 'ryanair' must be yes or no, not 'perhaps'",
        f"{file}:26:93: discussed_under of item 'aob': no item 'cii' on the agenda "
        "(did you mean 'ci'?)",
    ]
    assert main(["validate", "--agenda", str(paths[0]), "--speakers", str(paths[1])]) == 1
    assert f"{file}:26:93: discussed_under" in capsys.readouterr().out


def test_an_item_is_not_discussed_under_itself(tmp_path: Path) -> None:
    paths = write(tmp_path, AGENDA.replace("discussed_under: ci", "discussed_under: aob"))
    assert [p.message for p in validate_files(*paths)] == [
        "item 'aob' cannot be discussed under itself"]
