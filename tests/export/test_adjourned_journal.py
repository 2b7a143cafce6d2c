"""The journal says when the meeting adjourned at the end of a day, and until when."""

from __future__ import annotations

from datetime import UTC, datetime

from moderator.core import AskAgain
from moderator.export.build import build_summary
from moderator.export.journal import build_journal
from tests.core.test_day import at, two_days


def test_an_adjournment_is_in_the_journal() -> None:
    meeting = at(two_days(), "closing")
    meeting.record(meeting.request_floor("TR"))
    meeting.record(meeting.give_floor())
    meeting.clock.set(datetime(2026, 12, 10, 17, 2, tzinfo=UTC))  # 18:02 in Vienna
    meeting.record(meeting.adjourn())
    meeting.clock.set(datetime(2026, 12, 11, 8, 31, tzinfo=UTC))
    try:
        meeting.record(meeting.move_on())
    except AskAgain as asked:  # pragma: no cover - the morning needs no second press
        raise AssertionError(asked) from None
    lines = [p.line for p in build_journal(build_summary([meeting], meeting.clock)).paragraphs]
    assert ("The meeting adjourned at 6.02 p.m. on Thursday, 10 December 2026, until Friday, "
            "11 December 2026, 9.30 a.m.") in lines
