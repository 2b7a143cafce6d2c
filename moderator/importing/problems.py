"""What is wrong with an imported file, where: `file:line: message` or `file:sheet:row: message`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One problem; `place` is `file`, `file:line` or `file:sheet:row`."""

    place: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        return f"{self.place}: {'warning: ' if self.warning else ''}{self.message}"


class ImportFailed(Exception):
    """The file cannot be imported; `problems` lists every reason (and the warnings) at once."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class Findings:
    """Collects the problems of one import; `fail_if_errors` raises them all together."""

    def __init__(self) -> None:
        self.problems: list[ImportProblem] = []

    def error(self, place: str, message: str) -> None:
        self.problems.append(ImportProblem(place, message))

    def warning(self, place: str, message: str) -> None:
        self.problems.append(ImportProblem(place, message, warning=True))

    @property
    def errors(self) -> list[ImportProblem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[ImportProblem]:
        return [p for p in self.problems if p.warning]

    def fail_if_errors(self) -> None:
        if self.errors:
            raise ImportFailed(self.problems)
