"""The chair's message to the podium: an undoable event shown to the speaker it was sent to."""

from __future__ import annotations

import pytest

from moderator.core.clock import FakeClock
from moderator.core.meeting import Meeting, Refused
from moderator.core.podium import MAX_LENGTH, PODIUM_MESSAGE, clean_message
from tests.core.conftest import ask, small_agenda, small_roster


def test_a_message_shows_until_cleared(debate: Meeting, clock: FakeClock) -> None:
    ask(debate, "TR")
    debate.record(debate.give_floor())
    sent = debate.record(debate.send_podium_message("Please conclude"))
    assert sent[0]["type"] == PODIUM_MESSAGE and sent[0]["role"] == "moderator"
    assert debate.podium_message().text == "Please conclude"
    assert debate.describe(sent) == "Sent “Please conclude” to the podium"
    clock.advance(5)
    cleared = debate.record(debate.clear_podium_message())
    assert debate.podium_message() is None
    assert debate.describe(cleared) == "Cleared the message to the podium"
    with pytest.raises(Refused, match="no message"):
        debate.clear_podium_message()


def test_a_new_message_replaces_the_shown_one(debate: Meeting) -> None:
    debate.record(debate.send_podium_message("One minute"))
    debate.record(debate.send_podium_message("Please conclude"))
    assert debate.podium_message().text == "Please conclude"


def test_undo_takes_a_message_back_and_brings_the_previous_one(debate: Meeting) -> None:
    debate.record(debate.send_podium_message("One minute"))
    debate.record(debate.send_podium_message("Please conclude"))
    undo = debate.record(debate.undo())
    assert debate.podium_message().text == "One minute"
    assert debate.describe(undo) == "Undone: Sent “Please conclude” to the podium"
    debate.record(debate.clear_podium_message())
    debate.record(debate.undo())
    assert debate.podium_message().text == "One minute"


def test_the_message_is_for_the_speaker_it_was_sent_to(debate: Meeting) -> None:
    ask(debate, "TR")
    ask(debate, "AT")
    debate.record(debate.give_floor())
    debate.record(debate.send_podium_message("Please conclude"))
    debate.record(debate.give_floor())  # Austria has the floor: the message was for Türkiye
    assert debate.podium_message() is None


def test_a_message_to_an_empty_floor_shows_until_somebody_speaks(debate: Meeting) -> None:
    ask(debate, "TR")
    debate.record(debate.send_podium_message("We resume at 15:00"))
    assert debate.podium_message().text == "We resume at 15:00"
    debate.record(debate.give_floor())
    assert debate.podium_message() is None


def test_messages_are_one_line_of_plain_text(debate: Meeting) -> None:
    assert clean_message("  One\nminute\x1b[31m\t please ") == "One minute [31m please"
    events = debate.send_podium_message("Please\r\nconclude\u200b")
    assert events[0]["text"] == "Please conclude"
    for empty in ("", "   ", "\x07"):
        with pytest.raises(Refused, match="Type a message"):
            debate.send_podium_message(empty)
    with pytest.raises(Refused, match=f"at most {MAX_LENGTH}"):
        debate.send_podium_message("x" * (MAX_LENGTH + 1))
    with pytest.raises(Refused, match="invalid character"):
        debate.send_podium_message("bad \ud800")


def test_the_message_survives_a_refold_from_the_events(debate: Meeting, clock: FakeClock) -> None:
    ask(debate, "TR")
    debate.record(debate.give_floor())
    debate.record(debate.send_podium_message("One minute"))
    again = Meeting(small_agenda(), small_roster(), clock)
    again.apply_all(debate.events)
    assert again.podium_message() == debate.podium_message()
