"""How the export words a duration: as a clock shows it, the hours only from an hour up."""

from __future__ import annotations

import pytest

from moderator.export.wording import clock_duration


@pytest.mark.parametrize(("seconds", "shown"), [
    (0, "0:00"), (45, "0:45"), (185, "3:05"), (3599.6, "1:00:00"), (3725, "1:02:05"),
])
def test_a_duration_is_written_as_a_clock_shows_it(seconds, shown):
    assert clock_duration(seconds) == shown
