"""No room surface reads the meeting itself: each renders the core's room view and nothing else.

The audience clock asks the meeting for its room view only; the state document (what
/api/state, the WebSocket and the four pages read) is written from a room view, and the room
server's feed hands it the meeting's.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "moderator"


def _tree(relative: str) -> ast.Module:
    path = PACKAGE / relative
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


def _meeting_reads(tree: ast.Module) -> set[str]:
    """What is read of `meeting` or `self.meeting` anywhere in the module."""
    reads = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        owner = node.value
        if isinstance(owner, ast.Name) and owner.id == "meeting" or (
                isinstance(owner, ast.Attribute) and owner.attr == "meeting"
                and isinstance(owner.value, ast.Name) and owner.value.id == "self"):
            reads.add(node.attr)
    return reads


def test_the_audience_clock_reads_the_room_view_only() -> None:
    assert _meeting_reads(_tree("tui/screens/audience_clock.py")) == {"room_view"}
    for widget in ("podium_banner.py", "break_face.py", "big_countdown.py"):
        assert _meeting_reads(_tree(f"tui/widgets/{widget}")) == set(), widget


def test_the_state_document_is_written_from_the_room_view_only() -> None:
    tree = _tree("web/room_state.py")
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert "moderator.core.meeting" not in imported and "moderator.core" not in imported
    assert _meeting_reads(tree) == set()
    [function] = [node for node in tree.body
                  if isinstance(node, ast.FunctionDef) and node.name == "state_document"]
    assert [ast.unparse(a.annotation) for a in function.args.args] == ["RoomView"]


def test_the_feed_publishes_the_room_views_document() -> None:
    calls = [node for node in ast.walk(_tree("web/feed.py"))
             if isinstance(node, ast.Call) and ast.unparse(node.func) == "state_document"]
    # The room's, or the room's as a delegation's page may see it (its own document).
    assert calls and all(ast.unparse(call.args[0]).endswith(".room_view()") or
                         ast.unparse(call.args[0]).endswith(
                             ".room_view().seen_by(Surface.DELEGATION)") for call in calls)
