"""Files that are not YAML mappings at all: one clear line each, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from moderator.core import validate_files
from tests.core.loading.samples import SPEAKERS, write_meeting


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", ":1:1: is empty: expected a mapping"),
        (b"# only a comment\n\n", ":1:1: is empty: expected a mapping"),
        (b"- a\n- b\n", ":1:1: the agenda must be a mapping of keys to values, not a list"),
        (
            b"just words\n",
            ":1:1: the agenda must be a mapping of keys to values, not a single value",
        ),
        (b"event: x\n\x00\x01\x02", ":2:1: is a binary file, not YAML text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", ":3:1: is a binary file, not YAML text"),
        (b"event:\n  title: Caf\xe9\n", ":2:13: is not UTF-8 text (byte 0xe9)"),
        (
            b"event:\n  title: \x1b[31m\n",
            ":2:10: contains the character #x001b, which YAML does not allow",
        ),
    ],
)
def test_a_broken_agenda_file_is_one_line(tmp_path: Path, content: bytes, expected: str) -> None:
    agenda_path, speakers_path = write_meeting(tmp_path, content, SPEAKERS)
    problems = validate_files(agenda_path, speakers_path)
    assert [str(p) for p in problems] == [f"{agenda_path}{expected}"]


def test_a_missing_file(tmp_path: Path) -> None:
    _, speakers_path = write_meeting(tmp_path)
    missing = tmp_path / "nowhere.yaml"
    assert [str(p) for p in validate_files(missing, speakers_path)] == [f"{missing}: no such file"]


def test_a_directory_passed_as_a_file(tmp_path: Path) -> None:
    agenda_path, _ = write_meeting(tmp_path)
    problems = validate_files(agenda_path, tmp_path)
    assert [str(p) for p in problems] == [f"{tmp_path}: is a directory, not a YAML file"]


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    agenda_path, speakers_path = write_meeting(
        tmp_path, speakers=b"\xef\xbb\xbf" + SPEAKERS.encode()
    )
    assert validate_files(agenda_path, speakers_path) == []
