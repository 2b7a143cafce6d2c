"""A registration list's columns, found from its headers (Indico's export among them), and its
rows as people for the roster."""

from __future__ import annotations

import re
from dataclasses import dataclass

from moderator.core.search import search_key
from moderator.importing.people import Enrolment, gender_of
from moderator.importing.problems import Findings
from moderator.importing.sheets import Row, Sheet

# The headers each field is known by, folded, best first. Indico's registrants export has
# "Name", "First Name", "Last Name", "Affiliation", "Position", "Country" and the form's own
# fields; "Registration state" says who withdrew.
HEADERS = {
    "name": ("name", "full name", "participant", "participant name", "delegate", "nom",
             "nom complet", "vollstandiger name"),
    "first-name": ("first name", "firstname", "given name", "given names", "forename",
                   "prenom", "vorname"),
    "last-name": ("last name", "lastname", "family name", "surname", "nom de famille",
                  "nachname"),
    "delegation": ("delegation", "participating state", "participating state organisation",
                   "participating state organization", "delegation organisation",
                   "delegation organization", "country organisation", "country organization",
                   "country or organisation", "country or organization", "represents",
                   "representing", "country", "state", "land", "pays"),
    "affiliation": ("affiliation", "organisation", "organization", "institution", "ministry",
                    "company", "employer"),
    "role": ("role", "position", "function", "job title", "role in the meeting", "capacity",
             "participant role", "funktion"),
    "gender": ("gender", "sex", "geschlecht", "genre"),
    "state": ("registration state", "registration status", "status"),
}
FIELDS = ("name", "first-name", "last-name", "delegation", "affiliation", "role", "gender")
LEFT_OUT_STATES = ("withdrawn", "rejected", "cancelled", "canceled")
_PUNCTUATION = re.compile(r"[^\w&]+")
_PARENTHESES = re.compile(r"\([^)]*\)")


def header_key(text: str) -> str:
    """A header as compared: folded, "(optional)" and punctuation gone ("E-mail *" -> "e mail")."""
    return " ".join(_PUNCTUATION.sub(" ", _PARENTHESES.sub(" ", search_key(text))).split())


@dataclass(frozen=True, slots=True)
class Columns:
    """Which column (0-based) holds each field; None where there is none."""

    found: dict[str, int]

    def __getitem__(self, field: str) -> int | None:
        return self.found.get(field)


def find_columns(sheet: Sheet, given: str | None, findings: Findings) -> Columns:
    """The columns `--columns` names, the others found from their headers."""
    headers = [header_key(h) for h in sheet.header.cells]
    found: dict[str, int] = {}
    for field, header in _parse_given(given, findings).items():
        key = header_key(header)
        if key in headers:
            found[field] = headers.index(key)
        else:
            listed = ", ".join(f"'{h}'" for h in sheet.header.cells if h)
            findings.error(sheet.header.place, f"--columns: no column '{header}' (for {field}) "
                           f"in the header row; its columns are {listed}")
    taken = set(found.values())
    for field, names in HEADERS.items():
        if field in found:
            continue
        for name in names:
            if name in headers and headers.index(name) not in taken:
                found[field] = headers.index(name)
                taken.add(found[field])
                break
    columns = Columns(found)
    _require(sheet, columns, findings)
    return columns


def _parse_given(given: str | None, findings: Findings) -> dict[str, str]:
    fields: dict[str, str] = {}
    for part in (p for p in (given or "").split(",") if p.strip()):
        field, sep, header = part.partition("=")
        field = field.strip().lower().replace("_", "-")
        if not sep or not header.strip():
            findings.error("--columns", f"'{part.strip()}' is not FIELD=HEADER")
        elif field not in FIELDS:
            findings.error("--columns", f"unknown field '{field}' (fields: {', '.join(FIELDS)})")
        else:
            fields[field] = header.strip()
    return fields


def _require(sheet: Sheet, columns: Columns, findings: Findings) -> None:
    listed = ", ".join(f"'{h}'" for h in sheet.header.cells if h)
    if columns["name"] is None and columns["last-name"] is None:
        findings.error(sheet.header.place, "no column for the name: expected a header such as "
                       "'Name', or 'First name' and 'Last name', or --columns name=HEADER "
                       f"(the columns are {listed})")
    if columns["delegation"] is None and columns["affiliation"] is None:
        findings.error(sheet.header.place, "no column for the delegation: expected a header "
                       "such as 'Delegation', 'Participating State', 'Country' or "
                       f"'Affiliation', or --columns delegation=HEADER (the columns are {listed})")


@dataclass
class Registration:
    """What the rows gave: how many people, who was left out and why."""

    people: int = 0
    left_out: int = 0  # withdrawn or rejected registrations
    repeated: int = 0  # the same person twice in the list


def enrol_rows(sheet: Sheet, columns: Columns, enrolment: Enrolment,
               findings: Findings) -> Registration:
    """Each row's person into `enrolment`; problems (rows without a name...) into `findings`."""
    result = Registration()
    seen: dict[str, str] = {}
    for row in sheet.rows:
        if search_key(row.cell(columns["state"])) in LEFT_OUT_STATES:
            result.left_out += 1
            continue
        name = _name(row, columns)
        if not name:
            findings.error(row.place, "no name in this row")
            continue
        gender_text = row.cell(columns["gender"])
        gender, understood = gender_of(gender_text)
        if not understood:
            findings.warning(row.place, f"gender '{gender_text}' is not female, male or other: "
                             "left out")
        before = len(enrolment.added)
        ref = enrolment.enrol(name, place=row.place, affiliation=row.cell(columns["affiliation"]),
                              delegation=row.cell(columns["delegation"]),
                              title=row.cell(columns["role"]), gender=gender)
        if ref in seen and len(enrolment.added) == before:
            result.repeated += 1
            findings.warning(row.place, f"{name} is listed twice (first at {seen[ref]}): once "
                             "in the roster")
            continue
        seen.setdefault(ref, row.place)
        result.people += 1
    return result


def _name(row: Row, columns: Columns) -> str:
    if columns["name"] is not None and row.cell(columns["name"]):
        return row.cell(columns["name"])
    return " ".join(p for p in (row.cell(columns["first-name"]), row.cell(columns["last-name"]))
                    if p)
