"""JSON whose objects remember the line they start on, so a problem can say where it is."""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from json.decoder import JSONObject
from json.scanner import py_make_scanner
from pathlib import Path
from typing import Any

from moderator.importing.problems import ImportFailed, ImportProblem

MAX_BYTES = 32 * 1024 * 1024


class Located(dict):  # type: ignore[type-arg]
    """A JSON object; `line` is where its `{` stands (1-based)."""

    line = 0


class _Decoder(json.JSONDecoder):
    """The pure-Python scanner, with objects that note their offset (the C one cannot)."""

    def __init__(self, text: str) -> None:
        super().__init__(object_pairs_hook=Located)
        newlines = [m.start() for m in re.finditer("\n", text)]

        def parse_object(s_and_end: tuple[str, int], *rest: Any) -> tuple[Located, int]:
            value, end = JSONObject(s_and_end, *rest)
            value.line = bisect_right(newlines, s_and_end[1] - 1) + 1
            return value, end

        self.parse_object = parse_object
        self.scan_once = py_make_scanner(self)


def read_json(path: Path) -> Any:
    """The JSON value in `path`, objects `Located`; raises `ImportFailed` saying where it is bad."""
    name = str(path)
    try:
        if path.is_dir():
            raise _fail(name, "is a directory, not a JSON file")
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise _fail(name, "no such file") from None
    except OSError as error:
        raise _fail(name, f"cannot be read: {error.strerror or error}") from None
    if len(data) > MAX_BYTES:
        raise _fail(name, f"is larger than {MAX_BYTES // (1024 * 1024)} MiB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise _fail(f"{name}:{line}", f"is not UTF-8 text (byte 0x{data[error.start]:02x})"
                    ) from None
    if not text.strip():
        raise _fail(name, "is empty: expected the JSON of Indico's timetable export")
    try:
        return _Decoder(text).decode(text)
    except json.JSONDecodeError as error:
        hint = ""
        if text.lstrip().startswith("<"):
            hint = " (this looks like a web page: save the export's JSON, not the page)"
        raise _fail(f"{name}:{error.lineno}:{error.colno}", f"not JSON: {error.msg}{hint}"
                    ) from None
    except RecursionError:
        raise _fail(name, "is nested too deeply") from None


def _fail(place: str, message: str) -> ImportFailed:
    return ImportFailed([ImportProblem(place, message)])
