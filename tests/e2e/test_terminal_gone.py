"""A console whose terminal closed without a SIGHUP reaching it (`make run` under a closed tmux
pane or ssh session: make outlives the hangup) quits, its record whole, instead of reading the
hung-up terminal for ever at most of a core."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from moderator.store import MeetingStore
from moderator.tui.terminal import hung_up

CONSOLE = Path(sys.executable).parent / "moderator"
pytestmark = [pytest.mark.e2e, pytest.mark.slow]  # a console process on a terminal of its own


def _read_until(master: int, words: bytes, process: subprocess.Popen, limit: float) -> bytes:
    """What the console drew, until `words` is in it (waiting for a process, not a clock: the
    limit only ends a failing test)."""
    seen = b""
    deadline = time.monotonic() + limit
    while words not in seen:
        assert process.poll() is None, seen[-2000:]
        assert time.monotonic() < deadline, seen[-2000:]
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            seen += os.read(master, 65536)
    return seen


def test_a_console_quits_when_its_terminal_hangs_up_unsignalled(tmp_path: Path) -> None:
    database = tmp_path / "meeting.db.json"
    master, terminal = pty.openpty()
    os.set_blocking(master, False)
    # A session of its own: the terminal is not its controlling terminal, so closing it sends
    # no SIGHUP, as when make stands between the terminal and the console.
    process = subprocess.Popen(
        [str(CONSOLE), "run", "--db", str(database)], cwd=tmp_path, stdin=terminal,
        stdout=terminal, stderr=terminal, start_new_session=True,
        env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "36"})
    os.close(terminal)
    try:
        _read_until(master, b"Nobody has the floor", process, 60)
        os.close(master)  # the terminal goes away
        code = process.wait(timeout=30)  # the console looks every 2 s
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert code == 0
    with MeetingStore.open(database) as store:  # the record closed cleanly, and opens
        assert store.events() == []



def test_hung_up_tells_a_closed_terminal_from_a_live_one() -> None:
    master, terminal = pty.openpty()
    with open(terminal, closefd=True) as stream:
        assert not hung_up(stream)
        os.close(master)
        assert hung_up(stream)
    reader, writer = os.pipe()
    with open(reader) as stream:
        assert not hung_up(stream)  # a pipe still open
        os.close(writer)
        assert hung_up(stream)  # its writer gone
