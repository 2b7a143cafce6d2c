"""The bundled seminar and a scripted stream of real actions.

Shared by the resume tests, the crash rounds, the failing-I/O rounds and the stress module; they
compare states with `tests.helpers.views.every_view` (or its `digest`).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from moderator.core import FakeClock, Meeting, Refused, load_meeting
from moderator.core.model import Agenda, InterventionKind, Roster

DATA = Path(__file__).resolve().parents[2] / "moderator" / "data"
START = datetime(2026, 12, 10, 8, 30, tzinfo=UTC)  # 09:30 in Vienna: the opening session
K = InterventionKind


@cache
def seminar() -> tuple[Agenda, Roster]:
    """The bundled agenda and roster (loaded once per process; both are immutable)."""
    return load_meeting(DATA / "agenda.yaml", DATA / "speakers.yaml")


def fresh_meeting(clock: FakeClock | None = None, role: str = "moderator") -> Meeting:
    agenda, roster = seminar()
    return Meeting(agenda, roster, clock or FakeClock(START), role=role)


# -- a scripted stream of actions -------------------------------------------------------------

STATES = ("AT", "BE", "DK", "FR", "DE", "GE", "AL", "CA", "TR", "IT", "FI", "IS")
GUESTS = ("Dr Maria Ionescu", "Jean Dupont (NGO)", "Ahmed Al-Farsi")
NOTES = ("Shares threat assessments #rec", "Exercise with operators in spring #action",
         "“We stand together” #quote", "The panel agreed #decision", "Follow up with Europol")


def _request(meeting: Meeting, rng: random.Random) -> list[dict]:
    roll = rng.random()
    if roll < 0.1:
        return meeting.request_floor(None, K.STATEMENT, guest=rng.choice(GUESTS))
    if roll < 0.2:
        aligned = tuple(rng.sample(("AL", "GE", "IS"), rng.randint(0, 2)))
        return meeting.request_floor("DK", K.STATEMENT, on_behalf="EU", alignment=aligned)
    kind = rng.choice((K.STATEMENT, K.STATEMENT, K.STATEMENT, K.QUESTION, K.RIGHT_OF_REPLY,
                       K.POINT_OF_ORDER))
    return meeting.request_floor(rng.choice(STATES), kind)


def _pick_request(meeting: Meeting, rng: random.Random) -> str:
    room = [r for r in meeting.queue() if r.kind is not K.SCHEDULED]
    if not room:
        raise Refused("nobody waiting")
    return rng.choice(room).id


def _pick_note(meeting: Meeting, rng: random.Random, *, deleted: bool | None = None) -> str:
    notes = [n for n in meeting.notes(include_deleted=True) if deleted is None or n.deleted == deleted]
    if not notes:
        raise Refused("no note")
    return rng.choice(notes).id


Action = Callable[[Meeting, random.Random], list[dict]]
# (weight, name, command): roughly what a moderator and a rapporteur do in an hour.
ACTIONS: tuple[tuple[int, str, Action], ...] = (
    (14, "request", _request),
    (8, "give", lambda m, r: m.give_floor()),
    (4, "give-chosen", lambda m, r: m.give_floor(_pick_request(m, r))),
    (8, "timer", lambda m, r: m.toggle_timer()),
    (3, "adjust", lambda m, r: m.adjust_time(r.choice((30, -30)))),
    (5, "finish", lambda m, r: m.finish_intervention()),
    (2, "withdraw", lambda m, r: m.withdraw(_pick_request(m, r))),
    (2, "move-up", lambda m, r: m.move_up(_pick_request(m, r))),
    (2, "close-list", lambda m, r: m.close_list()),
    (2, "reopen-list", lambda m, r: m.reopen_list()),
    (2, "readd", lambda m, r: m.readd_last_speaker()),
    (3, "undo", lambda m, r: m.undo()),
    (8, "note", lambda m, r: m.add_note(r.choice(NOTES) + f" {r.randint(0, 999)}")),
    (4, "edit-note", lambda m, r: m.edit_note(_pick_note(m, r), r.choice(NOTES) + " (edited)")),
    (2, "delete-note", lambda m, r: m.delete_note(_pick_note(m, r, deleted=False))),
    (1, "restore-note", lambda m, r: m.restore_note(_pick_note(m, r, deleted=True))),
    (1, "next-item", lambda m, r: m.next_item()),
    (1, "skip-item", lambda m, r: m.skip_item()),
)
_WEIGHTS = [w for w, _, _ in ACTIONS]


def next_action(meeting: Meeting, rng: random.Random, clock: FakeClock) -> list[dict]:
    """Advance the clock a little and decide one action (never empty; refused ones are retried)."""
    if meeting.current_item() is None:
        try:
            return meeting.start_item()
        except Refused:
            pass  # the agenda is over: notes and undo remain possible
    for _ in range(50):
        clock.advance(rng.choice((1, 2, 5, 15, 40)))
        _, _, command = rng.choices(ACTIONS, _WEIGHTS)[0]
        try:
            events = command(meeting, rng)
        except Refused:
            continue
        if events:
            return events
    return meeting.add_note(f"filler {rng.random()}")
