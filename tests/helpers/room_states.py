"""The room's states for the matrix tests (state x surface): each built through the core on the
bundled seminar, in a database, as the chair's console records it; and the words each surface
must show in it.

tests/web/test_room_matrix.py renders them on the four pages and /api/state;
tests/tui/test_room_matrix.py on the audience clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

from moderator.core import FakeClock, Meeting, load_meeting
from moderator.core.model import Agenda, Roster
from moderator.core.speaker_names import journal_name
from moderator.store import MeetingStore

DATA = Path(__file__).resolve().parents[2] / "moderator" / "data"
# 09:30 in Vienna, when the seminar opens.
START = datetime(2026, 12, 10, 8, 30, tzinfo=UTC)
SURFACES = ("clock", "podium", "projector", "phones", "notes", "api")
MESSAGE = "Your microphone is off"
# The EU statement waiting in the longest list, and the countries aligned with it.
EU_SPEAKER, ALIGNED = "DK", ("MK", "ME", "RS", "AL", "UA", "MD", "BA", "GE")
# The states the meeting cannot reach yet, and why (the matrix says so instead of passing).
MISSING: dict[str, str] = {}
# 18:02 in Vienna on the first day: the chair adjourns until Friday's first session (09:30).
EVENING = datetime(2026, 12, 10, 17, 2, tzinfo=UTC)


@cache
def bundled() -> tuple[Agenda, Roster]:
    return load_meeting(DATA / "agenda.yaml", DATA / "speakers.yaml")


class Chair:
    """The chair's console without its screen: commands decided, made durable, folded."""

    def __init__(self, database: Path, clock: FakeClock) -> None:
        agenda, roster = bundled()
        self.clock = clock
        self.store = MeetingStore.open(database, clock)
        self.meeting = Meeting(agenda, roster, clock)
        self.meeting.apply_all(self.store.read_new())

    def do(self, command: str, *args: object, **options: object) -> None:
        events = getattr(self.meeting, command)(*args, **options)
        self.store.append(events)
        self.meeting.apply_all(events)

    def debate(self, *who: str) -> None:
        """The first session's discussion open, `who` asking for the floor in that order."""
        self.do("start_item", "s1-discussion")
        for ref in who:
            self.do("request_floor", ref)

    def ukraine_speaking(self, seconds: float = 40) -> None:
        """Ukraine on the floor for `seconds` (3 minutes allotted), Holy See and Austria waiting."""
        self.debate("UA", "VA", "AT")
        self.do("give_floor")
        self.clock.advance(seconds)


def _point_of_order(chair: Chair) -> None:
    chair.ukraine_speaking()
    chair.do("request_floor", "RU", "point-of-order")
    chair.do("give_floor")  # the Russian Federation suspends Ukraine
    chair.clock.advance(10)


def _suspended_with_speaker(chair: Chair) -> None:
    chair.ukraine_speaking()
    chair.do("suspend_sitting")
    chair.clock.advance(60)


def _suspended_without_speaker(chair: Chair) -> None:
    chair.debate("UA", "VA")
    chair.do("suspend_sitting")
    chair.clock.advance(60)


def _suspended_until(chair: Chair) -> None:
    """Ukraine speaking, the sitting suspended "until 10:00" (as the chair typed it)."""
    chair.ukraine_speaking()
    chair.do("suspend_sitting", START + timedelta(minutes=30))
    chair.clock.advance(60)


def _lunch(chair: Chair) -> None:
    chair.do("start_item", "lunch-1-break")  # 90 minutes: the meeting resumes at 11:00
    chair.clock.advance(7)


def _lunch_extended(chair: Chair) -> None:
    chair.do("start_item", "lunch-1-break")
    chair.do("adjust_break", 15 * 60)  # `+` three times: the meeting resumes at 11:15
    chair.clock.advance(7)


def _adjourned(chair: Chair) -> None:
    """The last item of Thursday, then `]` in the evening: adjourned until Friday 09:30."""
    chair.do("start_item", "s4-discussion")
    chair.clock.set(EVENING)
    chair.do("adjourn")
    chair.clock.advance(7)


def _forty_waiting(chair: Chair) -> None:
    """France speaking for the EU; 40 waiting: a point of order, Denmark for the EU with 8
    countries in alignment, 35 more statements, two rights of reply."""
    agenda, roster = bundled()
    chair.do("start_item", "s1-discussion")
    eu = [ref for ref, d in roster.delegations.items() if d.group == "EU"]
    chair.do("request_floor", "FR", on_behalf="EU", alignment=ALIGNED)
    chair.do("give_floor")
    chair.do("request_floor", EU_SPEAKER, on_behalf="EU", alignment=ALIGNED)
    taken = {"FR", EU_SPEAKER, "US", "RU", "BY"}
    states = [ref for ref, d in roster.delegations.items()
              if d.category == "participating-state" and ref not in taken]
    for ref in (eu + states)[:60]:
        if ref not in taken and len(chair.meeting.queue()) < 37:
            taken.add(ref)
            chair.do("request_floor", ref)
    chair.do("request_floor", "US", "point-of-order")
    chair.do("request_floor", "RU", "right-of-reply")
    chair.do("request_floor", "BY", "right-of-reply")
    chair.clock.advance(30)


def _remote(chair: Chair) -> None:
    """Ukraine and Austria follow the meeting remotely: Ukraine speaking, Austria waiting."""
    chair.do("mark_remote", "UA")
    chair.do("mark_remote", "AT")
    chair.ukraine_speaking(40)


