"""Write `meeting.db.json`: a meeting holding every event type the core decides, as the release
of December 2026 (event version 1, the item spelled `item` in floor, agenda, document and
decision events) wrote it, `meeting.db.json.state`, the fold its clean quit saved, and `expected.json`: what that
release showed of it.

Run once, on that release, from the repository's root:
    .venv/bin/python tests/core/data/release1/make.py
The files are kept as they were written: tests/core/test_old_database.py checks that every
later release opens, folds and exports them the same. Do not run it again on a later release.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3]))

from moderator.core import FakeClock, Meeting, Refused, load_meeting  # noqa: E402
from moderator.core.model import InterventionKind as K  # noqa: E402
from moderator.export import json_export  # noqa: E402
from moderator.export.build import build_summary  # noqa: E402
from moderator.session.snapshots import save  # noqa: E402
from moderator.store import MeetingStore  # noqa: E402
from tests.core.old_views import views  # noqa: E402

START = datetime(2026, 12, 10, 8, 30, tzinfo=UTC)
DATABASE = HERE / "meeting.db.json"
EXPECTED = HERE / "expected.json"
DRAFT_KEY = "rapporteur@0123456789ab"
SETTING = ("theme", "projector")


def write() -> None:
    agenda, roster = load_meeting(HERE / "agenda.yaml", HERE / "speakers.yaml")
    clock = FakeClock(START)
    chair = Meeting(agenda, roster, clock)
    clerk = Meeting(agenda, roster, clock, role="rapporteur")
    for path in (DATABASE, DATABASE.with_name(DATABASE.name + ".state")):
        path.unlink(missing_ok=True)
    with MeetingStore.open(DATABASE, clock, meeting=agenda.event.id) as store:

        def do(events: list[dict], seconds: float = 5) -> list[dict]:
            store.append(events)
            chair.apply_all(events)
            clerk.apply_all(events)
            clock.advance(seconds)
            return events

        def request(who: str | None, kind: K = K.STATEMENT, **kw) -> str:
            return do(chair.request_floor(who, kind, **kw))[0]["request"]

        # The opening: scheduled speakers, the timer, the podium, a withdrawn scheduled speaker.
        do(chair.start_item("opening-welcome"))
        do(chair.give_floor(), 120)
        do(chair.toggle_timer(), 30)           # timer.paused
        do(chair.toggle_timer(), 60)           # timer.started
        do(chair.adjust_time(30))              # timer.adjusted
        do(chair.adjust_time(-30))
        do(chair.set_speaker_limit(480))       # timer.adjusted with a limit
        do(chair.send_podium_message("Please conclude"), 20)
        do(chair.clear_podium_message())
        do(chair.send_podium_message("One minute"), 40)
        do(chair.finish_intervention())
        do(chair.withdraw(chair.queue()[0].id))  # the second scheduled speaker withdrawn
        do(clerk.add_note("Welcome by the Chair #rec strengthen cooperation", intervention_id=None))
        do(chair.next_item())                  # item.finished + item.started
        do(chair.give_floor(), 700)
        do(chair.finish_item())                # floor.ended + item.finished
        do(chair.skip_item("opening-overview"))  # a pending item skipped
        do(chair.previous_item())              # back to the keynote, reopened
        do(chair.finish_item())

        # Session 1: the panel, questions, the discussion.
        do(chair.start_item("s1-panel"))
        for seconds in (500, 530):
            panelist = do(chair.give_floor(), seconds)[-1]["intervention"]
            do(clerk.add_note(f"Panelist notes #doc PC.DEL/{seconds}/26", intervention_id=panelist))
        do(chair.set_documents(["ODIHR.GAL/1/26", "PC.DEL/1/26"], intervention_id=panelist))
        do(chair.set_documents(["ODIHR.GAL/1/26"], intervention_id=panelist))  # one removed
        do(chair.set_documents(["PC.NGO/7/26"], intervention_id=None, item_id="s1-panel"))
        do(chair.finish_intervention())
        store.compact()  # the database holds a compacted part and a journal after it
        do(chair.start_item("s1-questions"))
        request("US", K.QUESTION)
        request(None, K.QUESTION, guest="Dr. Amina Haddad")
        do(chair.set_item_limit(75))           # item.limit.set
        do(chair.give_floor(), 80)
        do(chair.give_floor(), 95)
        do(chair.finish_intervention())

        do(chair.start_item("s1-discussion"))
        request("DK", on_behalf="EU", alignment=("AL", "GE", "MD"))
        request("US")
        ru = request("RU")
        request("TR")
        request("CA")
        do(chair.move_request(ru, 0))          # request.moved
        do(chair.move_down(ru))
        do(chair.move_up(ru))
        do(chair.withdraw(chair.queue()[-1].id))  # a room request withdrawn
        do(chair.close_list())
        try:
            chair.request_floor("FR")
        except Refused:
            pass
        request("FR", force=True)              # added by the chair to a closed list
        do(chair.reopen_list())
        eu = do(chair.give_floor(), 200)[-1]["intervention"]
        do(clerk.add_note("EU statement on soft targets #action follow-up", intervention_id=eu))
        request("UA", K.POINT_OF_ORDER)
        do(chair.give_floor(), 45)             # the point of order suspends the EU
        do(chair.finish_intervention(), 10)    # the EU holds the floor again, timer paused
        do(chair.toggle_timer(), 40)
        do(chair.give_floor(), 5)              # the next speaker
        do(chair.undo(), 3)                    # undo: the EU speaks again
        do(chair.give_floor(), 150)
        do(chair.suspend_sitting(), 600)       # timer.paused + sitting.suspended
        do(chair.resume_sitting())
        do(chair.toggle_timer(), 60)
        do(chair.give_floor(), 120)
        do(chair.readd_last_speaker())         # request.made on top
        request("RU", K.RIGHT_OF_REPLY)

        # Notes: edit, move, delete, restore.
        note = do(clerk.add_note("Norway raised the protection of stadiums"))[0]["note"]
        do(clerk.edit_note(note, "Norway raised the protection of stadiums #quote"))
        do(clerk.move_note(note, eu))
        gone = do(clerk.add_note("A note typed by mistake"))[0]["note"]
        do(clerk.delete_note(gone))
        again = do(clerk.add_note("Kept after all"))[0]["note"]
        do(clerk.delete_note(again))
        do(clerk.restore_note(again))

        # Decisions and interpretative statements.
        decision = do(chair.adopt_decision("on soft targets", number="1", symbol="SEM.DEC/1/26",
                                           statements=("RU", ("DK", "EU"))))[0]["decision"]
        extra = do(chair.attach_statement(decision, "US"))[0]["statement"]
        do(chair.remove_statement(decision, extra))
        wrong = do(chair.adopt_decision("adopted in error", number="2"))[0]["decision"]
        do(chair.remove_decision(wrong))

        # Left as a console leaves it: a speaker suspended by a point of order, a list waiting.
        do(chair.give_floor(), 30)
        request("GE", K.POINT_OF_ORDER)
        do(chair.give_floor(), 12)
        store.save_draft(DRAFT_KEY, "Half-typed note on the panel", clock.now())
        store.set_setting(*SETTING)
        save(store, agenda, roster, chair)  # `<db>.state`, as a clean quit leaves it

    now = clock.now()
    summary = build_summary([chair], FakeClock(now))
    EXPECTED.write_text(json.dumps({
        "now": now.isoformat(),
        "events": len(chair.events),
        "types": sorted({e["type"] for e in chair.events}),
        "views": views(chair, now),
        "export": json_export.to_document(summary),
    }, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{DATABASE}: {len(chair.events)} events of {len({e['type'] for e in chair.events})} types")


if __name__ == "__main__":
    write()
