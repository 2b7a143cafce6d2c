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
    revision = (await answer.json())["revision"]
    # An edit names the revision it was written on: without one, the page had not seen the
    # text it would replace.
    blind = await save(client, "note-0001", "Austria supports it #rec")
    assert blind.status == 409 and (await blind.json())["conflict"]["theirs"] == \
        "Austria supports #rec"
    edited = await save(client, "note-0001", "Austria supports it #rec", base=revision)
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


async def test_an_edit_on_a_text_changed_since_answers_both_texts_and_records_nothing(
        client: TestClient, chair: Chair, database: Path, clock: FakeClock) -> None:
    first = await (await save(client, "note-0006", "v1")).json()
    assert first["revision"] and first["version"] == 1
    other = "deadbeefdeadbeef"  # a second browser with the same link
    second = await client.post("/api/notes", headers=own(client), json={
        "id": "note-0006", "text": "v2", "console": other, "base": first["revision"]})
    assert second.status == 200 and (await second.json())["version"] == 2
    stale = await save(client, "note-0006", "v1 and more", base=first["revision"])
    assert stale.status == 409
    answer = await stale.json()
    assert answer["conflict"] == {"note": "note-0006", "mine": "v1 and more", "theirs": "v2",
                                  "revision": (await second.json())["revision"],
                                  "by": "Rapporteur"}
    assert [e.get("text") for e in notes_in(database, clock)] == ["v1", "v2"]
    # Written on the revision it now shows, it is saved.
    merged = await save(client, "note-0006", "v2 and v1 and more",
                        base=answer["conflict"]["revision"])
    assert merged.status == 200 and (await merged.json())["version"] == 3


async def test_each_revision_names_the_rapporteur_link_it_was_written_with(
        client: TestClient, chair: Chair) -> None:
    written = await (await save(client, "note-0007", "Austria agrees")).json()
    chair.opened.poll()
    chair.do("edit_note", "note-0007", "Austria agrees, firmly", base=written["revision"])
    answer = await client.get("/api/notes/note-0007/revisions")
    revisions = (await answer.json())["revisions"]
    assert [(r["number"], r["text"], r["current"]) for r in revisions] == [
        (2, "Austria agrees, firmly", True), (1, "Austria agrees", False)]
    assert revisions[1]["by"] == "Rapporteur"  # the link's name, stamped by the server's loop
    assert revisions[0]["by"] == chair.opened.identity.author
    gone = await client.get("/api/notes/note-9999/revisions")
    assert gone.status == 409


async def test_the_desk_is_asked_again_and_answered_304_while_nothing_changed(
        client: TestClient, chair: Chair) -> None:
    answer = await client.get("/api/notes")
    tag = answer.headers["ETag"]
    again = await client.get("/api/notes", headers={"If-None-Match": tag})
    assert again.status == 304
    searched = await client.get("/api/notes", params={"q": "austria"},
                                headers={"If-None-Match": tag})
    assert searched.status == 200  # another search is another desk
    await save(client, "note-0008", "Austria agrees")
    changed = await client.get("/api/notes", headers={"If-None-Match": tag})
    assert changed.status == 200 and changed.headers["ETag"] != tag
    assert [n["text"] for n in (await changed.json())["notes"]] == ["Austria agrees"]


async def test_documents_and_decisions_from_the_page(client: TestClient, chair: Chair) -> None:
    desk = await (await client.get("/api/notes")).json()
    where = desk["documents"]
    assert where["whose"] == "Austria" and where["attached"] == []
    body = {"console": CONSOLE, "item_id": where["item_id"],
            "intervention_id": where["intervention_id"]}
    bad = await client.post("/api/notes/documents", headers=own(client),
                            json={**body, "symbols": "PC.DEL/1(2)"})
    assert bad.status == 409 and "cannot hold" in (await bad.json())["error"]
    done = await client.post("/api/notes/documents", headers=own(client),
                             json={**body, "symbols": "PC.DEL/447/12, PC.DEL/925/20 OSCE+"})
    assert done.status == 200
    decided = await client.post("/api/notes/decisions", headers=own(client), json={
        "console": CONSOLE, "number": "1041", "symbol": "PC.DEC/1041",
        "text": "on the dates of the review", "statements": "turkiye"})
    assert decided.status == 200
    unknown = await client.post("/api/notes/decisions", headers=own(client), json={
        "console": CONSOLE, "text": "on nothing", "statements": "Atlantis"})
    assert unknown.status == 409 and "Atlantis" in (await unknown.json())["error"]
    desk = await (await client.get("/api/notes")).json()
    assert desk["documents"]["attached"] == ["PC.DEL/447/12", "PC.DEL/925/20 OSCE+"]
    assert desk["interventions"][0]["documents"] == ["PC.DEL/447/12", "PC.DEL/925/20 OSCE+"]
    [decision] = desk["decisions"]
    assert (decision["number"], decision["statements"]) == ("1041", ["Türkiye"])
    assert client.app[FEED].meeting.decisions()[0].symbol == "PC.DEC/1041"
