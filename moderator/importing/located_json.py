"""JSON whose objects remember the line they start on, so a problem can say where it is."""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from json.decoder import JSONObject
from json.scanner import py_make_scanner
from pathlib import Path
from typing import Any

from moderator.importing.source_file import failed, read_source, utf8_text


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
    text = utf8_text(read_source(path, "a JSON file"), name)
    if not text.strip():
        raise failed(name, "is empty: expected the JSON of Indico's timetable export")
    try:
        return _Decoder(text).decode(text)
    except json.JSONDecodeError as error:
        hint = ""
        if text.lstrip().startswith("<"):
            hint = " (this looks like a web page: save the export's JSON, not the page)"
        raise failed(f"{name}:{error.lineno}:{error.colno}", f"not JSON: {error.msg}{hint}"
                    ) from None
    except RecursionError:
        raise failed(name, "is nested too deeply") from None
