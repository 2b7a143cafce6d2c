"""A small valid agenda and roster in the bundled files' style; tests break one line at a time."""

from __future__ import annotations

from pathlib import Path

from moderator.core import Problem, validate_files

AGENDA = """\
event:
  id: test-meeting
  title: Test meeting
  dates: ["2026-12-10", "2026-12-11"]
  timezone: Europe/Vienna
defaults:
  statement: 180
  ordering: request
sessions:
  - id: opening
    title: Opening session
    date: 2026-12-10
    start: 9:30
    end: 10:30
    moderator: chair
    rapporteur: rapporteur
    items:
      - id: welcome
        title: Welcome
        kind: address
        minutes: 20
        speakers:
          - chair
          - {id: NO, seconds: 300}
        limits: {statement: 120}
  - id: closing
    title: Closing session
    date: 2026-12-11
    start: 12:00
    end: 12:30
    items:
      - id: close
        title: Closing remarks
        kind: discussion
        minutes: 30
"""

SPEAKERS = """\
delegations:
  - id: NO
    name: Norway
    category: participating-state
    group: EU
  - id: EU
    name: European Union
    category: international-organisation
speakers:
  - id: chair
    name: Chair
    delegation: NO
  - id: rapporteur
    name: Rapporteur
"""


def write_meeting(
    folder: Path, agenda: str | bytes = AGENDA, speakers: str | bytes = SPEAKERS
) -> tuple[Path, Path]:
    """Write both files into `folder`; return their paths."""
    paths = folder / "agenda.yaml", folder / "speakers.yaml"
    for path, content in zip(paths, (agenda, speakers), strict=True):
        path.write_bytes(content.encode() if isinstance(content, str) else content)
    return paths


def changed(text: str, old: str, new: str) -> str:
    """`text` with exactly one occurrence of `old` replaced (the test fails if it is not there)."""
    assert text.count(old) == 1, f"{old!r} must occur once"
    return text.replace(old, new)


def problems_of(folder: Path, agenda: str = AGENDA, speakers: str = SPEAKERS) -> list[Problem]:
    return validate_files(*write_meeting(folder, agenda, speakers))
