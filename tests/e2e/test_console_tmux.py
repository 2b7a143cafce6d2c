"""The real console in a real terminal: keys in, screen out, kill -9, relaunch, same state."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

CONSOLE = Path(sys.executable).parent / "moderator"


def tmux(socket: Path, *args: str) -> str:
    done = subprocess.run(["tmux", "-S", str(socket), *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise AssertionError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout


class Terminal:
    """A session of the test's own tmux server (`tmux -S`): it never meets another test's or
    another run's sessions (xdist workers, a second checkout), nor takes their environment."""

    def __init__(self, session: str, socket: Path) -> None:
        self.session = session
        self.socket = socket

    def start(self, command: str, cwd: Path, width: int = 120, height: int = 36) -> None:
        # A COLUMNS/LINES in the tmux server's environment would override the pane's size.
        tmux(self.socket, "new-session", "-d", "-x", str(width), "-y", str(height),
             "-s", self.session, "-c", str(cwd), f"unset COLUMNS LINES; {command}")

    def screen(self) -> str:
        return tmux(self.socket, "capture-pane", "-p", "-t", self.session)

    def wait_for(self, *texts: str, timeout: float = 60) -> str:
        """Poll the screen until every text shows (waiting for a process, not for a clock; the
        timeout only ends a failing test, and a console starts slowly on a loaded machine)."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{texts} never appeared; the screen shows:\n{screen}")
            time.sleep(0.1)

    def keys(self, *keys: str) -> None:
        tmux(self.socket, "send-keys", "-t", self.session, *keys)

    def type(self, text: str) -> None:
        tmux(self.socket, "send-keys", "-t", self.session, "-l", text)

    def pid(self) -> int:
        return int(tmux(self.socket, "display-message", "-p", "-t", self.session,
                        "#{pane_pid}").strip())

    def kill(self) -> None:
        subprocess.run(["tmux", "-S", str(self.socket), "kill-session", "-t", self.session],
                       capture_output=True)

    def wait_gone(self, pid: int, timeout: float = 10) -> None:
        """Wait until the killed console has exited (a process, not a clock)."""
        deadline = time.monotonic() + timeout
        while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
            time.sleep(0.05)


@contextmanager
def terminals(*names: str) -> Iterator[tuple[Terminal, ...]]:
    """Fresh tmux sessions named `<name>-e2e-<tag>` on a server of their own, killed with it
    (and its socket removed) on the way out."""
    tag = uuid.uuid4().hex[:8]
    folder = Path(tempfile.mkdtemp(prefix="moderator-tmux-"))
    socket = folder / "socket"
    # A session that outlives the consoles: the server stays up while a console is killed and
    # started again (a server that exits with its last session races the next one's start).
    tmux(socket, "new-session", "-d", "-s", "keep", "cat")
    terms = tuple(Terminal(f"{name}-e2e-{tag}", socket) for name in names)
    try:
        yield terms
    finally:
        for term in terms:
            term.kill()
        subprocess.run(["tmux", "-S", str(socket), "kill-server"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    with terminals("moderator") as (term,):
        yield term


def test_the_console_survives_kill_9(terminal: Terminal, tmp_path: Path) -> None:
    assert CONSOLE.exists(), f"no console script at {CONSOLE}"
    database = tmp_path / "meeting.db.json"
    # Run from tmp_path so the bundled seminar is used; "exec" makes the pane's pid the console's.
    command = f"exec {CONSOLE} run --db {database}"
    terminal.start(command, tmp_path)
    terminal.wait_for("Nobody has the floor", "No item in progress")  # drawn whole
    terminal.keys("]")
    # The first item is open (the list said "No requests" before it too: not a sign of it).
    terminal.wait_for("▶ Welcoming remarks")
    for typed, name in (("turki", "Türkiye"), ("oster", "Austria")):
        terminal.keys("a")
        terminal.wait_for("Request for the floor")
        terminal.type(typed)
        terminal.keys("Enter")
        # The list writes the times in a column of their own, after the name.
        deadline = time.monotonic() + 60
        while not any(name in entry for entry in waiting_list(terminal.screen())):
            assert time.monotonic() < deadline, terminal.screen()
            time.sleep(0.1)
    terminal.keys("n")  # giving the floor starts the timer
    # The floor's frame with its speaker: a screen read while a frame is being written can
    # hold part of it (the countdown's digits without the frame's top above them).
    before = terminal.wait_for("SPEAKING", "╭")
    assert any("Türkiye" in line for line in waiting_list(before))

    pid = terminal.pid()
    subprocess.run(["kill", "-9", str(pid)], check=True)
    terminal.wait_gone(pid)
    terminal.kill()
    terminal.session += "-again"
    terminal.start(command, tmp_path)
    # Once laid out at the terminal's width (a first frame may be drawn narrower).
    after = terminal.wait_for("SPEAKING", "╭", *waiting_list(before))
    # The same speaker holds the floor, the timer still runs, the same list waits.
    assert speaker_on_floor(after) == speaker_on_floor(before)
    assert waiting_list(after) == waiting_list(before)


def speaker_on_floor(screen: str) -> str:
    """The first line inside the floor's frame."""
    lines = screen.splitlines()
    top = next(i for i, line in enumerate(lines) if "╭" in line)
    return lines[top + 1].split("│")[1].strip()


def waiting_list(screen: str) -> list[str]:
    """The names on the list of speakers, in order, without the figures that move with time."""
    below = screen.partition("List of speakers")[2].partition("Spoken on this item")[0]
    return [line.split("▕")[-1].split("waited")[0].strip()
            for line in below.splitlines() if "waited" in line]
