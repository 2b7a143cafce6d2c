"""`moderator import participants`: a registration list merged into the roster."""

from __future__ import annotations

from pathlib import Path

from moderator.importing.outputs import Output, Report, check_roster, write_outputs
from moderator.importing.participants import enrol_rows, find_columns
from moderator.importing.people import Enrolment
from moderator.importing.problems import Findings
from moderator.importing.roster_file import open_roster, roster_with
from moderator.importing.sheets import read_sheet


def import_participants(path: Path, roster_path: Path, out: Path, *, columns: str | None = None,
                        sheet: str | None = None, force: bool = False) -> Report:
    """Merge the registration list in `path` into the roster; raises `ImportFailed`."""
    findings = Findings()
    table = read_sheet(path, sheet)
    found = find_columns(table, columns, findings)
    findings.fail_if_errors()
    roster_file = open_roster(roster_path)
    enrolment = Enrolment(roster_file.roster)
    registration = enrol_rows(table, found, enrolment, findings)
    findings.fail_if_errors()
    added = list(enrolment.added.values())
    text = roster_with(roster_file, added, f"Added from the registration list {path.name}.",
                       enrolment.notes())
    output = Output(out, text)
    check_roster(output)
    if added or out != roster_path or not roster_file.exists:
        write_outputs([output], force)
        verb = f"Wrote {out}"
    else:
        verb = f"{out} is unchanged"
    already = registration.people - len(added)
    parts = [f"{registration.people} participant{'s' * (registration.people != 1)}",
             f"{len(added)} new in the roster"]
    if already:
        parts.append(f"{already} already in it")
    if enrolment.matched:
        parts.append(f"{enrolment.matched} placed in a delegation")
    if registration.left_out:
        parts.append(f"{registration.left_out} withdrawn or rejected left out")
    lines = [f"{verb}: {', '.join(parts)}{enrolment.unmatched_summary('delegation')}."]
    for text_, places in enrolment.unmatched.items():
        rows = ", ".join(p.rsplit(":", 1)[-1] for p in places[:8])
        more = f" and {len(places) - 8} more" if len(places) > 8 else ""
        hint = ""
        if text_ in enrolment.ambiguous:
            hint = f" (names {', '.join(enrolment.ambiguous[text_])})"
        lines.append(f"  not matched: '{text_}'{hint}, rows {rows}{more}: kept as their "
                     "affiliation, with no delegation")
    lines += enrolment.by_country_lines()
    return Report(lines, findings.warnings)

