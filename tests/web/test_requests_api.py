"""A delegation's link: its writes through the session loop, for itself alone, bounded; its
document with its own requests and nobody else's; the cards that carry the links."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import segno
from aiohttp.test_utils import TestClient, TestServer

from moderator.core import FakeClock
from moderator.core.model import RequestMode
from moderator.store import MeetingStore
from moderator.web.app import FEED, make_app
from moderator.web.cards import cards_html, cards_of, write_cards
from moderator.web.links import DELEGATION, LinkChanges
from tests.helpers.small_meeting import small_agenda, small_roster
from tests.web.room import Chair, open_feed

ROSTER = tuple((ref, d.name) for ref, d in small_roster().delegations.items())


def approving():
    agenda = small_agenda()
    return dataclasses.replace(agenda, defaults=dataclasses.replace(
        agenda.defaults, requests=RequestMode.APPROVE))


@pytest.fixture
async def client(database: Path, clock: FakeClock, chair: Chair) -> AsyncIterator[TestClient]:
    chair.do("start_item", "debate")
    with MeetingStore.open(database, clock) as store:
        LinkChanges(delegations=ROSTER).apply(store)
    feed = open_feed(database, clock, heartbeat_seconds=0.05)
    client = TestClient(TestServer(make_app(feed), host="127.0.0.1"))
    await client.start_server()
    yield client
    await client.close()
    feed.close()


def headers(client: TestClient, delegation: str, *, origin: bool = True) -> dict[str, str]:
    link = client.app[FEED].links.get(f"delegation-{delegation}")
    found = {"Cookie": f"{link.cookie_name}={link.cookie_value}"}
    if origin:
        found["Origin"] = f"http://127.0.0.1:{client.port}"
    return found


async def ask(client: TestClient, delegation: str, request_id: str, **body: object):
    return await client.post("/api/request", json={"id": request_id, "kind": "statement", **body},
                             headers=headers(client, delegation))


async def test_a_request_is_on_disk_once_however_often_it_is_sent(
        client: TestClient, chair: Chair) -> None:
    for _ in range(3):
        answer = await ask(client, "AT", "phone-at-0001")
        assert answer.status == 200
        assert await answer.json() == {"id": "phone-at-0001", "received": True, "words": "Next"}
    chair.opened.poll()
    assert [r.who for r in chair.meeting.queue()] == ["AT"]
    asked = [e for e in chair.meeting.events if e["type"] == "request.asked"]
    assert len(asked) == 1 and asked[0]["source"] == "link:delegation-AT"
    assert asked[0]["console"] == "link:delegation-AT"  # the loop stamped where it came from


async def test_a_link_acts_for_its_own_delegation_only(client: TestClient, chair: Chair) -> None:
    answer = await ask(client, "AT", "phone-at-0002", who="TR")
    assert answer.status == 409 and "for Austria only" in (await answer.json())["error"]
    chair.do("request_floor", "TR")
    turkey = chair.meeting.queue()[0].id
    answer = await client.post(f"/api/request/{turkey}/withdraw", json={},
                               headers=headers(client, "AT"))
    assert answer.status == 409
    # Nor does it read what is not its own: the notes, another delegation's document.
    for path in ("/api/notes", "/api/drafts?console=abcdefgh12", "/notes", "/speakers"):
        assert (await client.get(path, headers=headers(client, "AT"))).status in (401, 403)
    assert (await client.post("/api/notes", json={}, headers=headers(client, "AT"))).status in (
        401, 403)


async def test_its_document_holds_its_own_requests_and_nobody_elses(
        client: TestClient, chair: Chair) -> None:
    await ask(client, "AT", "phone-at-0003")
    await ask(client, "JP", "phone-jp-0003")
    document = await (await client.get("/api/state?page=request",
                                       headers=headers(client, "AT", origin=False))).json()
    mine = document["delegation"]
    assert mine["name"] == "Austria" and [r["words"] for r in mine["requests"]] == ["Next"]
    assert [s["name"] for s in document["speakers"]] == ["Austria",
                                                         "Japan (Partner for Co-operation)"]
    assert "phone-jp-0003" not in str(mine)
    plain = await (await client.get("/api/request", headers=headers(client, "AT"))).json()
    assert plain["delegation"]["requests"] == mine["requests"]


async def test_writes_are_refused_from_another_site_and_bounded_per_link(
        client: TestClient) -> None:
    foreign = {**headers(client, "AT"), "Origin": "http://evil.example"}
    answer = await client.post("/api/request", json={"id": "phone-at-0004", "kind": "statement"},
                               headers=foreign)
    assert answer.status == 403
    answer = await ask(client, "AT", "phone-at-0005", alignment=["x" * 200])
    assert answer.status == 400
    statuses = [(await ask(client, "US", f"phone-us-{n:04d}", kind="right-of-reply")).status
                for n in range(12)]
    assert statuses[0] == 200 and 429 in statuses  # a burst, then one a second


async def test_withdraw_and_the_remote_mark(client: TestClient, chair: Chair) -> None:
    await ask(client, "AT", "phone-at-0006")
    answer = await client.post("/api/request/phone-at-0006/withdraw", json={},
                               headers=headers(client, "AT"))
    assert answer.status == 200
    answer = await client.post("/api/request/remote", json={"remote": True},
                               headers=headers(client, "AT"))
    assert answer.status == 200
    chair.opened.poll()
    assert chair.meeting.queue() == [] and chair.meeting.remote_delegations() == {"AT"}


async def test_a_revoked_delegation_link_is_refused_at_once(
        client: TestClient, database: Path, clock: FakeClock) -> None:
    old = headers(client, "AT")
    with MeetingStore.open(database, clock) as store:
        links, made = LinkChanges(revoke=("AT",)).apply(store)
    assert [link.id for link in made] == ["delegation-AT"]
    client.app[FEED].refresh(check_links=True)
    answer = await client.post("/api/request", json={"id": "phone-at-0007", "kind": "statement"},
                               headers=old)
    assert answer.status == 401
    assert (await ask(client, "TR", "phone-tr-0007")).status == 200  # the others still work
    with MeetingStore.open(database, clock) as store:
        links, made = LinkChanges(revoke=("delegations",)).apply(store)
    assert {link.id for link in made} == {link.id for link in links.of_kind(DELEGATION)}


def test_the_cards_carry_each_delegations_own_link(tmp_path: Path, database: Path,
                                                  clock: FakeClock, chair: Chair) -> None:
    with MeetingStore.open(database, clock) as store:
        links = LinkChanges(delegations=(("AT", "Austria"), ("X", "<b>Mr & Mrs</b>"))).apply(
            store)[0]
    cards = cards_of(links, "http://10.0.0.5:8765")
    assert [(c.delegation, c.name) for c in cards] == [("AT", "Austria"), ("X", "<b>Mr & Mrs</b>")]
    page = cards_html(cards, "Soft targets")
    assert "&lt;b&gt;Mr &amp; Mrs&lt;/b&gt;" in page and "<b>Mr" not in page
    austria = links.get("delegation-AT")
    assert cards[0].url == f"http://10.0.0.5:8765/request#t={austria.token}"
    assert cards[0].qr_svg() in page  # its QR code is that of its own link
    assert segno.make(cards[0].url, error="m").designator == segno.make(
        austria.url("http://10.0.0.5:8765"), error="m").designator
    written = write_cards(tmp_path / "cards.pdf", cards, "Soft targets")
    again = write_cards(tmp_path / "cards.pdf", cards, "Soft targets")
    assert written.read_bytes().startswith(b"%PDF") and again.name == "cards-2.pdf"
    assert oct(written.stat().st_mode & 0o777) == "0o600"  # the tokens are in it


async def test_a_phone_holds_one_delegations_link(client: TestClient) -> None:
    """Landing with a second delegation's link drops the first one's cookie: a phone handed on
    never asks for the delegation it was handed by."""
    links = client.app[FEED].links
    austria, turkey = links.get("delegation-AT"), links.get("delegation-TR")
    answer = await client.post("/api/link", json={"token": turkey.token, "page": "/request"},
                               headers={**headers(client, "AT"), "Origin": headers(client, "AT")
                                        ["Origin"]})
    assert answer.status == 200 and (await answer.json())["page"] == "/request"
    cookies = answer.cookies
    assert cookies[turkey.cookie_name].value == turkey.cookie_value
    assert cookies[austria.cookie_name].value == "" and cookies[austria.cookie_name]["max-age"] == "0"
