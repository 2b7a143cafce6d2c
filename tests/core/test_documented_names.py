"""Docs and code agree: every name docs/CORE_API.md and docs/ARCHITECTURE.md list imports.

CORE_API.md: each section's code begins with the imports that bring its names; they are run as
written, and a `class`, `def` or CONSTANT at the start of a line must be one of the names they
bring (nothing is looked for elsewhere); a `def name(self, ...)` is a method of `Meeting` (at
the start of a line) or of the class it is indented under. ARCHITECTURE.md: every name the
core's contract says `moderator.core` exports is importable from it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import moderator.core

DOCS = Path(__file__).resolve().parents[2] / "docs"
_HEADING = re.compile(r"^#+ ")
_IMPORT = re.compile(r"^from (moderator\.core[\w.]*) import (.+)$")
_FENCE = re.compile(r"^```")
_TOP = re.compile(r"^(?:(?:@dataclass\([^)]*\) )?class (\w+)|def (\w+)\((self)?|([A-Z][A-Z0-9_]+) = )")
_METHOD = re.compile(r"^\s+def (\w+)\(self")


def _sections(text: str) -> list[tuple[str, list[str]]]:
    """(heading, code lines of its fenced blocks), in order."""
    sections: list[tuple[str, list[str]]] = [("", [])]
    fenced = False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        elif fenced:
            sections[-1][1].append(line)
        elif _HEADING.match(line):
            sections.append((line, []))
    return sections


def _imported(lines: list[str]) -> tuple[dict[str, object], list[str]]:
    """The names a section's import lines bring, run as written, and the lines that fail."""
    names: dict[str, object] = {}
    failing = []
    for line in lines:
        found = _IMPORT.match(line)
        if found is None:
            continue
        scope: dict[str, object] = {}
        try:
            exec(line, scope)  # noqa: S102 - the doc's own import line, nothing else
        except ImportError:
            failing.append(line)
            continue
        names.update({n: scope[n] for n in (p.strip() for p in found.group(2).split(","))})
    return names, failing


def _core_api_problems(text: str) -> list[str]:
    problems = []
    for heading, lines in _sections(text):
        names, failing = _imported(lines)
        problems += [f"{heading}: {line}" for line in failing]
        owner: object = moderator.core.Meeting
        for line in lines:
            top = _TOP.match(line)
            if top:
                klass, function, method, constant = top.groups()
                if method:
                    owner = moderator.core.Meeting
                    if not hasattr(owner, function):
                        problems.append(f"{heading}: Meeting.{function}")
                    continue
                name = klass or function or constant
                if name not in names:
                    problems.append(f"{heading}: {name} (not imported)")
                owner = names.get(name, moderator.core.Meeting) if klass else moderator.core.Meeting
            elif (indented := _METHOD.match(line)) and not hasattr(owner, indented.group(1)):
                problems.append(f"{heading}: {getattr(owner, '__name__', owner)}.{indented.group(1)}")
    return problems


def _architecture_exports() -> list[str]:
    text = (DOCS / "ARCHITECTURE.md").read_text(encoding="utf-8")
    section = text.split("## The core's contract", 1)[1].split("\n### ", 1)[0]
    listed = section.split("exports", 1)[1]
    return re.findall(r"`([A-Za-z_]\w*)(?:\([^`]*\))?(?: -> [^`]*)?`", listed)


def test_every_name_core_api_lists_is_imported_where_it_says() -> None:
    assert _core_api_problems((DOCS / "CORE_API.md").read_text(encoding="utf-8")) == []


def test_every_export_architecture_lists_imports_from_the_core() -> None:
    names = _architecture_exports()
    assert "InterventionKind" in names and "Meeting" in names
    assert [n for n in names if not hasattr(moderator.core, n)] == []


@pytest.mark.parametrize(("code", "problem"), [
    ("from moderator.core import Meeting\ndef folds(kind)", "folds (not imported)"),
    ("from moderator.core import folds\n", "from moderator.core import folds"),
    ("from moderator.core import Meeting\ndef no_such_command(self) -> None",
     "Meeting.no_such_command"),
])
def test_a_name_the_doc_does_not_import_is_found(code: str, problem: str) -> None:
    """`folds` is the core's machinery: not in `moderator.core`, so a section listing it must
    import it from `moderator.core.fold`."""
    text = f"## A section\n```python\n{code}\n```\n"
    assert [p.split(": ", 1)[1] for p in _core_api_problems(text)] == [problem]
