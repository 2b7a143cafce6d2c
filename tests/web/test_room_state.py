"""The state document: what the room's pages and other programs read, checked against its schema."""

from __future__ import annotations

import json
from pathlib import Path

from moderator.core import FakeClock, Meeting
from moderator.store import MeetingStore
from moderator.web.links import load_links
from moderator.web.room_state import DOCUMENT_VERSION, state_document
from tests.helpers.small_meeting import ask, small_agenda, small_roster

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "room-state.schema.json"


def conforms(value: object, schema: dict, root: dict, where: str = "$") -> list[str]:
    """Every place `value` departs from `schema` (the subset of JSON Schema the docs use)."""
    if "$ref" in schema:
        schema = root["$defs"][schema["$ref"].rsplit("/", 1)[1]]
    if "anyOf" in schema:
        if any(not conforms(value, option, root, where) for option in schema["anyOf"]):
            return []
        return [f"{where}: matches none of anyOf"]
    kinds = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None),
             "integer": int, "number": (int, float)}
    wanted = schema.get("type")
    if wanted is not None:
        types = wanted if isinstance(wanted, list) else [wanted]
        if not any(isinstance(value, kinds[t]) and not (t in ("integer", "number")
                   and isinstance(value, bool)) for t in types):
            return [f"{where}: {type(value).__name__} is not {wanted}"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{where}: {value!r} not in {schema['enum']}"]
    if "const" in schema and value != schema["const"]:
        return [f"{where}: {value!r} is not {schema['const']!r}"]
    problems = []
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                problems.append(f"{where}: {key} missing")
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key not in properties:
                if schema.get("additionalProperties") is False:
                    problems.append(f"{where}: {key} not in the schema")
                continue
            problems += conforms(item, properties[key], root, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            problems += conforms(item, schema["items"], root, f"{where}[{index}]")
    return problems


def check(document: dict) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert conforms(json.loads(json.dumps(document)), schema, schema) == []


def test_an_idle_meeting(meeting: Meeting, clock: FakeClock) -> None:
    document = state_document(meeting.room_view(clock.now()))
    check(document)
    assert document["version"] == DOCUMENT_VERSION
    assert document["item"] is None and document["floor"] is None
    assert document["timer"]["state"] == "idle" and document["speakers"] == []
    assert document["server_ms"] == round(clock.now().timestamp() * 1000)


def test_a_busy_debate(debate: Meeting, clock: FakeClock) -> None:
    for who in ("TR", "AT"):
        ask(debate, who)
    ask(debate, "FR", "right-of-reply")
    debate.record(debate.give_floor())
    ask(debate, "US", "point-of-order")
    debate.record(debate.give_floor())  # the point of order suspends Türkiye
    clock.advance(20)
    debate.record(debate.close_list())
    debate.record(debate.send_podium_message("Please conclude"))
    document = state_document(debate.room_view(clock.now()))
    check(document)
    assert document["floor"] == {"name": "United States of America",
                                 "short_name": "United States of America",
                                 "kind": "point-of-order", "kind_label": "Point of order",
                                 "remote": False}
    assert document["suspended"]["name"] == "Türkiye"
    assert document["timer"]["running"] and document["timer"]["elapsed"] == 20
    assert document["list_closed"] is True and document["message"]["text"] == "Please conclude"
    assert document["message"]["shown_on"] == ["clock", "podium"]
    # Türkiye resumes first (no position on the list: she is not a request), then the list.
    assert [(s["position"], s["name"], s["kind"], s["resumes"]) for s in document["speakers"]] == [
        (None, "Türkiye", "statement", True), (1, "Austria", "statement", False),
        (2, "France", "right-of-reply", False)]
    # Türkiye at 09:00:20 + the point of order's 40 s left; Austria after her 3 minutes.
    assert [s["expected"] for s in document["speakers"][:2]] == ["09:01", "09:04"]
    assert document["sitting_suspended"] is None and document["recess"] is None
    assert document["next_item"]["title"] == "Questions to the panel"


def test_a_break_says_when_the_meeting_resumes(meeting: Meeting, clock: FakeClock) -> None:
    meeting.record(meeting.start_item("coffee"))
    clock.advance(600)
    document = state_document(meeting.room_view(clock.now()))
    check(document)
    assert document["recess"] == {"kind": "break", "title": "Coffee break",
                                  "since_at": "2026-12-10T08:00:00+00:00", "since": "09:00",
                                  "resumes_at": "2026-12-10T08:30:00+00:00", "resumes": "09:30"}


def test_links_are_kept_in_the_database_until_replaced(tmp_path: Path, clock: FakeClock) -> None:
    database = tmp_path / "m.db.json"
    with MeetingStore.open(database, clock) as store:
        first = load_links(store)
    with MeetingStore.open(database, clock) as store:
        assert load_links(store) == first  # links survive a restart
        renewed = load_links(store, renew=True)
    ids = ["podium", "projector", "speakers", "notes-1"]
    assert [link.id for link in first] == [link.id for link in renewed] == ids
    assert all(renewed.get(i).token != first.get(i).token for i in ids)
    assert len({link.token for link in renewed}) == len(ids)
    # The cookie is derived from the token: new tokens, new cookies.
    podium = first.get("podium")
    assert renewed.get("podium").cookie_value != podium.cookie_value
    assert renewed.held({"moderator_podium": podium.cookie_value}) == []
    assert renewed.of_token(podium.token) is None
    assert renewed.of_token(renewed.get("notes-1").token).kind == "notes"


def test_the_meeting_shown_to_the_room_is_the_chairs(tmp_path: Path, clock: FakeClock) -> None:
    """A fold of the database gives the same document as the chair's own meeting."""
    database = tmp_path / "m.db.json"
    chair = Meeting(small_agenda(), small_roster(), clock)
    with MeetingStore.open(database, clock) as store:
        for command in (lambda: chair.start_item("debate"), lambda: chair.request_floor("TR")):
            events = command()
            store.append(events)
            chair.apply_all(events)
        room = Meeting(small_agenda(), small_roster(), clock)
        room.apply_all(store.read_new())
    assert state_document(room.room_view(clock.now())) == state_document(
        chair.room_view(clock.now()))


def test_the_example_in_the_docs_is_a_document_the_server_makes(debate: Meeting,
                                                                 clock: FakeClock) -> None:
    """docs/ROOM_STATE.md's example is the document of the meeting it describes, to the letter."""
    text = (SCHEMA.parent / "ROOM_STATE.md").read_text(encoding="utf-8")
    example = json.loads(text.split("```json\n", 1)[1].split("```", 1)[0])
    for who in ("TR", "AT"):
        ask(debate, who)
    debate.record(debate.give_floor())
    ask(debate, "US", "point-of-order")
    debate.record(debate.give_floor())
    clock.advance(20)
    debate.record(debate.close_list())
    debate.record(debate.send_podium_message("Please conclude"))
    document = json.loads(json.dumps(state_document(debate.room_view(clock.now()))))
    check(example)
    assert example == document
