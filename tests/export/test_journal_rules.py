"""The journal's rules, each with the real journal line it reproduces.

Each meeting is replayed through the core (the chair's own decisions on a fake clock) and its
journal built as `moderator export --journal` builds it. The lines are quoted from the public
journals where they could be read: PC.JOUR/1275 (16-17 July 2020), PC.JOUR/1200 (2018) and
FSC.JOUR/953/Corr.1 (27 May 2020); the others (FSC.JOUR/972, PC.JOUR/1315 and the items
discussed under another) from the lines quoted in the issue that asked for them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from moderator.core import FakeClock, Meeting, load_meeting
from moderator.core.model import InterventionKind as K
from moderator.export.build import build_summary
from moderator.export.journal import Journal, build_journal
from moderator.export.journal_grammar import join_speakers, meeting_title, with_documents

ROSTER = """\
delegations:
  - {id: EU, name: European Union, category: international-organisation}
  - {id: "HR", name: Croatia, category: participating-state, group: EU}
  - {id: "PT", name: Portugal, category: participating-state, group: EU}
  - {id: "DE", name: Germany, category: participating-state, group: EU}
  - {id: "UA", name: Ukraine, category: participating-state}
  - {id: "TR", name: Turkey, category: participating-state}
  - {id: "RU", name: Russian Federation, category: participating-state}
  - {id: "US", name: United States of America, category: participating-state}
  - {id: "CA", name: Canada, category: participating-state}
  - {id: "BY", name: Belarus, category: participating-state}
  - {id: "AL", name: Albania, category: participating-state}
  - {id: "SE", name: Sweden, category: participating-state, group: EU}
speakers:
  - {id: chair, name: Ambassador I. Hasani, delegation: AL}
  - {id: se-minister, name: Deputy Minister for Foreign Affairs of Sweden, delegation: SE}
