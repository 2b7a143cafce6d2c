"""The UI thread never takes the store's lock: another console's commit may hold it for as long
as its fsync takes, and the console must start, draw and take keys meanwhile."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.pilot import Pilot

from moderator.store import MeetingStore
from moderator.store.journal import JournalStorage
from moderator.tui.app import build_app
from moderator.tui.rapporteur_app import build_rapporteur_app
from moderator.tui.widgets.note_editor import NoteEditor
from tests.tui.conftest import drafts_read, make_agenda, make_roster


@pytest.fixture
def takers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The threads that entered a store transaction (the lock), in order."""
    seen: list[str] = []
    original = JournalStorage.transaction

    def spying(self: JournalStorage):  # type: ignore[no-untyped-def]
        seen.append(threading.current_thread().name)
        return original(self)

    monkeypatch.setattr(JournalStorage, "transaction", spying)
    return seen


class Holder:
    """Another process's long commit: the database's lock held from another handle."""

    def __init__(self, database: Path) -> None:
        self.store = MeetingStore.open(database)
        self.taken, self.release = threading.Event(), threading.Event()
        self.holding = False
        self.thread = threading.Thread(target=self._hold, daemon=True)

    def _hold(self) -> None:
        with self.store._journal.transaction():
            self.holding = True
            self.taken.set()
            self.release.wait(timeout=30)  # long enough to see a UI that waits for it
            self.holding = False

    def __enter__(self) -> Holder:
        self.thread.start()
        assert self.taken.wait(timeout=30)
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.thread.join()
        self.store.close()


def ui_thread() -> str:
    return threading.main_thread().name  # run_test drives the app on the test's thread


async def test_the_rapporteur_starts_and_types_while_another_commit_holds_the_lock(
        database: Path, clock, takers: list[str]) -> None:
    with MeetingStore.open(database, clock) as store:
        store.save_draft("rapporteur", "Left by a crash")  # a draft kept before consoles had ids
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    takers.clear()  # opening happens before the UI runs
    with Holder(database) as holder:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press(*"typed")
            await pilot.pause()
            editor = app.screen.query_one(NoteEditor)
            assert editor.text == "typed"
            assert holder.holding, "the UI waited for the lock before it took the keys"
            holder.release.set()
            await drafts_read(pilot)
            # Both texts kept: the draft read late comes first, the typing stays.
            assert editor.text == "Left by a crash\ntyped"
            assert ui_thread() not in takers
    assert takers, "the spy saw no transaction at all"


async def test_the_chairs_console_reads_its_theme_before_the_ui_runs(
        database: Path, clock, takers: list[str]) -> None:
    with MeetingStore.open(database, clock) as store:
        store.set_setting("theme", "textual-light")
    app = build_app(make_agenda(), make_roster(), database, clock)
    takers.clear()
    with Holder(database) as holder:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            # Saved by a release before the consoles had their own themes: its light one.
            assert app.theme == "moderator-light"
            assert holder.holding
            assert ui_thread() not in takers
            holder.release.set()
            await settle_follower(pilot)
        assert ui_thread() not in takers


async def settle_follower(pilot: Pilot) -> None:
    for _ in range(20):
        await pilot.pause(0.05)
