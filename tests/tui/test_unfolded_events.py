"""Events this program cannot read are kept in the record and the console says so, once a kind."""

from __future__ import annotations

from moderator.core import new_event
from moderator.store import MeetingStore
from tests.tui.conftest import notices, until

UNREAD = "cannot read"


def told(app) -> list[str]:
    return [message for severity, message in notices(app)
            if severity == "warning" and UNREAD in message]


async def test_the_console_names_each_kind_of_unread_event_once(make_app, database, clock):
    async with make_app().run_test(size=(120, 36)):
        pass  # the database is made by the console, as in the room
    with MeetingStore.open(database, clock) as store:
        store.append([new_event("poll.opened", clock.now(), "moderator", question="Agreed?"),
                      new_event("poll.opened", clock.now(), "moderator", question="Again?")])
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: told(app), "the notice of the unread events")
        assert told(app) == [
            "This database holds events this version of moderator cannot read: "
            "poll.opened v1 (unknown type) ×2. They are kept in the record."]
        with MeetingStore.open(database, clock) as other:
            other.append([new_event("poll.opened", clock.now(), "moderator", question="3?"),
                          new_event("vote.cast", clock.now(), "moderator", vote="yes")])
        await until(pilot, lambda: len(told(app)) == 2, "the notice of the new kind")
        assert told(app)[1] == (
            "This database holds events this version of moderator cannot read: "
            "vote.cast v1 (unknown type). They are kept in the record.")
        assert app.meeting.unfolded_events() == {"poll.opened v1 (unknown type)": 3,
                                                 "vote.cast v1 (unknown type)": 1}
    with MeetingStore.open(database, clock) as store:
        assert [e["type"] for e in store.events()].count("poll.opened") == 3
