"""The export tests' scripted seminar (tests/export/scripted.py), played once per module."""

from __future__ import annotations

import pytest

from tests.export.scripted import Script, scripted_meeting


@pytest.fixture(scope="module")
def script() -> Script:
    """The seminar as the scripted chair ran it (read-only: a test that records makes its own)."""
    return scripted_meeting()
