"""What is wrong with a file, where: `file:line:column: message`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from moderator.core.characters import unsafe_characters

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(found: re.Match[str]) -> str:
    character = found.group()
    return _ESCAPES.get(character, f"\\u{ord(character):04x}")


def one_line(message: str) -> str:
    """`message` as one printable line: what it quotes from a file (a key with a newline in it,
    a terminal control) is shown escaped, never acted on."""
    return unsafe_characters(breaks=False).sub(_escaped, message.replace("\r\n", "\n"))


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a file; line and column count from 1 (0: the file as a whole)."""

    file: str
    line: int
    column: int
    message: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return one_line(f"{where}: {prefix}{self.message}")


def errors_in(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that make the files unusable (warnings left out)."""
    return [p for p in problems if p.is_error]


class InvalidFiles(Exception):
    """The agenda or the roster cannot be used; `problems` lists every reason at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
