"""Put generated meeting files in place: checked by the loaders first, never over a file
without `force`, each written whole or not at all."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from moderator.core import InvalidFiles, Problem, Written, load_roster, validate_files
from moderator.export.files import write_export
from moderator.export.source import ExportError
from moderator.importing.problems import ImportFailed, ImportProblem


@dataclass(frozen=True, slots=True)
class Output:
    path: Path
    text: str

    def written(self) -> Written:
        """The file as the loaders would read it once written (checked before it is)."""
        return Written(str(self.path), self.text.encode("utf-8"))


def from_core(problem: Problem) -> ImportProblem:
    place = f"{problem.file}:{problem.line}:{problem.column}" if problem.line else problem.file
    return ImportProblem(place, problem.message, warning=not problem.is_error)


def refuse_existing(outputs: list[Output], force: bool) -> None:
    """Raise before anything is written if an output exists (without `force`) or cannot be."""
    problems = []
    for output in outputs:
        if output.path.is_dir():
            problems.append(ImportProblem(str(output.path), "is a directory"))
        elif output.path.exists() and not force:
            problems.append(ImportProblem(
                str(output.path), "already exists; give --force to replace it (or another --out)"
            ))
        elif not output.path.parent.is_dir():
            problems.append(ImportProblem(str(output.path.parent), "no such directory"))
    if problems:
        raise ImportFailed(problems)


def validate_outputs(agenda: Output, roster: Output) -> list[ImportProblem]:
    """The loaders' verdict on the two files as they would be written (warnings included)."""
    problems = validate_files(agenda.written(), roster.written())
    return [from_core(p) for p in problems]


def check_roster(roster: Output) -> None:
    """Raise the loaders' errors on the roster as it would be written."""
    try:
        load_roster(roster.written())
    except InvalidFiles as invalid:
        raise ImportFailed([from_core(p) for p in invalid.problems]) from None


def write_outputs(outputs: list[Output], force: bool) -> None:
    """Write every output (the roster before the agenda that names its ids)."""
    refuse_existing(outputs, force)
    for output in outputs:
        try:
            write_export(output.path, output.text.encode("utf-8"), force=force)
        except ExportError as error:
            message = str(error).split(": ", 1)[-1]
            raise ImportFailed([ImportProblem(str(output.path), message)]) from None


@dataclass(frozen=True, slots=True)
class Report:
    """What an import did: the lines to print, and the warnings met on the way."""

    lines: list[str]
    warnings: list[ImportProblem]


def write_meeting(agenda: Output | None, roster: Output | None, other: Output,
                  force: bool) -> list[ImportProblem]:
    """Check the agenda and roster as they will be (`other` is the one left as it is), then
    write the changed ones, roster first; the loaders' warnings are returned."""
    pair_agenda = agenda or other
    pair_roster = roster or other
    problems = validate_outputs(pair_agenda, pair_roster)
    errors = [p for p in problems if not p.warning]
    if errors:
        raise ImportFailed([ImportProblem(p.place, f"{p.message} (in the file this import "
                                          "would write: nothing was written)") for p in errors])
    write_outputs([o for o in (roster, agenda) if o is not None], force)
    return [p for p in problems if p.warning]
