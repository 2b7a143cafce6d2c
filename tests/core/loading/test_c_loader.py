"""libyaml's parser under the checking composer gives the same nodes, marks and problems."""

from __future__ import annotations

from pathlib import Path

import pytest
from yaml.nodes import MappingNode, Node, SequenceNode

from moderator.core.loading import yamlsafe

DATA = Path(yamlsafe.__file__).resolve().parents[2] / "data"
TRICKY = [
    b"a: 1\nb:\n  - x\n  - NO\n  - 0755\n  - 10:30\na: 3\n",
    b"title: \"\\u00e9t\\u00e9\"\nnote: |\n  two\n  lines\nmore: >\n  folded\n  text\n",
    b"items: [1, 2, {x: y}]\nempty:\nnull_word: null\n",
    b"# only a comment\n",
    b"a: &x 1\nb: *x\n",
    b"a: !!int 1\n",
    b"a: [1, \n",
    b"a: \x07\n",
    b"key: value\n  bad indent: here\n",
    b"\xef\xbb\xbfa: bom\n",
]


def shape(node: Node | None) -> object:
    """Everything validation reads from a node: kind, tag, value and where it starts and ends."""
    if node is None:
        return None
    where = (node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)
    if isinstance(node, MappingNode):
        return ("map", node.tag, where, [(shape(k), shape(v)) for k, v in node.value])
    if isinstance(node, SequenceNode):
        return ("seq", node.tag, where, [shape(v) for v in node.value])
    return ("scalar", node.tag, node.value, node.style or None, where)  # libyaml says "" for plain


def parsed(data: bytes, loader: type) -> tuple[object, list[str]]:
    before = yamlsafe.LOADER
    yamlsafe.LOADER = loader
    try:
        node, problems = yamlsafe.parse_yaml(data, "f.yaml")
    finally:
        yamlsafe.LOADER = before
    return shape(node), [str(p) for p in problems]


def test_the_c_parser_is_used_where_pyyaml_has_it() -> None:
    assert yamlsafe.CParser is not None, "this PyYAML was built without libyaml"
    assert yamlsafe.LOADER is yamlsafe.MarkedCLoader


SAMPLES = [*TRICKY, *(p.read_bytes() for p in sorted(DATA.glob("*.yaml")))]


@pytest.mark.parametrize("data", SAMPLES, ids=[f"sample{n}" for n in range(len(SAMPLES))])
def test_same_nodes_marks_and_problems(data: bytes) -> None:
    assert parsed(data, yamlsafe.MarkedCLoader) == parsed(data, yamlsafe.MarkedLoader)
