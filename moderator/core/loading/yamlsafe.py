"""Read YAML without its traps: marks on every node, no aliases, no silent type changes.

The loader composes a node tree and never constructs Python objects: every plain scalar
stays text (or null) until the schema asks for a string, a number, a time or a date. So
`NO` stays "NO", `10:30` stays a time, `0755` stays "0755" and a date stays a date only
where a date is expected.
"""

from __future__ import annotations

import re
from datetime import date, time
from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode
from yaml.resolver import Resolver

try:  # libyaml's parser, when PyYAML was built with it: the events, and their marks, in C
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - a PyYAML without libyaml
    CParser = None

from moderator.core.loading.given_file import FileRefused, read_given
from moderator.core.loading.problems import Problem, Severity

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 50
NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"
# Explicit tags that change nothing under our reading (`!!str 0755`).
_HARMLESS_TAGS = {None, "!", STR_TAG}


class ForbiddenYaml(yaml.MarkedYAMLError):
    """A YAML feature the meeting files do not allow (alias, anchor, tag, deep nesting)."""


# Only null is resolved implicitly: no YAML 1.1 booleans, octals, sexagesimals, timestamps.
_ONLY_NULL = {
    first: [(tag, rx) for tag, rx in resolvers if tag == NULL_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Marking(Composer):
    """Only composes, keeps marks, records duplicate keys, refuses aliases, anchors and tags.

    The composition is Python's (so that every node is checked as it is made); the events come
    from the parser the loader is built on (libyaml's when available: most of the time is there).
    """

    yaml_implicit_resolvers = _ONLY_NULL
    duplicates: list[tuple[ScalarNode, int]]
    _depth: int

    def _start_marking(self) -> None:
        self.duplicates = []
        self._depth = 0

    def compose_node(self, parent: Node | None, index: object) -> Node:  # type: ignore[override]
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise ForbiddenYaml(problem="aliases (*name) are not allowed", problem_mark=event.start_mark)
        if event.anchor is not None:
            raise ForbiddenYaml(problem="anchors (&name) are not allowed", problem_mark=event.start_mark)
        if getattr(event, "tag", None) not in _HARMLESS_TAGS:
            raise ForbiddenYaml(
                problem=f"tags ({event.tag}) are not allowed", problem_mark=event.start_mark
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise ForbiddenYaml(problem="nested too deeply", problem_mark=event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def compose_mapping_node(self, anchor: object) -> MappingNode:
        node = super().compose_mapping_node(anchor)
        seen: dict[str, int] = {}
        for key, _ in node.value:
            if isinstance(key, ScalarNode):
                if key.value in seen:
                    self.duplicates.append((key, seen[key.value]))
                else:
                    seen[key.value] = key.start_mark.line + 1
        return node


class MarkedLoader(_Marking, yaml.SafeLoader):
    """The pure-Python loader (scanner, parser and composer in Python)."""

    def __init__(self, stream: str) -> None:
        yaml.SafeLoader.__init__(self, stream)
        self._start_marking()


if CParser is not None:

    class MarkedCLoader(_Marking, CParser, Resolver):  # type: ignore[misc, valid-type]
        """libyaml's scanner and parser under the same composer: the same nodes and marks."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            Resolver.__init__(self)
            self._start_marking()

    FastestLoader: type[_Marking] = MarkedCLoader
else:  # pragma: no cover
    FastestLoader = MarkedLoader


def read_yaml(path: str | Path) -> tuple[Node | None, list[Problem]]:
    """The node tree of a YAML file and the problems met reading it; never raises."""
    name = str(path)
    try:
        data = read_given(path, "a YAML file", MAX_BYTES)
    except FileRefused as refused:
        return None, [Problem(name, 0, 0, str(refused))]
    return parse_yaml(data, name)


def parse_yaml(data: bytes, name: str) -> tuple[Node | None, list[Problem]]:
    """The node tree of YAML bytes and the problems met; never raises."""
    if len(data) > MAX_BYTES:
        return None, [Problem(name, 0, 0, f"is larger than {MAX_BYTES // (1024 * 1024)} MiB")]
    if b"\0" in data:
        line, column = _position(data, data.index(b"\0"))
        return None, [Problem(name, line, column, "is a binary file, not YAML text")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _position(data, error.start)
        bad = data[error.start]
        return None, [Problem(name, line, column, f"is not UTF-8 text (byte 0x{bad:02x})")]
    node, duplicates, failed = _compose(text, name, LOADER)
    if failed and LOADER is not MarkedLoader:
        # libyaml words its errors its own way: the file is read again for PyYAML's sentences,
        # the same wherever the program runs (only a file with an error pays for it).
        node, duplicates, failed = _compose(text, name, MarkedLoader)
    if failed:
        return None, failed
    if node is None:
        return None, [Problem(name, 1, 1, "is empty: expected a mapping")]
    return node, [
        Problem(name, *mark_of(key), f"duplicate key '{key.value}' (first at line {first})")
        for key, first in duplicates
    ]


def _compose(text: str, name: str, kind: type[_Marking]
             ) -> tuple[Node | None, list[tuple[ScalarNode, int]], list[Problem]]:
    loader: _Marking | None = None
    try:
        loader = kind(text)  # type: ignore[call-arg]
        return loader.get_single_node(), loader.duplicates, []
    except yaml.MarkedYAMLError as error:
        return None, [], [_syntax_problem(name, error)]
    except yaml.reader.ReaderError as error:
        line, column = _position(text, error.position)
        message = f"contains the character #x{error.character:04x}, which YAML does not allow"
        return None, [], [Problem(name, line, column, message)]
    except RecursionError:
        return None, [], [Problem(name, 0, 0, "is nested too deeply")]
    finally:
        if loader is not None:
            loader.dispose()


LOADER: type[_Marking] = FastestLoader  # tests set MarkedLoader to compare the two


def _syntax_problem(name: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    if isinstance(error, ForbiddenYaml):
        return Problem(name, line, column, str(error.problem), Severity.ERROR)
    context = f" ({error.context})" if error.context else ""
    return Problem(name, line, column, f"YAML syntax error: {error.problem}{context}")


def _position(data: bytes | str, offset: int) -> tuple[int, int]:
    newline = b"\n" if isinstance(data, bytes) else "\n"
    line = data.count(newline, 0, offset) + 1  # type: ignore[arg-type]
    column = offset - (data.rfind(newline, 0, offset) + 1) + 1  # type: ignore[arg-type]
    return line, column


def mark_of(node: Node) -> tuple[int, int]:
    """Line and column of a node, counted from 1."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == NULL_TAG


_INT = re.compile(r"[0-9]+")
_TIME = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def whole_number(value: str) -> int:
    """A decimal whole number (leading zeros are decimal too, never octal)."""
    if not _INT.fullmatch(value):
        raise ValueError
    return int(value, 10)


def parse_clock_time(value: str) -> time:
    """`H:MM` or `HH:MM` as a time of day (never a sexagesimal number)."""
    match = _TIME.fullmatch(value)
    if not match:
        raise ValueError
    return time(int(match[1]), int(match[2]))


def calendar_date(value: str) -> date:
    """`YYYY-MM-DD` as a date."""
    if not _DATE.fullmatch(value):
        raise ValueError
    return date.fromisoformat(value)
