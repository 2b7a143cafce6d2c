"""Hostile text: markup, ANSI and control characters, NUL, lone surrogates, very long lines,
right-to-left and combining characters; and a meeting whose names and notes are made of it."""

from __future__ import annotations

import dataclasses

from hypothesis import strategies as st

from moderator.core import FakeClock, Meeting
from moderator.core.model import Category, Delegation, Roster
from tests.reliability.scenario import START, seminar

FRAGMENTS = (
    "[bold]", "[/]", "[/bold]", "[link=https://example.org]x[/link]", "[red on blue]", "[@click=quit]",
    "\x1b[31m", "\x1b]8;;https://evil\x07", "\x1b[2J", "\x1b]0;retitled\x07", "\x1b]52;c;ZXZpbA==\x07",
    "\u2028", "\u200b", "\x85", "\x00", "\x07", "\r", "\t", "\x7f", "\x9b",
    "\ud800", "\udfff", "\u202e", "\u2066", "שלום עליכם", "مرحبا", "e\u0301\u0301\u0301", "Z̷̢͓a̴l̸g̵o",
    "<script>alert(1)</script>", "&amp;", "*emph*", "`code`", "| cell |", "# heading", "\\",
    "=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\n", "🏳️‍🌈", "{braces}", "%s",
)
LONG_LINE = "x" * 100_000

hostile_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20), st.just(LONG_LINE)),
    min_size=1, max_size=6,
).map("".join).filter(lambda text: text.strip() != "")


def hostile_meeting(name: str, guest: str, notes: list[str],
                    title: str = "[bold]Title[/]") -> Meeting:
    """The seminar with a delegation called `name`, a guest `guest` and an item titled `title`:
    the delegation and the guest speak on the first item, each note is added while they do."""
    agenda, roster = seminar()
    delegations = dict(roster.delegations)
    delegations["HX"] = Delegation("HX", name, Category.PARTICIPATING_STATE)
    session = agenda.sessions[0]
    item = dataclasses.replace(session.items[0], title=title, speakers=())
    sessions = (dataclasses.replace(session, items=(item, *session.items[1:])), *agenda.sessions[1:])
    clock = FakeClock(START)
    meeting = Meeting(dataclasses.replace(agenda, sessions=sessions),
                      Roster(delegations, roster.speakers), clock)
    meeting.record(meeting.start_item(item.id))
    meeting.record(meeting.request_floor("HX"))
    meeting.record(meeting.request_floor(None, guest=guest))
    meeting.record(meeting.give_floor())
    for text in notes:
        clock.advance(20)
        meeting.record(meeting.add_note(text))
    clock.advance(30)
    meeting.record(meeting.give_floor())
    clock.advance(30)
    return meeting
