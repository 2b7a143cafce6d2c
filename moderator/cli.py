"""Command line: `moderator [run|validate|notes|clock|export]`."""

from __future__ import annotations


def main(argv: list[str] | None = None) -> int:
    raise NotImplementedError
