"""The rapporteur's link over HTTP: it writes notes and nothing else, once per note id."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from moderator.core import FakeClock
from moderator.session import Recorded
from moderator.store import MeetingStore, journal
from moderator.web.app import FEED, MAX_REQUEST_BYTES, make_app
from moderator.web.feed import MeetingFeed
from moderator.web.rapporteur import MAX_NOTE
from tests.web.room import Chair, open_feed

CONSOLE = "c0ffee00c0ffee00"


@pytest.fixture
async def client(database: Path, clock: FakeClock, chair: Chair) -> AsyncIterator[TestClient]:
    chair.do("start_item", "debate")
    chair.do("request_floor", "AT")
    chair.do("give_floor")
    feed = open_feed(database, clock)
    client = TestClient(TestServer(make_app(feed), host="127.0.0.1"))
    await client.start_server()
    answer = await client.get("/notes", params={"token": feed.links.get("notes-1").token},
                              allow_redirects=False)
    assert answer.status == 303
    yield client
    await client.close()
    feed.close()


def own(client: TestClient) -> dict[str, str]:
    return {"Origin": f"http://127.0.0.1:{client.port}"}


def notes_in(database: Path, clock: FakeClock) -> list[dict]:
    with MeetingStore.open(database, clock) as store:
        return [e for e in store.events() if e["type"].startswith("note.")]


async def save(client: TestClient, note_id: str, text: str, **extra: object):
    return await client.post("/api/notes", json={"id": note_id, "text": text,
                                                 "console": CONSOLE, **extra}, headers=own(client))


async def test_a_note_saved_twice_is_recorded_once(client: TestClient, database: Path,
                                                   clock: FakeClock) -> None:
    for _ in range(3):
        answer = await save(client, "note-0001", "Austria supports #rec")
        assert answer.status == 200 and (await answer.json())["saved"] is True
    edited = await save(client, "note-0001", "Austria supports it #rec")
    assert edited.status == 200
    types = [e["type"] for e in notes_in(database, clock)]
    assert types == ["note.added", "note.edited"]
    assert (await client.get("/notes")).status == 200
    assert (await client.get("/podium")).status == 200  # the notes link also reads


async def test_writes_need_the_servers_own_origin(client: TestClient, database: Path,
                                                  clock: FakeClock) -> None:
    body = {"id": "note-0002", "text": "x", "console": CONSOLE}
    assert (await client.post("/api/notes", json=body)).status == 403
    assert (await client.post("/api/notes", json=body,
                              headers={"Origin": "http://evil.example"})).status == 403
    assert notes_in(database, clock) == []


async def test_refusals_say_why(client: TestClient) -> None:
    empty = await save(client, "note-0003", "   ")
    assert empty.status == 409 and "needs some text" in (await empty.json())["error"]
    long = await save(client, "note-0004", "x" * (MAX_NOTE + 1))
    assert long.status == 409 and "at most" in (await long.json())["error"]
    bad_id = await save(client, "../../etc", "text")
    assert bad_id.status == 409
    huge = await client.post("/api/notes", data="x" * (MAX_REQUEST_BYTES + 1),
                             headers={**own(client), "Content-Type": "application/json"})
    assert huge.status == 413
    gone = await client.post("/api/notes/note-9999/delete", json={"console": CONSOLE},
                             headers=own(client))
    assert gone.status == 409 and "no such note" in (await gone.json())["error"]


async def test_drafts_are_kept_per_browser(client: TestClient, database: Path,
                                           clock: FakeClock) -> None:
    put = await client.put("/api/drafts/note-0005", json={"text": "half", "console": CONSOLE},
                           headers=own(client))
    assert put.status == 200
    mine = await (await client.get("/api/drafts", params={"console": CONSOLE})).json()
    assert [d["text"] for d in mine] == ["half"]
    other = await (await client.get("/api/drafts", params={"console": "deadbeefdeadbeef"})).json()
    assert other == []
    assert (await save(client, "note-0005", "whole")).status == 200
    assert await (await client.get("/api/drafts", params={"console": CONSOLE})).json() == []
    assert client.app[FEED].meeting.note("note-0005").text == "whole"


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
    """What one save costs the database: decided on the server's open meeting (no read), one
    append on its writer thread, its draft discarded; the follower then reads nothing of it
    back (its own events are recognised by their ids)."""
    feed: MeetingFeed = client.app[FEED]
    feed.stop()  # the follower is left off: only what the save itself does is counted
    origin = own(client)
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
