"""The core's shape: no import cycle (type-checking imports included), no mixins."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "moderator" / "core"


def _module_name(path: Path) -> str:
    parts = path.relative_to(CORE.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _sources() -> dict[str, ast.Module]:
    return {_module_name(p): ast.parse(p.read_text(encoding="utf-8"), str(p))
            for p in sorted(CORE.rglob("*.py"))}


def _imports(name: str, tree: ast.Module, modules: set[str]) -> set[str]:
    """The core modules `name` imports, anywhere in it (under `if TYPE_CHECKING:` too)."""
    found: set[str] = set()
    package = name if name in {n for n in modules if (CORE.parent.parent / n.replace(".", "/")
                                                     / "__init__.py").exists()} \
        else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1]
                                + ([base] if base else []))
            # `from package import module` depends on the module; else on what it names from.
            submodules = {f"{base}.{alias.name}" for alias in node.names} & modules
            found |= submodules or {base}
    return {m for m in found if m in modules and m != name}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of `graph`, as the modules around it, else None."""
    done: set[str] = set()
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        if module in path:
            return [*path[path.index(module):], module]
        if module in done:
            return None
        path.append(module)
        for target in sorted(graph[module]):
            found = visit(target)
            if found:
                return found
        path.pop()
        done.add(module)
        return None

    for module in sorted(graph):
        found = visit(module)
        if found:
            return found
    return None


def _graph() -> dict[str, set[str]]:
    sources = _sources()
    modules = set(sources)
    # The package's own __init__ re-exports everything: importing it is not a dependency here.
    return {name: _imports(name, tree, modules) - {"moderator.core"}
            for name, tree in sources.items() if name != "moderator.core"}


def test_the_core_has_no_import_cycle() -> None:
    assert _cycle(_graph()) is None, " -> ".join(_cycle(_graph()) or [])


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}
    assert _cycle(graph) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_no_core_class_mixes_in_another() -> None:
    """A class has at most one base that is a class of the core (no mixins)."""
    sources = _sources()
    core_classes = {node.name for tree in sources.values() for node in ast.walk(tree)
                    if isinstance(node, ast.ClassDef)}
    mixed = []
    for name, tree in sources.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases = [b.id if isinstance(b, ast.Name) else getattr(b, "attr", "")
                         for b in node.bases]
                own = [b for b in bases if b in core_classes]
                if len(own) > 1:
                    mixed.append(f"{name}.{node.name}({', '.join(own)})")
    assert mixed == []


def test_a_type_checking_import_counts() -> None:
    tree = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                     "    from moderator.core.meeting import Meeting\n")
    assert _imports("moderator.core.floor", tree,
                    {"moderator.core.meeting", "moderator.core.floor"}) == {"moderator.core.meeting"}
