"""How the export words a duration: as a clock shows it, the hours only from an hour up."""

from __future__ import annotations

import pytest

from moderator.export.wording import clock_duration


@pytest.mark.parametrize(("seconds", "shown"), [
    (0, "0:00"), (45, "0:45"), (185, "3:05"), (3599.6, "1:00:00"), (3725, "1:02:05"),
])
def test_a_duration_is_written_as_a_clock_shows_it(seconds, shown):
    assert clock_duration(seconds) == shown


def test_a_clock_time_is_what_strftime_writes() -> None:
    import random
    from datetime import UTC, datetime, timedelta

    from moderator.core.clock import local
    from moderator.export.wording import NOTHING, clock_time

    chosen = random.Random(3)
    start = datetime(1999, 1, 1, tzinfo=UTC)
    for _ in range(2_000):
        moment = start + timedelta(seconds=chosen.randint(0, 40 * 365 * 86_400))
        zone = chosen.choice(["Europe/Vienna", "UTC", "", "Asia/Kathmandu", "America/St_Johns"])
        assert clock_time(moment, zone) == local(moment, zone).strftime("%H:%M")
    assert clock_time(None, "UTC") == NOTHING
