from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from moderator.store import MeetingStore

APPENDER = Path(__file__).with_name("appender.py")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "meeting.db"


def event(number: int, prefix: str = "e") -> dict[str, object]:
    return {"v": 1, "id": f"{prefix}{number:05d}", "at": "2026-12-10T08:00:00+00:00",
            "role": "moderator", "type": "floor.requested", "speaker": "TR"}


def make_db(path: Path, count: int, meeting: str | None = None) -> None:
    """A database at `path` with `count` events, one commit each."""
    with MeetingStore.open(path, meeting=meeting) as store:
        for n in range(count):
            store.append([event(n)])


def start_appender(path: Path, prefix: str, count: int) -> subprocess.Popen[str]:
    child = subprocess.Popen([sys.executable, str(APPENDER), str(path), prefix, str(count)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    return child


def fail_at(monkeypatch: pytest.MonkeyPatch, name: str, nth: int, code: int) -> list[int]:
    """Make `os.<name>` raise OSError(code) on its nth call from now on."""
    real: Callable[..., Any] = getattr(os, name)
    calls = [0]

    def failing(*args: Any) -> Any:
        calls[0] += 1
        if calls[0] == nth:
            raise OSError(code, os.strerror(code))
        return real(*args)

    monkeypatch.setattr(os, name, failing)
    return calls
