"""`moderator import` on a large event: a five-day Indico timetable and a registration list of
500 people (CSV and XLSX), each against reading the same file with the standard reader."""

from __future__ import annotations

import csv
import gc
import json
import shutil
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from generate import LargeMeeting
from lines import Line

from moderator.core import load_roster, validate_files
from moderator.importing.indico_import import import_indico
from moderator.importing.participants_import import import_participants
from moderator.importing.skeleton import osce_roster

DAYS, SESSIONS, CONTRIBUTIONS, PEOPLE = 5, 6, 10, 500
RATIO = 2.0  # an import may cost up to twice what it cannot avoid


def timetable(path: Path) -> int:
    """A conference of DAYS days: SESSIONS blocks a day, each with CONTRIBUTIONS and a break."""
    days, entries = {}, 0
    for d in range(DAYS):
        day = date(2027, 6, 7) + timedelta(days=d)
        blocks = {}
        for s in range(SESSIONS):
            start = 7 * 60 + s * 90  # UTC minutes
            children = {}
            for c in range(CONTRIBUTIONS):
                at = start + c * 8
                children[f"c{d}{s}{c}"] = _entry("Contribution", day, at, 8, f"Talk {d}.{s}.{c}",
                                                 presenters=[_person(d, s, c)])
            children[f"b{d}{s}"] = _entry("Break", day, start + 80, 10, "Coffee break")
            blocks[f"s{d}{s}"] = _entry("Session", day, start, 90, f"Session {d}.{s}",
                                        conveners=[_person(d, s, 99)], entries=children)
            entries += len(children) + 1
        days[day.strftime("%Y%m%d")] = blocks
    path.write_text(json.dumps({"results": {"77": days}}, indent=4), encoding="utf-8")
    return entries


def _entry(kind: str, day: date, minute: int, length: int, title: str, **more: object) -> dict:
    def stamp(m: int) -> dict:
        return {"date": day.isoformat(), "time": f"{m // 60:02d}:{m % 60:02d}:00", "tz": "UTC"}

    return {"entryType": kind, "title": title, "startDate": stamp(minute),
            "endDate": stamp(minute + length), "duration": length, **more}


def _person(d: int, s: int, c: int) -> dict:
    states = list(osce_roster().delegations.values())
    return {"firstName": f"Ana{d}{s}", "familyName": f"Müller{c}",
            "affiliation": states[(d * 31 + s * 7 + c) % len(states)].name}


def registrations(folder: Path) -> tuple[Path, Path]:
    states = [d.name for d in osce_roster().delegations.values()]
    rows = [["ID", "Name", "Affiliation", "Position", "Country", "Gender", "Registration state"]]
    rows += [[str(n), f"Participant Nº{n} Ødegård", "Ministry", "Expert", states[n % len(states)],
              "female" if n % 2 else "male", "Complete"] for n in range(PEOPLE)]
    csv_path = folder / "registrations.csv"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows(rows)
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    xlsx_path = folder / "registrations.xlsx"
    book.save(xlsx_path)
    return csv_path, xlsx_path


def _timed(work: Callable[[], object]) -> float:
    """Seconds `work` takes, as in a process of its own: what the benchmarks before it left
    (the large meeting's objects) is collected and frozen first, or a full pass of the
    collector over it, due at a moment the run's earlier allocations decide, was counted in
    one of the imports (0.10 s one run, 0.39 s the next)."""
    gc.collect()
    gc.freeze()
    try:
        start = time.perf_counter()
        work()
        return time.perf_counter() - start
    finally:
        gc.unfreeze()


def run(workdir: str, large: LargeMeeting) -> list[Line]:
    """Each import against what it cannot avoid: reading its input with the standard reader,
    and checking what it wrote with the meeting files' loader (as `moderator validate` does)."""
    folder = Path(workdir) / "import-bench"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    try:
        tt = folder / "timetable.json"
        entries = timetable(tt)
        agenda, roster = folder / "agenda.yaml", folder / "speakers.yaml"
        ours = _timed(lambda: import_indico(tt, agenda, roster))
        reading = _timed(lambda: json.loads(tt.read_text(encoding="utf-8")))
        checking = _timed(lambda: validate_files(agenda, roster))
        lines = [_line(f"Import of an Indico timetable ({entries} entries, "
                       f"{tt.stat().st_size / 1e6:.1f} MB) to an agenda and roster", ours,
                       reading, checking)]
        csv_path, xlsx_path = registrations(folder)
        for path, read in ((csv_path, _read_csv), (xlsx_path, _read_xlsx)):
            out = folder / f"roster-{path.suffix[1:]}.yaml"
            ours = _timed(lambda: import_participants(path, folder / "none.yaml", out))  # noqa: B023
            reading = _timed(lambda: read(path))  # noqa: B023
            checking = _timed(lambda: load_roster(out))  # noqa: B023
            lines.append(_line(f"Import of a registration list of {PEOPLE} people "
                               f"({path.suffix[1:].upper()}) into the OSCE roster", ours,
                               reading, checking))
        return lines
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _line(what: str, ours: float, reading: float, checking: float) -> Line:
    reference = reading + checking
    ratio = ours / reference
    return Line(f"{what}: against reading the input ({reading:.2f} s) and loading the output "
                f"({checking:.2f} s), which it must both do", f"{ours:.2f} s",
                f"{reference:.2f} s", f"{ratio:.1f}x", f"< {RATIO:.0f}x", ratio < RATIO)


def _read_csv(path: Path) -> None:
    with path.open(encoding="utf-8-sig", newline="") as source:
        list(csv.reader(source))


def _read_xlsx(path: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    list(book.active.iter_rows(values_only=True))
    book.close()
