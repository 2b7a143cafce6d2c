"""A meeting's database on read-only media (a write-protected stick, an archive mounted
read-only) is exported and served: the store opens it read-only when the file system says
EROFS, as it does when permission is denied."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from moderator.cli import main
from moderator.store import MeetingStore
from moderator.web.links import load_links
from tests.reliability.scenario import DATA, seminar
from tests.store.test_edges import read_only_media
from tests.store.test_snapshots import record

ROOT = Path(__file__).resolve().parents[2]


def export_argv(database: Path, out: Path) -> list[str]:
    return ["export", "--agenda", str(DATA / "agenda.yaml"), "--speakers",
            str(DATA / "speakers.yaml"), "--db", str(database), "--out", str(out)]


@pytest.fixture
def database(tmp_path: Path) -> Path:
    found = record(tmp_path).database
    with MeetingStore.open(found) as store:
        load_links(store)  # the links `serve` printed while the meeting was on
    return found


def test_export_and_serve_from_read_only_media(database: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from moderator.web.serve import open_feed

    read_only_media(monkeypatch, database)
    with pytest.raises(OSError) as refused:
        os.open(database, os.O_RDWR)
    assert refused.value.errno == errno.EROFS
    out = tmp_path / "summary.md"
    assert main(export_argv(database, out)) == 0, capsys.readouterr().err
    assert "Wrote" in capsys.readouterr().out and out.stat().st_size > 0
    agenda, roster = seminar()
    feed, _ = open_feed(agenda, roster, database)
    try:
        assert feed.store.read_only and feed.error is None
        assert feed.meeting.folded_count == len(MeetingStore.open(database).events())
    finally:
        feed.store.close()


def _can_mount_read_only(folder: Path) -> bool:
    if shutil.which("unshare") is None or not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c",
                            f"mount --bind -o ro '{folder}' '{folder}'"],
                           capture_output=True, check=False)
    return probe.returncode == 0


def test_export_from_a_read_only_mount(database: Path, tmp_path: Path) -> None:
    """The same on a real read-only bind mount (in a mount namespace of its own, gone with it)."""
    if not _can_mount_read_only(database.parent):
        pytest.skip("no read-only bind mount here (needs root and unshare)")
    out = tmp_path.parent / f"{tmp_path.name}-summary.md"
    argv = " ".join(f"'{a}'" for a in export_argv(database, out))
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c",
         f"mount --bind -o ro '{database.parent}' '{database.parent}' && "
         f"touch '{database.parent}/probe' 2>/dev/null && echo writable; "
         f"exec '{sys.executable}' -m moderator {argv}"],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
    assert "writable" not in done.stdout  # the folder was read-only for the export
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0
    out.unlink()
