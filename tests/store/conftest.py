from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

APPENDER = Path(__file__).with_name("appender.py")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "meeting.db"


def event(number: int, prefix: str = "e") -> dict[str, object]:
    return {"v": 1, "id": f"{prefix}{number:05d}", "at": "2026-12-10T08:00:00+00:00",
            "role": "moderator", "type": "floor.requested", "speaker": "TR"}


def start_appender(path: Path, prefix: str, count: int) -> subprocess.Popen[str]:
    child = subprocess.Popen([sys.executable, str(APPENDER), str(path), prefix, str(count)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    return child


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