def _message(chair: Chair) -> None:
    chair.ukraine_speaking()
    chair.do("send_podium_message", MESSAGE)


BUILDERS: dict[str, Callable[[Chair], None]] = {
    "running": lambda chair: chair.ukraine_speaking(40),
    "warning": lambda chair: chair.ukraine_speaking(160),
    "overtime": lambda chair: chair.ukraine_speaking(190),
    "paused": lambda chair: (chair.ukraine_speaking(40), chair.do("toggle_timer"),
                             chair.clock.advance(30)),
    "point_of_order": _point_of_order,
    "list_closed": lambda chair: (chair.ukraine_speaking(40), chair.do("close_list")),
    "suspended_with_speaker": _suspended_with_speaker,
    "suspended_without_speaker": _suspended_without_speaker,
    "suspended_until": _suspended_until,
    "break": _lunch,
    "break_extended": _lunch_extended,
    "adjourned": _adjourned,
    "message": _message,
    "nobody_on_the_floor": lambda chair: chair.debate("UA", "VA", "AT"),
    "forty_waiting": _forty_waiting,
    "remote": _remote,
}
STATES = [*BUILDERS, *MISSING]


def build(state: str, database: Path, clock: FakeClock) -> Meeting:
    """Record `state` in `database`; the chair's meeting is returned (its store is closed)."""
    chair = Chair(database, clock)
    try:
        BUILDERS[state](chair)
    finally:
        chair.store.close()
    return chair.meeting


@dataclass(frozen=True)
class Expected:
    """What a surface must show in a state (`words`, each as a phrase in its text), must not
    show (`never`), and the speaker's countdown face (None: no countdown on that surface)."""

    words: tuple[str, ...] = ()
    never: tuple[str, ...] = ()
    face: str | None = None
    time_of_day: str = "09:"  # how the time of day shown begins
    extra: dict[str, object] = field(default_factory=dict)


def eu_statement(short: bool) -> str:
    agenda, roster = bundled()
    return journal_name(roster, EU_SPEAKER, on_behalf="EU", alignment=ALIGNED, short=short)


def expected(state: str, surface: str) -> Expected:
    """The words `surface` must show in `state` (the surfaces: SURFACES)."""
    shows_message = surface in ("podium", "clock")
    face = {"running": "2:20", "warning": "0:20", "overtime": "-0:10", "paused": "2:20",
            "point_of_order": "0:50", "list_closed": "2:20", "message": "2:20",
            "suspended_with_speaker": "2:20", "suspended_until": "2:20",
            "remote": "2:20"}.get(state)
    if surface == "api":
        face = None
    ukraine = ("Ukraine",)
    words: dict[str, tuple[str, ...]] = {
        "running": ukraine,
        "warning": (*ukraine, "TIME IS NEARLY UP"),
        "overtime": (*ukraine, "TIME IS UP"),
        "paused": (*ukraine, "PAUSED"),
        "point_of_order": ("Russian Federation", "POINT OF ORDER",
                           "Ukraine resumes after the point of order"),
        "list_closed": (*ukraine, "LIST CLOSED"),
        "suspended_with_speaker": ("SITTING SUSPENDED since 09:30", *ukraine, "PAUSED"),
        "suspended_without_speaker": ("SITTING SUSPENDED since 09:30", "Nobody has the floor"),
        "suspended_until": ("SITTING SUSPENDED since 09:30", "resumes at 10:00", *ukraine,
                            "PAUSED"),
        "break": ("LUNCH BREAK" if surface == "clock" else "Lunch break", "1:29:53", "11:00"),
        "break_extended": ("LUNCH BREAK" if surface == "clock" else "Lunch break", "1:44:53",
                           "resumes at 11:15"),
        "adjourned": ("Adjourned until Friday 09:30",
                      "MEETING ADJOURNED" if surface == "clock" else "Meeting adjourned",
                      "resumes on Friday 09:30", "15:27:53"),
        "message": (*ukraine, *((MESSAGE,) if shows_message else ())),
        "nobody_on_the_floor": ("Nobody has the floor",),
        "forty_waiting": ("France-European Union",),
        "remote": (*ukraine, "REMOTE" if surface in ("projector", "phones") else "(remote)"),
    }
    never: tuple[str, ...] = () if shows_message else (MESSAGE,)
    found = words[state]
    if state in ("break", "break_extended") and surface == "notes":
        found = ("Lunch break",)  # the rapporteur's page names the item; no countdown to it
    if state == "adjourned":
        never = (*never, "No agenda item is open")  # it says until when instead
        if surface == "notes":
            found = found[:1]  # no countdown there: the heading says until when
    if state == "point_of_order" and surface in ("clock", "projector", "phones"):
        found = (*found, "RESUMES" if surface != "clock" else "Ukraine (resumes)")
    if state in ("nobody_on_the_floor", "suspended_without_speaker") and surface != "api":
        never = (*never, "floor is open")
    if state == "forty_waiting":
        if surface == "projector":
            found = (*found, eu_statement(short=True), "POINT OF ORDER", "RIGHT OF REPLY",
                     "Russian Federation", "Belarus", "United States of America")
        elif surface == "phones":
            found = (*found, eu_statement(short=False), "Belarus")
        elif surface == "clock":
            found = (*found, "United States of America", "and 37 more")
    if state == "remote" and surface in ("podium", "notes"):
        found = ukraine  # the speaker's tablet and the rapporteur's page: who speaks
    if surface == "api":
        found = ()
    return Expected(found, never, face, "18:02" if state == "adjourned" else "09:")
