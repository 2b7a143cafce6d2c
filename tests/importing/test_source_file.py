"""Both importers read their file the same way: one problem naming the file, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from moderator.importing import source_file
from moderator.importing.located_json import read_json
from moderator.importing.problems import ImportFailed
from moderator.importing.sheets import read_sheet

READERS = [(read_json, "a JSON file"), (read_sheet, "a registration list")]


def problem(reader, path: Path) -> str:
    with pytest.raises(ImportFailed) as failed:
        reader(path)
    [only] = failed.value.problems
    return str(only)


@pytest.mark.parametrize(("reader", "what"), READERS)
def test_a_folder_a_missing_file_and_a_file_too_large(reader, what, tmp_path, monkeypatch):
    assert problem(reader, tmp_path) == f"{tmp_path}: is a directory, not {what}"
    assert problem(reader, tmp_path / "none") == f"{tmp_path / 'none'}: no such file"
    big = tmp_path / "big"
    big.write_bytes(b"x" * 2_000_001)
    monkeypatch.setattr(source_file, "MAX_BYTES", 1024 * 1024)
    assert problem(reader, big) == f"{big}: is larger than 1 MiB"


@pytest.mark.parametrize(("reader", "advice"), [
    (read_json, ""), (read_sheet, ": save it as 'CSV UTF-8', or as .xlsx")])
def test_text_that_is_not_utf8_is_named_at_its_line(reader, advice, tmp_path):
    path = tmp_path / "latin1"
    path.write_bytes(b"Name\nJos\xe9\n")
    assert problem(reader, path) == f"{path}:2: is not UTF-8 text (byte 0xe9){advice}"