"""


def agenda(items: str, journal: str = "", days: tuple[str, ...] = ("2020-07-16",)) -> str:
    """An agenda of one sitting a day (10:00-19:00, the chair moderating) with these items
    (indented as a session's list) on the first day and an item `closing` on each later day."""
    dated = ", ".join(f'"{d}"' for d in days)
    text = f"""\
event:
  id: pc
  title: Plenary Meeting of the Council
  timezone: Europe/Vienna
  dates: [{dated}]
  journal:
    original: English
{journal}sessions:
  - id: day-1
    title: First day
    date: {days[0]}
    start: "10:00"
    end: "19:00"
    moderator: chair
    items:
{items}"""
    for n, day in enumerate(days[1:], start=2):
        text += f"""\
  - id: day-{n}
    title: Day {n}
    date: {day}
    start: "10:00"
    end: "13:00"
    moderator: chair
    items:
      - {{id: closing-{n}, title: Any other business, kind: discussion, minutes: 60}}
"""
    return text


def vienna(month: int, day: int, hour: int, minute: int = 0, year: int = 2020) -> datetime:
    """A summer moment in Vienna (UTC+2), as UTC."""
    return datetime(year, month, day, hour - 2, minute, tzinfo=UTC)


class Chair:
    """The chair's decisions, recorded through the core; every step 30 seconds later."""

    def __init__(self, meeting: Meeting, clock: FakeClock) -> None:
        self.m, self.clock = meeting, clock

    def do(self, events: list[dict]) -> None:
        self.m.record(events)
        self.clock.advance(30)

    def speak(self, who: str | None = None, kind: K = K.STATEMENT, documents: tuple[str, ...] = (),
              **kw) -> str:
        if who is None and not self.m.queue():  # the moderator speaking: "Chairperson"
            who = "chair"
        if who is not None:
            self.do(self.m.request_floor(who, kind, **kw))
        self.do(self.m.give_floor())
        spoken = self.m.floor().id
        for symbol in documents:
            self.do(self.m.attach_document(symbol))
        return spoken


OPENED_1275 = vienna(7, 16, 10, 10)


def journal_of(tmp_path: Path, agenda_text: str, play: Callable[[Chair], None],
               start: datetime = OPENED_1275) -> Journal:
    (tmp_path / "agenda.yaml").write_text(agenda_text, encoding="utf-8")
    (tmp_path / "speakers.yaml").write_text(ROSTER, encoding="utf-8")
    the_agenda, roster = load_meeting(tmp_path / "agenda.yaml", tmp_path / "speakers.yaml")
    clock = FakeClock(start)
    meeting = Meeting(the_agenda, roster, clock)
    play(Chair(meeting, clock))
    return build_journal(build_summary([meeting], clock))


def lines(journal: Journal) -> list[str]:
    return [p.line for p in journal.paragraphs]


def after(journal: Journal, heading: str) -> list[str]:
    """The lines after the one that starts with `heading`, up to the next agenda item."""
    shown = lines(journal)
    start = next(n for n, line in enumerate(shown) if line.startswith(heading))
    rest = shown[start + 1:]
    end = next((n for n, line in enumerate(rest) if line.startswith(("Agenda item", "4."))), len(rest))
    return rest[:end]


# -- PC.JOUR/1275: the 1275th meeting, over two days (rules 3, 8 and 9) ---------------------

PC_1275 = agenda(
    """\
      - id: address
        title: Address by the Deputy Minister for Foreign Affairs of Sweden, Mr. Robert Rydberg
        kind: address
        minutes: 120
        speakers: [chair, se-minister]
      - {id: current-issues, title: Review of current issues, kind: discussion, minutes: 240}
""",
    journal="""\
    symbol: PC.JOUR/1275
    body: Permanent Council
    meeting: 1275th Plenary Meeting of the Council
    chairmanship: Albania
    chairperson: Ambassador I. Hasani
    place: in the Neuer Saal and via video teleconferencing
    remark: >-
      Prior to taking up the agenda, the Chairperson reminded the Permanent Council of the
      technical modalities for the conduct of meetings of the Council during the COVID-19
      pandemic.
""",
    days=("2020-07-16", "2020-07-17"),
)


def play_1275(chair: Chair) -> None:
    m, clock = chair.m, chair.clock
    chair.do(m.start_item("address"))
    chair.speak()  # the chair
    chair.speak(documents=("PC.DEL/925/20 OSCE+",))  # the Deputy Minister
    for at, step in ((vienna(7, 16, 10, 40), m.suspend_sitting), (vienna(7, 16, 11), m.resume_sitting),
                     (vienna(7, 16, 13, 15), m.suspend_sitting),
                     (vienna(7, 16, 15, 5), m.resume_sitting)):
        clock.set(at)
        chair.do(step())
    chair.do(m.next_item())
    chair.speak("RU", documents=("PC.DEL/923/20",))
    clock.set(vienna(7, 16, 18, 20))
    chair.do(m.finish_item())
    clock.set(vienna(7, 17, 11, 30))
    chair.do(m.start_item("closing-2"))
    clock.set(vienna(7, 17, 12, 50))
    chair.do(m.finish_item())


@pytest.fixture(scope="module")
def pc_1275(tmp_path_factory: pytest.TempPathFactory) -> Journal:
    return journal_of(tmp_path_factory.mktemp("pc1275"), PC_1275, play_1275)


def test_rule_3_a_meeting_over_two_days_names_the_first_day_and_dates_a_later_time(pc_1275) -> None:
    """PC.JOUR/1275: "Opened: 10.10 a.m. ... Resumed: 11.30 a.m. (Friday, 17 July 2020)
    Closed: 12.50 p.m."; "1. Date:" names the first day only."""
    shown = lines(pc_1275)
    start = shown.index("1. Date: Thursday, 16 July 2020 (in the Neuer Saal and via video "
                        "teleconferencing)")
    assert shown[start + 1:start + 10] == [
        "Opened: 10.10 a.m.",
        "Suspended: 10.40 a.m.",
        "Resumed: 11 a.m.",
        "Suspended: 1.15 p.m.",
        "Resumed: 3.05 p.m.",
        "Suspended: 6.20 p.m.",
        "Resumed: 11.30 a.m. (Friday, 17 July 2020)",
        "Closed: 12.50 p.m.",
        "2. Chairperson: Ambassador I. Hasani",
    ]


def test_rule_8_the_place_follows_the_date(pc_1275) -> None:
    """PC.JOUR/1275: "1. Date: Thursday, 16 July 2020 (in the Neuer Saal and via video
    teleconferencing)"."""
    assert ("1. Date: Thursday, 16 July 2020 (in the Neuer Saal and via video teleconferencing)"
            in lines(pc_1275))


def test_rule_9_the_chairs_remark_before_the_agenda(pc_1275) -> None:
    """PC.JOUR/1275: after "2. Chairperson: Ambassador I. Hasani", "Prior to taking up the
    agenda, the Chairperson reminded the Permanent Council of the technical modalities for the
    conduct of meetings of the Council during the COVID-19 pandemic." then item 3's heading."""
    shown = lines(pc_1275)
    chair = shown.index("2. Chairperson: Ambassador I. Hasani")
    assert shown[chair + 1:chair + 3] == [
        "Prior to taking up the agenda, the Chairperson reminded the Permanent Council of the "
        "technical modalities for the conduct of meetings of the Council during the COVID-19 "
        "pandemic.",
        "3. Subjects discussed \u2013 Statements \u2013 Decisions/documents adopted:",
    ]


def test_the_header_of_1275(pc_1275) -> None:
    """PC.JOUR/1275: "PC.JOUR/1275 ... 16 July 2020 Permanent Council Original: ENGLISH
    Chairmanship: Albania 1275th PLENARY MEETING OF THE COUNCIL", and its first item:
    "ADDRESS BY THE DEPUTY MINISTER FOR FOREIGN AFFAIRS OF SWEDEN, MR. ROBERT RYDBERG
    Chairperson, Deputy Minister for Foreign Affairs of Sweden (PC.DEL/925/20 OSCE+), ..."."""
    assert lines(pc_1275)[:7] == [
        "PC.JOUR/1275", "16 July 2020", "Original: ENGLISH",
        "Organization for Security and Co-operation in Europe", "Permanent Council",
        "Chairmanship: Albania", "1275th PLENARY MEETING OF THE COUNCIL"]
    assert after(pc_1275, "Agenda item 1: ADDRESS BY THE DEPUTY MINISTER FOR FOREIGN AFFAIRS OF "
                 "SWEDEN, MR. ROBERT RYDBERG") == [
        "Chairperson, Deputy Minister for Foreign Affairs of Sweden (PC.DEL/925/20 OSCE+)"]


# -- Rule 1: several documents after one name, each in its own brackets -------------------


def test_rule_1_each_document_in_its_own_brackets(tmp_path: Path) -> None:
    """FSC.JOUR/972 (as the issue quotes it): "Ukraine (FSC.DEL/25/21) (FSC.DEL/25/21/Add.1)"
    and "Turkey (Annex 1) (Annex 2)"."""
    def play(chair: Chair) -> None:
        chair.do(chair.m.start_item("dialogue"))
        chair.speak("UA", documents=("FSC.DEL/25/21", "FSC.DEL/25/21/Add.1"))
        chair.speak("TR", documents=("Annex 1", "Annex 2"))

    journal = journal_of(tmp_path, agenda(
        "      - {id: dialogue, title: Security dialogue, kind: discussion, minutes: 60}\n"), play)
    assert after(journal, "Agenda item 1: SECURITY DIALOGUE") == [
        "Ukraine (FSC.DEL/25/21) (FSC.DEL/25/21/Add.1), Turkey (Annex 1) (Annex 2)"]
    assert with_documents("Ukraine", ["FSC.DEL/25/21", "FSC.DEL/25/21/Add.1"]) == (
        "Ukraine (FSC.DEL/25/21) (FSC.DEL/25/21/Add.1)")


# -- Rule 2: an interpretative statement after a decision is printed once -------------------


def test_rule_2_a_delegation_making_only_an_interpretative_statement_is_printed_once(
        tmp_path: Path) -> None:
    """PC.JOUR/1200: "Chairperson Decision: The Permanent Council adopted Decision No. 1307
    (PC.DEC/1307) on the timetable of the Twenty-Fifth Meeting of the OSCE Ministerial Council,
    the text of which is appended to this journal. Russian Federation (interpretative
    statement, see attachment 1 to the decision), ..." (the journal gives "Decision No" and
    the number on a line the text of the page lost; PC.DEC/1307 is Decision No. 1307)."""
    def play(chair: Chair) -> None:
        m = chair.m
        chair.do(m.start_item("timetable"))
        chair.speak()
        chair.do(m.adopt_decision(
            "on the timetable of the Twenty-Fifth Meeting of the OSCE Ministerial Council",
            number="1307", symbol="PC.DEC/1307", statements=("RU", ("HR", "EU"))))
        chair.speak("RU")  # its interpretative statement, and nothing else
        chair.speak("HR", on_behalf="EU")
        chair.speak("US")  # speaks after the decision without a statement

    journal = journal_of(tmp_path, agenda(
        "      - id: timetable\n"
        "        title: Decision on the timetable of the Twenty-Fifth Meeting of the OSCE "
        "Ministerial Council\n"
        "        kind: discussion\n        minutes: 30\n",
        journal="    body: Permanent Council\n"), play)
    assert after(journal, "Agenda item 1: DECISION ON THE TIMETABLE") == [
        "Chairperson",
        "Decision: The Permanent Council adopted Decision No. 1307 (PC.DEC/1307) on the "
        "timetable of the Twenty-Fifth Meeting of the OSCE Ministerial Council, the text of "
        "which is appended to this journal.",
        "Russian Federation (interpretative statement, see attachment 1 to the decision), "
        "Croatia-European Union (interpretative statement, see attachment 2 to the decision)",
        "United States of America",
    ]


# -- Rule 4: a point of order begins its own paragraph --------------------------------------


def test_rule_4_a_point_of_order_begins_its_own_paragraph(tmp_path: Path) -> None:
    """FSC.JOUR/953/Corr.1: "..., Croatia-European Union, Ukraine" then, as a paragraph of its
    own, "Point of order: Russian Federation (Annex 7), Chairperson, Canada, United States of
    America"."""
    def play(chair: Chair) -> None:
        chair.do(chair.m.start_item("dialogue"))
        chair.speak("HR", on_behalf="EU")
        chair.speak("UA")
        chair.speak("RU", K.POINT_OF_ORDER, documents=("Annex 7",))
        chair.do(chair.m.finish_intervention())  # back to Ukraine, and Ukraine ends
        chair.do(chair.m.finish_intervention())
        chair.speak()  # the chair
        chair.speak("CA")
        chair.speak("US")

    journal = journal_of(tmp_path, agenda(
        "      - id: dialogue\n        title: Security dialogue on regional security\n"
        "        kind: discussion\n        minutes: 60\n"), play)
    assert after(journal, "Agenda item 1: SECURITY DIALOGUE") == [
        "Croatia-European Union, Ukraine",
        "Point of order: Russian Federation (Annex 7), Chairperson, Canada, United States of America",
    ]


# -- Rule 5: only the meeting's name in capitals --------------------------------------------


def test_rule_5_only_the_meeting_is_in_capitals(tmp_path: Path) -> None:
    """PC.JOUR/1315 (as the issue quotes it): "SPECIAL MEETING OF THE PERMANENT COUNCIL
    (1315th Plenary Meeting)"."""
    journal = journal_of(tmp_path, agenda(
        "      - {id: ci, title: Review of current issues, kind: discussion, minutes: 60}\n",
        journal="    meeting: Special Meeting of the Permanent Council\n"
                "    plenary: 1315th Plenary Meeting\n"),
        lambda chair: chair.do(chair.m.start_item("ci")))
    assert "SPECIAL MEETING OF THE PERMANENT COUNCIL (1315th Plenary Meeting)" in lines(journal)
    assert meeting_title("912th Plenary Meeting of the Council") == (
        "912th PLENARY MEETING OF THE COUNCIL")


# -- Rule 6: speakers before the sub-items; an unlettered current issue ---------------------

CURRENT_ISSUES = """\
      - id: ci
        title: Review of current issues
        kind: discussion
        minutes: 10
        subitems:
          - id: ryanair
            title: Forced landing of Ryanair flight FR4978 in Minsk on 23 May 2021
            kind: discussion
            minutes: 30
            lettered: no
          - {id: ukraine, title: Situation in Ukraine, kind: discussion, minutes: 30}
"""


def test_rule_6_an_agenda_item_speaks_before_its_sub_items_and_an_issue_can_be_unlettered(
        tmp_path: Path) -> None:
    """PC.JOUR/1315 (as the issue quotes it): under "Review of current issues", the unlettered
    "Forced landing of Ryanair flight FR4978 in Minsk on 23 May 2021: Portugal-European Union
    ..."; the agenda item's own speakers come before its first sub-item."""
    def play(chair: Chair) -> None:
        m = chair.m
        chair.do(m.start_item("ci"))
        chair.speak()  # the chair opens the item
        chair.do(m.next_item())
        chair.speak("PT", on_behalf="EU")
        chair.speak("US")
        chair.speak("BY", K.RIGHT_OF_REPLY)
        chair.do(m.next_item())
        chair.speak("UA")

    journal = journal_of(tmp_path, agenda(CURRENT_ISSUES), play, start=vienna(5, 24, 10, 0, 2021))
    assert after(journal, "Agenda item 1: REVIEW OF CURRENT ISSUES") == [
        "Chairperson",
        "Forced landing of Ryanair flight FR4978 in Minsk on 23 May 2021: Portugal-European "
        "Union, United States of America, Belarus (right of reply)",
        "(a) Situation in Ukraine: Ukraine",
    ]


# -- Rule 7: an item discussed under another -----------------------------------------------


def test_rule_7_an_item_discussed_under_another(tmp_path: Path) -> None:
    """As the issue quotes the journals: "Discussion under agenda item 2"."""
    items = """\
      - {id: address, title: Address by the Chairperson-in-Office, kind: address, minutes: 30}
      - {id: ci, title: Review of current issues, kind: discussion, minutes: 60}
      - id: report
        title: Report on the situation in the region
        kind: discussion
        minutes: 30
        discussed_under: ci
"""
    def play(chair: Chair) -> None:
        chair.do(chair.m.start_item("address"))
        chair.speak()
        chair.do(chair.m.next_item())
        chair.speak("UA")
        chair.do(chair.m.finish_item())

    journal = journal_of(tmp_path, agenda(items), play)
    assert after(journal, "Agenda item 3: REPORT ON THE SITUATION IN THE REGION") == [
        "Discussion under agenda item 2"]


# -- Rule 10: two chairpersons, each on its own line -----------------------------------------


def test_rule_10_two_chairpersons_each_on_their_own_line(tmp_path: Path) -> None:
    """As the issue asks: the second chairperson of one meeting on the line under the first
    ("2. Chairperson: Ambassador I. Hasani" as PC.JOUR/1275 prints it, then the second)."""
    journal = journal_of(tmp_path, agenda(
        "      - {id: ci, title: Review of current issues, kind: discussion, minutes: 60}\n",
        journal="    chairperson:\n      - Ambassador I. Hasani\n"
                "      - Deputy Permanent Representative of Albania\n"),
        lambda chair: chair.do(chair.m.start_item("ci")))
    shown = lines(journal)
    chair = shown.index("2. Chairperson: Ambassador I. Hasani")
    assert shown[chair + 1] == "Deputy Permanent Representative of Albania"
    assert [p.style.value for p in journal.paragraphs[chair:chair + 2]] == ["numbered", "chairperson"]


# -- A live seminar's journal, read as the secretariat reads it -----------------------------


def test_names_with_their_own_commas_are_joined_by_semicolons() -> None:
    """"Legal expert, UN CTED; Counter-terrorism analyst, Europol" reads as two speakers; the
    commas inside an alignment clause stay commas."""
    assert join_speakers(["Legal expert, UN CTED", "Counter-terrorism analyst, Europol"]) == (
        "Legal expert, UN CTED; Counter-terrorism analyst, Europol")
    assert join_speakers(["Denmark-European Union (with Albania, Georgia and Moldova, in "
                          "alignment)", "Canada"]) == (
        "Denmark-European Union (with Albania, Georgia and Moldova, in alignment), Canada")


def test_the_seminars_journal_has_no_event_id_one_title_its_language_and_the_next_day(
        script) -> None:
    """The bundled seminar's agenda says nothing of a journal: no symbol line (never the event
    id), the title once, "Original: ENGLISH", and the next meeting the agenda's next day."""
    journal = build_journal(build_summary([script.meeting], script.clock))
    shown = lines(journal)
    title = script.meeting.agenda.event.title
    assert "osce-soft-targets-seminar" not in " ".join(shown)
    assert shown[:3] == ["10 December 2026", "Original: ENGLISH",
                         "Organization for Security and Co-operation in Europe"]
    assert [line for line in shown if line.casefold() == title.casefold()] == [title.upper()]
    assert shown[-2:] == ["4. Next meeting:",
                          "Friday, 11 December 2026, at 9.30 a.m., Hofburg, Vienna"]
    panel = after(journal, "Agenda item 4: PANEL PRESENTATIONS")[0]
    assert "; " in panel and panel.count("; ") == 3  # four panelists, each named with a comma
