"""Check a composed YAML tree against what a field expects, collecting every problem."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from datetime import date, time
from enum import StrEnum
from typing import TypeVar

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from moderator.core.bounds import FIRST_YEAR, LAST_YEAR, MAX_MINUTES
from moderator.core.characters import first_unwanted
from moderator.core.loading import yamlsafe
from moderator.core.loading.problems import Problem, Severity

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")

ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_KIND_OF_NODE = {ScalarNode: "a single value", SequenceNode: "a list", MappingNode: "a mapping"}


def kind_of(node: Node) -> str:
    """What a YAML node holds, in words ("a list", "empty")."""
    if yamlsafe.is_null(node):
        return "empty"
    return _KIND_OF_NODE.get(type(node), "something else")


def suggestion(word: str, choices: Iterable[str]) -> str:
    """` (did you mean 'x'?)` for a near miss, else nothing."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class Checker:
    """Reads one file's tree; each method returns None (and records why) when the value is bad."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def error(self, node: Node, message: str) -> None:
        self.problems.append(Problem(self.file, *yamlsafe.mark_of(node), message))

    def warning(self, node: Node, message: str) -> None:
        self.problems.append(Problem(self.file, *yamlsafe.mark_of(node), message, Severity.WARNING))

    def mapping(
        self,
        node: Node,
        what: str,
        required: Iterable[str],
        optional: Iterable[str] = (),
        named: str = "",
    ) -> dict[str, Node] | None:
        """The keys of a mapping (first of duplicates: the loader reported the rest).

        `named` ("delegation") lets a missing field name its owner by id: "delegation 'NO'".
        """
        if not isinstance(node, MappingNode):
            self.error(node, f"{what} must be a mapping of keys to values, not {kind_of(node)}")
            return None
        required, optional = list(required), list(optional)
        known = required + optional
        fields: dict[str, Node] = {}
        for key, value in node.value:
            if not isinstance(key, ScalarNode) or yamlsafe.is_null(key):
                self.error(key, f"a key in {what} must be a plain name, not {kind_of(key)}")
                continue
            if key.value in fields:
                continue
            if key.value not in known:
                hint = suggestion(key.value, known)
                self.error(key, f"unknown key '{key.value}' in {what}{hint}")
                continue
            fields[key.value] = value
        owner = fields.get("id")
        if named and isinstance(owner, ScalarNode) and owner.value.strip():
            what = f"{named} '{owner.value}'"
        for name in required:
            if name not in fields:
                self.error(node, f"{what} has no '{name}' (required)")
        return fields

    def sequence(self, node: Node, what: str) -> list[Node] | None:
        if isinstance(node, SequenceNode):
            return list(node.value)
        self.error(node, f"{what} must be a list, not {kind_of(node)}")
        return None

    def text(self, node: Node, what: str) -> str | None:
        """Any scalar, exactly as written: `NO`, `0755`, `yes` stay text."""
        if yamlsafe.is_null(node) or (isinstance(node, ScalarNode) and not node.value.strip()):
            self.error(node, f"{what} is empty")
            return None
        if isinstance(node, ScalarNode):
            unwanted = first_unwanted(node.value, breaks=True)
            if unwanted is not None:
                self.error(node, f"{what} contains {unwanted}, a control, bidi or invisible "
                           "character: names and titles are plain text")
                return None
            return node.value
        self.error(node, f"{what} must be text, not {kind_of(node)}")
        return None

    def optional_text(self, node: Node | None, what: str) -> str | None:
        if node is None or yamlsafe.is_null(node):
            return None
        return self.text(node, what)

    def identifier(self, node: Node, what: str, pattern: re.Pattern[str] = ID) -> str | None:
        value = self.text(node, what)
        if value is not None and not pattern.fullmatch(value):
            self.error(node, f"{what} '{value}' must match {pattern.pattern}")
            return None
        return value

    def texts(self, node: Node | None, what: str) -> tuple[str, ...]:
        items = [] if node is None or yamlsafe.is_null(node) else self.sequence(node, what)
        values = [self.text(item, f"each of {what}") for item in items or []]
        return tuple(v for v in values if v is not None)

    def _scalar(self, node: Node, what: str, convert: Callable[[str], T], form: str) -> T | None:
        if yamlsafe.is_null(node):
            self.error(node, f"{what} is empty")
            return None
        if isinstance(node, ScalarNode):
            try:
                return convert(node.value.strip())
            except ValueError:
                self.error(node, f"{what} must be {form}, not '{node.value}'")
                return None
        self.error(node, f"{what} must be {form}, not {kind_of(node)}")
        return None

    def yes_or_no(self, node: Node, what: str) -> bool | None:
        """`yes`/`no` (or `true`/`false`), read as the field expects, never guessed by YAML."""
        value = self.text(node, what)
        if value is None:
            return None
        answer = {"yes": True, "true": True, "no": False, "false": False}.get(value.lower())
        if answer is None:
            self.error(node, f"{what} must be yes or no, not '{value}'")
        return answer

    def number(self, node: Node, what: str, minimum: int = 0,
               maximum: int = MAX_MINUTES * 60) -> int | None:
        """A whole number within what a meeting can hold (by default a day's seconds)."""
        value = self._scalar(node, what, yamlsafe.whole_number, "a whole number")
        if value is not None and value < minimum:
            self.error(node, f"{what} must be at least {minimum}, not {value}")
            return None
        if value is not None and value > maximum:
            self.error(node, f"{what} must be at most {maximum}, not {value}")
            return None
        return value

    def clock_time(self, node: Node, what: str) -> time | None:
        return self._scalar(node, what, yamlsafe.parse_clock_time, "a time as HH:MM")

    def calendar_date(self, node: Node, what: str) -> date | None:
        day = self._scalar(node, what, yamlsafe.calendar_date, "a date as YYYY-MM-DD")
        if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
            self.error(node, f"{what} must be in the years {FIRST_YEAR}-{LAST_YEAR}, not {day}")
            return None
        return day

    def choice(self, node: Node, what: str, kind: type[E]) -> E | None:
        value = self.text(node, what)
        if value is None:
            return None
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(k.value for k in kind)
            hint = suggestion(value, [k.value for k in kind])
            self.error(node, f"{what} '{value}' is not one of: {allowed}{hint}")
            return None
