"""Load and validate `agenda.yaml` and `speakers.yaml`: every problem at once, with its place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import Node

from moderator.core.loading.agenda import AgendaReader, Reference
from moderator.core.loading.problems import InvalidFiles, Problem, Severity, errors_in
from moderator.core.loading.roster import RosterReader
from moderator.core.loading.schema import Checker, suggestion
from moderator.core.loading.yamlsafe import parse_yaml, read_yaml
from moderator.core.model import Agenda, Roster

__all__ = [
    "InvalidFiles",
    "Problem",
    "Severity",
    "load_agenda",
    "load_meeting",
    "load_roster",
    "validate_files",
    "Written",
]


@dataclass(frozen=True, slots=True)
class Written:
    """A meeting file as it would be written (by an import or `moderator new`): read from
    memory, its problems placed in `name`."""

    name: str
    data: bytes

    def __str__(self) -> str:
        return self.name


Source = str | Path | Written


def _tree(source: Source) -> tuple[Node | None, list[Problem]]:
    if isinstance(source, Written):
        return parse_yaml(source.data, source.name)
    return read_yaml(source)


def _read_agenda(path: Source) -> tuple[Agenda | None, list[Reference], list[Problem]]:
    root, problems = _tree(path)
    if root is None:
        return None, [], problems
    reader = AgendaReader(Checker(str(path)))
    agenda = reader.read(root)
    problems = problems + reader.check.problems
    return (None if errors_in(problems) else agenda), reader.references, problems


def _read_roster(path: Source) -> tuple[Roster | None, set[str], list[Problem]]:
    """The roster (None on errors), every id it names (for references), its problems."""
    root, problems = _tree(path)
    if root is None:
        return None, set(), problems
    reader = RosterReader(Checker(str(path)))
    roster = reader.read(root)
    problems = problems + reader.check.problems
    ids = reader.delegation_ids | reader.speaker_ids
    return (None if errors_in(problems) else roster), ids, problems


def _unknown_references(
    path: Source, references: list[Reference], known: set[str]
) -> list[Problem]:
    check = Checker(str(path))
    for reference in references:
        if reference.ref not in known:
            hint = suggestion(reference.ref, known)
            check.error(
                reference.node, f"{reference.what} '{reference.ref}' is not in the roster{hint}"
            )
    return check.problems


def _read_meeting(
    agenda_path: Source, roster_path: Source
) -> tuple[Agenda | None, Roster | None, list[Problem]]:
    agenda, references, agenda_problems = _read_agenda(agenda_path)
    roster, known, roster_problems = _read_roster(roster_path)
    problems = agenda_problems + roster_problems
    if known:  # a roster that could not be read at all would make every reference unknown
        problems += _unknown_references(agenda_path, references, known)
    return agenda, roster, problems


def load_agenda(path: str | Path) -> Agenda:
    """The agenda in `path`; raises `InvalidFiles` with every error (roster ids not checked)."""
    agenda, _, problems = _read_agenda(path)
    if agenda is None:
        raise InvalidFiles(errors_in(problems))
    return agenda


def load_roster(path: Source) -> Roster:
    """The roster in `path`; raises `InvalidFiles` with every error."""
    roster, _, problems = _read_roster(path)
    if roster is None:
        raise InvalidFiles(errors_in(problems))
    return roster


def load_meeting(agenda_path: str | Path, roster_path: str | Path) -> tuple[Agenda, Roster]:
    """Agenda and roster, checked against each other; raises `InvalidFiles` on any error."""
    agenda, roster, problems = _read_meeting(agenda_path, roster_path)
    if agenda is None or roster is None or errors_in(problems):
        raise InvalidFiles(errors_in(problems))
    return agenda, roster


def validate_files(agenda_path: Source, roster_path: Source) -> list[Problem]:
    """Every problem (errors and warnings) in both files, in file order; never raises on bad input."""
    _, _, problems = _read_meeting(agenda_path, roster_path)
    return sorted(problems, key=lambda p: (p.file != str(agenda_path), p.line, p.column))
