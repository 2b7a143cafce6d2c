"""What one note saved on /notes costs the database: decided on the server's open meeting (no
read), one append on its writer thread, its draft discarded; then the follower reads nothing of
it back (its own events are recognised by their ids)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from moderator.core import FakeClock
from moderator.session import Recorded
from moderator.store import journal
from moderator.web.app import FEED, make_app
from moderator.web.feed import MeetingFeed
from tests.web.room import Chair, open_feed

CONSOLE = "c0ffee00c0ffee00"


@pytest.fixture
async def client(database: Path, clock: FakeClock, chair: Chair) -> AsyncIterator[TestClient]:
    chair.do("start_item", "debate")
    chair.do("request_floor", "AT")
    chair.do("give_floor")
    feed = open_feed(database, clock)
    # The follower is left off: only what the save itself does is counted.
    client = TestClient(TestServer(make_app(feed, follow=False), host="127.0.0.1"))
    await client.start_server()
    await client.get("/notes", params={"token": feed.links.tokens["notes"]},
                     allow_redirects=False)
    yield client
    await client.close()
    feed.close()


class Costs:
    """Reads of the record by the server's store, and fsyncs of any database file."""

    def __init__(self, feed: MeetingFeed, monkeypatch: pytest.MonkeyPatch) -> None:
        self.reads: list[str] = []
        self.fsyncs = 0
        store = feed.store
        for name in ("read_new", "events"):
            method = getattr(store, name)
            monkeypatch.setattr(store, name, self._counted(name, method))
        fsync = os.fsync

        def counted_fsync(fd: int) -> None:
            self.fsyncs += 1
            fsync(fd)

        monkeypatch.setattr(journal.os, "fsync", counted_fsync)

    def _counted(self, name, method):  # type: ignore[no-untyped-def]
        def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
            self.reads.append(name)
            return method(*args, **kwargs)

        return counted


async def test_a_note_saved_is_decided_without_a_read_and_appended_once(
        client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    feed: MeetingFeed = client.app[FEED]
    origin = {"Origin": f"http://127.0.0.1:{client.port}"}
    kept = await client.put("/api/drafts/note-0001", json={"text": "Aust", "console": CONSOLE},
                            headers=origin)
    assert kept.status == 200
    heard: list[Recorded] = []
    feed.opened.listen(lambda told: heard.append(told) if isinstance(told, Recorded) else None)
    costs = Costs(feed, monkeypatch)
    answer = await client.post("/api/notes", headers=origin, json={
        "id": "note-0001", "text": "Austria supports #rec", "console": CONSOLE})
    assert answer.status == 200 and (await answer.json())["text"] == "Austria supports #rec"
    # Decided on the state the server has folded: no read before, none after.
    assert costs.reads == []
    # The note's record and its draft gone: two fsynced writes, one of them the append.
    assert costs.fsyncs == 2
    assert [(t.ours, [e["type"] for e in t.events]) for t in heard] == [(True, ["note.added"])]
    assert heard[0].events[0]["console"] == f"browser:{CONSOLE}"
    # The follower's next read gets the note back from the store and drops it: no fold, no
    # document made for it, nothing told.
    assert not feed.refresh()
    assert heard == [heard[0]] and costs.reads == ["read_new"]
