"""The core's tests run on the small hand-built meeting (tests/helpers/small_meeting.py) with the
`clock`, `meeting` and `debate` fixtures of tests/conftest.py."""

from __future__ import annotations

# Still importable from here, as the core's tests have always imported them.
from tests.helpers.small_meeting import START, ask, make_agenda, make_roster, whos

__all__ = ["START", "ask", "make_agenda", "make_roster", "whos"]
