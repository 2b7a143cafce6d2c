"""The command line at its bounds: devices and FIFOs refused (never read, never waited on),
sizes and numbers bounded, ports checked, and `export --force` replacing only a regular file.
Each a clear message and a non-zero exit, never "unexpected error", never a hang."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from moderator.cli import main
from moderator.store import MeetingStore
from tests.reliability.scenario import DATA, fresh_meeting, seminar

AGENDA, SPEAKERS = str(DATA / "agenda.yaml"), str(DATA / "speakers.yaml")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out + captured.err


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "meeting.db.json"
    meeting = fresh_meeting()
    with MeetingStore.open(path, meeting=seminar()[0].event.id) as store:
        for decide in (lambda: meeting.start_item("s1-discussion"),
                       lambda: meeting.request_floor("AT"), meeting.give_floor):
            events = decide()
            store.append(events)
            meeting.apply_all(events)
    return path


def test_recover_refuses_a_device_and_a_fifo(tmp_path: Path, fifo: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    for source in ("/dev/zero", str(fifo)):
        status, said = run(["recover", source, str(tmp_path / "new.db")], capsys)
        assert status == 1 and "not a regular file" in said and "unexpected" not in said
    assert not (tmp_path / "new.db").exists()


def test_validate_refuses_a_fifo_and_a_device(fifo: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    status, said = run(["validate", "--agenda", str(fifo), "--speakers", SPEAKERS], capsys)
    assert status == 1 and f"{fifo}: is a FIFO (a pipe), not a YAML file" in said
    status, said = run(["validate", "--agenda", AGENDA, "--speakers", "/dev/zero"], capsys)
    assert status == 1 and "/dev/zero: is a device, not a YAML file" in said


def test_import_refuses_a_fifo(tmp_path: Path, fifo: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    status, said = run(["import", "indico", str(fifo), "--out", str(tmp_path / "a.yaml"),
                        "--speakers", str(tmp_path / "s.yaml")], capsys)
    assert status == 1 and "is a FIFO (a pipe), not a JSON file" in said


def test_an_indico_number_of_100000_digits_is_a_clear_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    timetable = tmp_path / "timetable.json"
    timetable.write_text('{"results": {"1": {\n  "id": ' + "9" * 100_000 + "}}}",
                         encoding="utf-8")
    status, said = run(["import", "indico", str(timetable), "--out", str(tmp_path / "a.yaml"),
                        "--speakers", str(tmp_path / "s.yaml")], capsys)
    assert status == 1 and "unexpected" not in said
    assert f"{timetable}:2:9: not JSON for a timetable: a number of 100,000 digits" in said
    assert not (tmp_path / "a.yaml").exists()


@pytest.mark.parametrize("port", ["99999", "65536", "-1", "80x", ""])
def test_serve_checks_its_port(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, said = run(["serve", "--port", port], capsys)
    assert status == 2 and "is not a port: a whole number from 1 to 65535" in said


def export(database: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    return run(["export", "--agenda", AGENDA, "--speakers", SPEAKERS, "--db", str(database),
                "--out", str(out), "--force"], capsys)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _symlink(path: Path) -> None:
    target = path.with_name("elsewhere.md")
    target.write_text("kept", encoding="utf-8")
    path.symlink_to(target)


def _device(path: Path) -> None:
    try:
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # /dev/null's numbers
    except PermissionError:
        pytest.skip("making a device node needs root")


@pytest.mark.parametrize(("make", "kind", "still"), [
    (_fifo, "a FIFO (a pipe)", stat.S_ISFIFO),  # the database check waited on it
    (_symlink, "a symbolic link", stat.S_ISLNK),  # it became a file
    (_device, "a device", stat.S_ISCHR),  # as root, the node was replaced
])
def test_export_force_replaces_only_a_regular_file(make, kind, still, database: Path,  # type: ignore[no-untyped-def]
                                                   tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "summary.md"
    make(out)
    status, said = export(database, out, capsys)
    assert status == 1 and f"is {kind}; an export replaces only a regular file" in said
    assert still(os.lstat(out).st_mode)
    assert not (tmp_path / "elsewhere.md").exists() or \
        (tmp_path / "elsewhere.md").read_text(encoding="utf-8") == "kept"


def test_export_force_still_replaces_a_regular_file(database: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "summary.md"
    out.write_text("old", encoding="utf-8")
    status, said = export(database, out, capsys)
    assert status == 0 and said.startswith(f"Wrote {out}")
    assert out.read_text(encoding="utf-8") != "old"


def test_recover_refuses_a_source_larger_than_any_database(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from moderator.store.recover import MAX_SOURCE

    huge = tmp_path / "huge.db"
    with huge.open("wb") as handle:
        handle.truncate(MAX_SOURCE + 1)  # sparse: nothing is written, nothing will be read
    status, said = run(["recover", str(huge), str(tmp_path / "new.db")], capsys)
    assert status == 1 and "larger than any meeting's database (1 GiB)" in said
    assert not (tmp_path / "new.db").exists()
