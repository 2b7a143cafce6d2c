"""How the console words a short duration (the speakers' waiting time): with its units."""

from __future__ import annotations

import pytest

from moderator.tui.text import duration_in_units


@pytest.mark.parametrize(("seconds", "shown"), [
    (0, "0s"), (44.6, "45s"), (59.4, "59s"), (60, "1m00s"), (185, "3m05s"), (3725, "62m05s"),
])
def test_a_waiting_time_is_written_with_its_units(seconds, shown):
    assert duration_in_units(seconds) == shown
