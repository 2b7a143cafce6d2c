"""The sentences of the console's notifications."""

from __future__ import annotations

from moderator.core.clock import FakeClock
from moderator.core.meeting import Meeting
from tests.core.conftest import ask


def test_sentences_for_the_floor(debate: Meeting, clock: FakeClock) -> None:
    made = debate.record(debate.request_floor("TR"))
    assert debate.describe(made) == "Türkiye asked for the floor (statement)"
    ask(debate, "AT", "point-of-order")
    assert debate.describe(debate.record(debate.give_floor())) == "Gave the floor to Austria"
    debate.record(debate.finish_intervention())
    debate.record(debate.give_floor())
    ask(debate, "EG", "point-of-order")
    given = debate.record(debate.give_floor())
    assert debate.describe(given) == (
        "Gave the floor to Egypt (Partner for Co-operation); Türkiye is suspended"
    )
    assert debate.describe(debate.record(debate.adjust_time(30))) == (
        "Added 30 s for Egypt (Partner for Co-operation)"
    )
    assert debate.describe(debate.record(debate.toggle_timer())).startswith("Paused the timer of")
    assert debate.describe(debate.record(debate.finish_intervention())) == (
        "Egypt (Partner for Co-operation) finished; Türkiye has the floor again, TIMER PAUSED"
    )
    assert debate.describe(debate.record(debate.close_list())) == "Closed the list of speakers"
    assert debate.describe(debate.record(debate.undo())) == "Undone: Closed the list of speakers"


def test_sentences_for_the_list(debate: Meeting) -> None:
    first = ask(debate, "TR")
    ask(debate, "AT")
    assert debate.describe(debate.record(debate.move_up(debate.queue()[1].id))) == (
        "Moved Austria to number 1 on the list"
    )
    assert debate.describe(debate.record(debate.withdraw(first))) == (
        "Withdrew Türkiye from the list"
    )
    debate.record(debate.give_floor())
    debate.record(debate.finish_intervention())
    assert debate.describe(debate.record(debate.readd_last_speaker())) == (
        "Austria is back at the top of the list"
    )
