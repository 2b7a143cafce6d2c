"""Docs and code agree: every name docs/CORE_API.md and docs/ARCHITECTURE.md list imports.

CORE_API.md: in each section's code blocks, a `class`, `def` or CONSTANT at the start of a line
is importable from `moderator.core` or from a module the section's heading names
(`core/x.py`); a `def name(self, ...)` is a method of `Meeting` (at the start of a line) or of
the class it is indented under. ARCHITECTURE.md: every name the core's contract says
`moderator.core` exports is importable from it.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import moderator.core

DOCS = Path(__file__).resolve().parents[2] / "docs"
_HEADING = re.compile(r"^#+ ")
_MODULE = re.compile(r"`core/([\w/]+)\.py`")
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


def _find(name: str, modules: list[str]) -> object | None:
    for module in [*modules, "moderator.core"]:
        found = getattr(importlib.import_module(module), name, None)
        if found is not None:
            return found
    return None


def _core_api_problems() -> list[str]:
    problems = []
    text = (DOCS / "CORE_API.md").read_text(encoding="utf-8")
    for heading, lines in _sections(text):
        modules = [f"moderator.core.{m.replace('/', '.')}" for m in _MODULE.findall(heading)]
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
                found = _find(name, modules)
                if found is None:
                    problems.append(f"{heading}: {name}")
                owner = found if klass else moderator.core.Meeting
            elif (indented := _METHOD.match(line)) and not hasattr(owner, indented.group(1)):
                problems.append(f"{heading}: {getattr(owner, '__name__', owner)}.{indented.group(1)}")
    return problems


def _architecture_exports() -> list[str]:
    text = (DOCS / "ARCHITECTURE.md").read_text(encoding="utf-8")
    section = text.split("## The core's contract", 1)[1].split("\n### ", 1)[0]
    listed = section.split("exports", 1)[1]
    return re.findall(r"`([A-Za-z_]\w*)(?:\([^`]*\))?(?: -> [^`]*)?`", listed)


def test_every_name_core_api_lists_is_there() -> None:
    assert _core_api_problems() == []


def test_every_export_architecture_lists_imports_from_the_core() -> None:
    names = _architecture_exports()
    assert "InterventionKind" in names and "Meeting" in names
    assert [n for n in names if not hasattr(moderator.core, n)] == []


def test_a_missing_name_is_found() -> None:
    assert _find("no_such_name", ["moderator.core.events"]) is None
    assert _find("new_event", []) is moderator.core.new_event
