"""A meeting scripted through the core: two sessions, a dozen delegations, every kind of note."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from moderator.core import FakeClock, Meeting, load_meeting
from moderator.core.model import InterventionKind as K
from moderator.store import MeetingStore

DATA = Path(__file__).resolve().parents[2] / "moderator" / "data"
OPENING_START = datetime(2026, 12, 10, 8, 32, tzinfo=UTC)  # 09:32 in Vienna: 2 min late


def load_seminar():
    return load_meeting(DATA / "agenda.yaml", DATA / "speakers.yaml")


class Script:
    """Drives a meeting the way the moderator and the rapporteur would, with a fake clock."""

    def __init__(self, clock: FakeClock | None = None) -> None:
        agenda, roster = load_seminar()
        self.clock = clock or FakeClock(OPENING_START)
        self.meeting = Meeting(agenda, roster, self.clock)
        self.notes: dict[str, str] = {}

    def do(self, events: list[dict]) -> list[dict]:
        return self.meeting.record(events)

    def speak(self, seconds: float, request_id: str | None = None) -> str:
        """Give the floor (next on the list, or `request_id`), start the timer, let them speak."""
        self.do(self.meeting.give_floor(request_id))
        if not self.meeting.timer().running:
            self.do(self.meeting.toggle_timer())
        self.clock.advance(seconds)
        return self.meeting.floor().id

    def finish(self) -> None:
        self.do(self.meeting.finish_intervention())
        self.clock.advance(5)

    def request(self, who: str, kind: K = K.STATEMENT, **kw) -> str:
        """Request the floor; returns the new request's id."""
        before = {r.id for r in self.meeting.queue()}
        self.do(self.meeting.request_floor(who, kind, **kw))
        return next(r.id for r in self.meeting.queue() if r.id not in before)

    def note(self, key: str, text: str, **kw) -> None:
        self.notes[key] = self.do(self.meeting.add_note(text, **kw))[0]["note"]
        self.clock.advance(2)


def run_opening(s: Script) -> None:
    m = s.meeting
    s.do(m.start_item("opening-welcome"))
    s.speak(290)
    s.finish()
    s.speak(420)
    s.note("quote", "“Soft targets are everyone's concern” #quote")
    s.finish()
    s.do(m.next_item())
    s.speak(1000)  # the keynote runs over its allotted time
    s.note("rec-keynote", "Share threat assessments with operators #rec")
    s.finish()
    s.do(m.next_item())
    s.speak(480)
    s.finish()
    s.do(m.finish_item())


def run_session_1(s: Script) -> None:
    m = s.meeting
    s.clock.set(datetime(2026, 12, 10, 9, 20, tzinfo=UTC))  # 10:20 Vienna: 5 min late
    s.do(m.start_item("s1-panel"))
    for seconds in (560, 600, 540, 610):
        s.speak(seconds)
    s.note("item", "The panel agreed on the need for exercises #decision", intervention_id=None)
    s.finish()
    s.do(m.next_item())  # questions
    s.request("JP", K.QUESTION)
    s.request("KR", K.QUESTION)
    s.speak(80)
    s.note("edited", "Japan asked about stadium drills #action")
    s.finish()
    s.speak(95)
    s.note("deleted", "A note written in error")
    s.finish()
    s.do(m.next_item())  # discussion
    s.request("DK", on_behalf="EU", alignment=("AL", "GE", "MD"))
    for who in ("US", "RU", "UA", "TR", "CA", "NO", "CH", "GB"):
        s.request(who)
    s.speak(250)  # the European Union
    s.note("rec-eu", "Public-private partnerships need clear roles #rec #partnerships")
    s.finish()
    s.speak(170)  # United States
    s.finish()
    s.speak(150)  # Russian Federation
    s.finish()
    ukraine = s.speak(60)  # Ukraine, interrupted by a point of order
    s.request("RU", K.POINT_OF_ORDER)
    s.speak(40)
    s.finish()  # back to Ukraine
    if not m.timer().running:
        s.do(m.toggle_timer())
    s.clock.advance(100)
    s.note("ua", "=cmd|' /C calc'!A0 said about mapping soft targets", intervention_id=ukraine)
    s.finish()
    for seconds in (175, 160, 190, 150, 140):
        s.speak(seconds)
        s.finish()
    s.request("RU", K.RIGHT_OF_REPLY)
    s.request("UA", K.RIGHT_OF_REPLY)
    s.speak(130)
    s.finish()
    s.speak(100)
    s.finish()
    s.do(m.edit_note(s.notes["edited"], "Japan asked about drills at stadiums #action"))
    s.do(m.delete_note(s.notes["deleted"]))
    s.do(m.finish_item())


def scripted_meeting() -> Script:
    s = Script()
    run_opening(s)
    run_session_1(s)
    return s


def write_database(path: Path, events: list[dict]) -> Path:
    with MeetingStore.open(path) as store:
        store.append(events)
    return path
