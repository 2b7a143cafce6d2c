"""The paths of the chair's `n` and of a note saved on /notes: which moderator files run (on
any thread, from the key or the request until the follower has read the record twice after it)
and the hops between threads (a submit to the writer, a message or callback handed to the UI
thread or the event loop, a job for an executor thread).

Not a timing: counts, for docs/ARCHITECTURE.md's traces. Another tree (an older release, to
compare) is measured by putting it first: `PYTHONPATH=<tree> python benchmarks/trace_paths.py`.
Usage: trace_paths.py [n] [save]   (both by default)
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import threading
from collections import defaultdict
from pathlib import Path

import moderator

TREE = Path(moderator.__file__).resolve().parent
files: dict[str, set[str]] = defaultdict(set)
recording = False


def profile(frame, event, arg):  # type: ignore[no-untyped-def]
    if recording and event == "call":
        name = frame.f_code.co_filename
        if name.startswith(str(TREE)):
            files[threading.current_thread().name].add(str(Path(name).relative_to(TREE)))


def start() -> None:
    global recording
    files.clear()
    recording = True


def stop() -> dict[str, set[str]]:
    global recording
    recording = False
    return {k: set(v) for k, v in files.items()}


sys.setprofile(profile)
threading.setprofile(profile)


async def trace_n() -> None:
    from textual.app import App

    from moderator.core import FakeClock, load_meeting
    from moderator.store import writer as writer_module
    from moderator.tui.app import build_app

    bundled = TREE / "data"
    agenda, roster = load_meeting(bundled / "agenda.yaml", bundled / "speakers.yaml")
    hops: list[str] = []
    original_post = App.post_message
    submit = writer_module.Writer.submit

    def post(self, message):  # type: ignore[no-untyped-def]
        if recording and threading.current_thread() is not threading.main_thread():
            hops.append(f"{threading.current_thread().name} -> UI: {type(message).__name__}")
        return original_post(self, message)

    def submitted(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if recording:
            hops.append(f"{threading.current_thread().name} -> store-writer: submit")
        return submit(self, *args, **kwargs)

    App.post_message = post  # type: ignore[method-assign]
    writer_module.Writer.submit = submitted  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as folder:
        app = build_app(agenda, roster, Path(folder) / "m.db.json", FakeClock())
        async with app.run_test(size=(120, 36)) as pilot:
            meeting = app.meeting
            item = next(i for _, i in agenda.items() if not i.speakers)
            for command in (lambda: meeting.start_item(item.id),
                            lambda: meeting.request_floor("TR"),
                            lambda: meeting.request_floor("AT")):
                app.link.run(command)
                while not app.link.idle:
                    await pilot.pause(0.01)
            await pilot.pause(0.6)  # the follower has read all that
            start()
            await pilot.press("n")
            while not app.link.idle:
                await pilot.pause(0.005)
            await pilot.pause(0.6)  # two reads of the follower: its echo, if any
            seen = stop()
            assert meeting.floor().who == "TR"
    report("n", seen, hops)


def report(what: str, seen: dict[str, set[str]], hops: list[str]) -> None:
    every = set().union(*seen.values())
    print(f"{what}: {len(every)} moderator files run; threads: "
          + ", ".join(f"{t} {len(f)}" for t, f in sorted(seen.items())))
    for hop in hops:
        print(f"  hop {hop}")
    for name in sorted(every):
        print(f"    {name}")




async def trace_save() -> None:
    import asyncio as aio

    from aiohttp.test_utils import TestClient, TestServer

    from moderator.core import FakeClock, Meeting, load_meeting
    from moderator.store import MeetingStore
    from moderator.store import writer as writer_module
    from moderator.web.app import make_app
    from moderator.web.serve import open_feed

    bundled = TREE / "data"
    agenda, roster = load_meeting(bundled / "agenda.yaml", bundled / "speakers.yaml")
    hops: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "m.db.json"
        meeting = Meeting(agenda, roster, FakeClock())
        item = next(i for _, i in agenda.items() if not i.speakers)
        with MeetingStore.open(database, meeting=agenda.event.id) as store:
            for events in (meeting.start_item(item.id),):
                store.append(meeting.record(events))
        feed = open_feed(agenda, roster, database, clock=FakeClock())
        feed = feed[0] if isinstance(feed, tuple) else feed  # (feed, links made) since links
        client = TestClient(TestServer(make_app(feed, follow=True), host="127.0.0.1"))
        await client.start_server()
        notes = feed.links.of_kind("notes")[0].token if hasattr(feed.links, "of_kind") \
            else feed.links.tokens["notes"]
        await client.get("/notes", params={"token": notes}, allow_redirects=False)
        origin = {"Origin": f"http://127.0.0.1:{client.port}"}
        await client.put("/api/drafts/note-0001", headers=origin,
                         json={"text": "Aust", "console": "c0ffee00c0ffee00"})
        loop = aio.get_running_loop()
        run_in_executor, call_soon = loop.run_in_executor, loop.call_soon_threadsafe
        submit = writer_module.Writer.submit

        def executor(*args, **kwargs):  # type: ignore[no-untyped-def]
            if recording:
                hops.append("loop -> executor")
            return run_in_executor(*args, **kwargs)

        def soon(*args, **kwargs):  # type: ignore[no-untyped-def]
            if recording and threading.current_thread() is not threading.main_thread():
                hops.append(f"{threading.current_thread().name} -> loop")
            return call_soon(*args, **kwargs)

        def submitted(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            if recording:
                hops.append(f"{threading.current_thread().name} -> store-writer: submit")
            return submit(self, *args, **kwargs)

        loop.run_in_executor, loop.call_soon_threadsafe = executor, soon
        writer_module.Writer.submit = submitted  # type: ignore[method-assign]
        await aio.sleep(0.2)
        start()
        answer = await client.post("/api/notes", headers=origin, json={
            "id": "note-0001", "text": "Austria supports #rec", "console": "c0ffee00c0ffee00"})
        assert answer.status == 200, await answer.text()
        await aio.sleep(0.12)  # two reads of the follower: its echo, if any
        seen = stop()
        await client.close()
        close = getattr(feed, "close", None)
        (close or feed.store.close)()
    report("/notes save", seen, hops)


if __name__ == "__main__":
    wanted = set(sys.argv[1:]) or {"n", "save"}
    if "n" in wanted:
        asyncio.run(trace_n())
    if "save" in wanted:
        asyncio.run(trace_save())
