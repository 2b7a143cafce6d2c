"""The export's shape: no import circle between its modules, and none hidden by an import
inside a function (journal.py and wording.py share journal_grammar.py, below both)."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

EXPORT = Path(__file__).resolve().parents[2] / "moderator" / "export"


def _imports() -> dict[str, tuple[set[str], set[str]]]:
    """Per module: the export modules it imports at its top, and those it imports in a body."""
    found = {}
    for path in sorted(EXPORT.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top, inner = set(), set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("moderator.export"):
                names = {node.module.rpartition(".")[2]} if node.module != "moderator.export" else {
                    alias.name for alias in node.names}
                (top if node in tree.body else inner).update(names)
        found[path.stem] = (top, inner)
    return found


def test_no_export_module_imports_another_inside_a_function() -> None:
    assert {name: inner for name, (_, inner) in _imports().items() if inner} == {}


def test_the_export_modules_import_no_circle() -> None:
    graph = {name: top for name, (top, _) in _imports().items()}
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as error:  # the message names the circle
        raise AssertionError(f"import circle: {error.args[1]}") from None
    assert order.index("journal_grammar") < order.index("journal")
    assert order.index("journal_grammar") < order.index("wording")
