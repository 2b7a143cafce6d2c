"""A registration list as rows of text: CSV (comma, semicolon or tab) or an Excel workbook.

Each row knows its place for error messages: `file:line` in a CSV, `file:sheet:row` in a
workbook. Blank rows are skipped; the first non-blank row is the header.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from moderator.importing.source_file import failed, read_source, utf8_text
from moderator.importing.text import clean

ZIP = b"PK\x03\x04"
OLE = b"\xd0\xcf\x11\xe0"  # the old binary .xls
DELIMITERS = ",;\t"


@dataclass(frozen=True, slots=True)
class Row:
    place: str
    cells: tuple[str, ...]

    def cell(self, column: int | None) -> str:
        if column is None or column >= len(self.cells):
            return ""
        return self.cells[column]


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str  # the file, or file:sheet
    header: Row
    rows: tuple[Row, ...]


def read_sheet(path: Path, sheet: str | None = None) -> Sheet:
    """The header and rows of `path` (CSV or XLSX, told by content); raises `ImportFailed`."""
    name = str(path)
    data = read_source(path, "a registration list")
    if data.startswith(OLE):
        raise failed(name, "is an old Excel 97-2003 workbook (.xls): save it as .xlsx or CSV")
    if data.startswith(ZIP):
        return _workbook(data, name, sheet)
    if sheet is not None:
        raise failed(name, "--sheet is for Excel workbooks; this is a CSV file")
    return _csv(data, name)


def _csv(data: bytes, name: str) -> Sheet:
    if b"\0" in data:
        line = data.count(b"\n", 0, data.index(b"\0")) + 1
        raise failed(f"{name}:{line}", "is a binary file, not CSV text or an .xlsx workbook")
    text = utf8_text(data, name, ": save it as 'CSV UTF-8', or as .xlsx")
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(DELIMITERS, key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        while True:
            line = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            rows.append(Row(f"{name}:{line}", tuple(clean(c) for c in cells)))
    except csv.Error as error:
        raise failed(f"{name}:{reader.line_num}", f"not readable as CSV: {error}") from None
    return _sheet(name, rows)


def _workbook(data: bytes, name: str, wanted: str | None) -> Sheet:
    from openpyxl import load_workbook  # only for workbooks: it takes a while to import

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # a damaged workbook fails in many ways inside openpyxl
        raise failed(name, f"is not a readable .xlsx workbook ({type(error).__name__}: "
                    f"{error})") from None
    try:
        names = book.sheetnames
        if wanted is not None and wanted not in names:
            raise failed(name, f"has no sheet '{wanted}' (sheets: {', '.join(names)})")
        if not names:
            raise failed(name, "has no sheet")
        title = wanted or names[0]
        place = f"{name}:{title}"
        worksheet = book[title]
        # Read-only mode trusts the size the file declares; some writers declare it wrong.
        worksheet.reset_dimensions()
        rows = [Row(f"{place}:{n}", tuple(_cell_text(v) for v in values))
                for n, values in enumerate(worksheet.iter_rows(min_row=1, values_only=True),
                                           start=1)]
    finally:
        book.close()
    return _sheet(place, rows)


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return clean(value)


def _sheet(name: str, rows: Iterable[Row]) -> Sheet:
    filled = [r for r in rows if any(r.cells)]
    if not filled:
        raise failed(name, "is empty: expected a header row (Name, Delegation, ...) and a row "
                    "per participant")
    header, people = filled[0], tuple(filled[1:])
    if not people:
        raise failed(header.place, "has a header row but no participants below it")
    return Sheet(name, header, people)
