"""Pasting a 5,000-word speech into the rapporteur's editor, and saving it.

The text goes in as a terminal sends it: bytes parsed by Textual's own terminal parser (the
driver's), on a thread as the driver reads them, either as a bracketed paste (what terminals
send when the program asks, as Textual does) or as plain keys (a terminal or multiplexer that
does not bracket a paste). "Appears" is the end of the frame showing the last word; "saved" the
end of the frame that shows "note saved", the note durable and listed. The reference for the
paste is a stock Textual TextArea in an empty app, fed the same bytes the same way; for the
save, appending the same note event to the same store alone.
"""

from __future__ import annotations

import asyncio
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from frames import Frames
from generate import LargeMeeting, LiveClock
from lines import Line
from textual._xterm_parser import XTermParser
from textual.app import App, ComposeResult
from textual.widgets import TextArea

from moderator.core import Meeting, load_meeting
from moderator.core.events import new_event
from moderator.store import MeetingStore
from moderator.tui.rapporteur_app import build_rapporteur_app
from moderator.tui.widgets.note_editor import NoteEditor
from moderator.tui.widgets.notes_panel import ItemNotes

SIZE = (120, 36)
WORDS = 5000
LAST = "resilience."
# A speech as pasted from a document: sentences, paragraphs of a few lines.
SPEECH = "\n".join(
    " ".join(f"point{n % 97} of the delegation" if n % 7 else "the partnership" for n in
             range(line * 10, line * 10 + 10)) + ("\n" if line % 6 == 5 else "")
    for line in range(WORDS // 40)
)
SPEECH = " ".join(SPEECH.split(" ")[: WORDS - 1]) + " " + LAST
BRACKETED = f"\x1b[200~{SPEECH}\x1b[201~"
AS_KEYS = SPEECH.replace("\n", "\r")  # a terminal sends Enter as a carriage return


class Stock(App[None]):
    """The reference: a stock TextArea, nothing else."""

    def compose(self) -> ComposeResult:
        yield TextArea(soft_wrap=True)


def send(app: App[Any], data: str) -> threading.Thread:
    """As the driver's input thread: read 4 KB at a time, parse, hand each event to the app."""
    def run() -> None:
        parser = XTermParser()
        for start in range(0, len(data), 4096):
            for event in parser.feed(data[start:start + 4096]):
                app._driver.send_message(event)  # type: ignore[union-attr]

    thread = threading.Thread(target=run, name="input")
    thread.start()
    return thread


async def _until(condition: Callable[[], bool], limit: float = 300.0) -> None:
    deadline = time.perf_counter() + limit
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app never reached the awaited state")
        await asyncio.sleep(0.001)


async def paste_into(app: App[Any], area: Callable[[], TextArea], data: str,
                     save: Callable[[], bool] | None = None) -> tuple[float, float | None]:
    """Seconds to the frame showing the whole paste, and (with `save`) to the saved frame."""
    frames = Frames(app)
    async with app.run_test(headless=True, size=SIZE) as pilot:
        await pilot.pause()
        area().focus()
        await pilot.pause()
        start = time.perf_counter()
        thread = send(app, data)
        await _until(lambda: area().text.endswith(LAST))
        app.screen._on_timer_update()
        appeared = (frames.last_since(start) or time.perf_counter()) - start
        thread.join()
        saved = None
        if save is not None:
            await pilot.pause()
            start = time.perf_counter()
            send(app, "\x13").join()  # ctrl+s
            await _until(save)
            app.screen._on_timer_update()
            saved = (frames.last_since(start) or time.perf_counter()) - start
        await pilot.exit(None)
    return appeared, saved


def rapporteur(large: LargeMeeting, directory: Path) -> Any:
    agenda, roster = load_meeting(large.agenda, large.roster)
    copy = directory / "large.db.json"
    copy.write_bytes(large.database.read_bytes())  # notes and drafts are written: a copy
    return build_rapporteur_app(agenda, roster, copy, LiveClock(large.ends_at))


def saved_and_listed(app: Any) -> Callable[[], bool]:
    def done() -> bool:
        editor = app.screen.query_one(NoteEditor)
        if editor._saving is not None or "note saved" not in str(editor.border_subtitle):
            return False
        notes = app.screen.query_one(ItemNotes)
        return notes.highlighted_note is not None and \
            app.meeting.note(notes.highlighted_note) is not None
    return done


def store_alone(large: LargeMeeting, directory: Path) -> float:
    """The same note event appended to a copy of the same store, nothing else."""
    agenda, roster = load_meeting(large.agenda, large.roster)
    copy = directory / "alone.db.json"
    copy.write_bytes(large.database.read_bytes())
    with MeetingStore.open(copy) as store:
        meeting = Meeting(agenda, roster, LiveClock(large.ends_at))
        meeting.apply_all(store.read_new())
        event = new_event("note.added", meeting.clock.now(), "rapporteur", note="bench",
                          text=SPEECH, session_id=None, item_id=None, intervention_id=None)
        start = time.perf_counter()
        store.append([event])
        return time.perf_counter() - start


def run(workdir: str, large: LargeMeeting) -> list[Line]:
    print("  paste: bracketed", flush=True)
    with tempfile.TemporaryDirectory(dir=workdir) as folder:
        app = rapporteur(large, Path(folder))
        appeared, saved = asyncio.run(paste_into(
            app, lambda: app.screen.query_one(NoteEditor), BRACKETED, saved_and_listed(app)))
        stock = Stock()
        reference, _ = asyncio.run(paste_into(stock, lambda: stock.query_one(TextArea),
                                              BRACKETED))
        alone = store_alone(large, Path(folder))
    print("  paste: as keys", flush=True)
    with tempfile.TemporaryDirectory(dir=workdir) as folder:
        app = rapporteur(large, Path(folder))
        keys, _ = asyncio.run(paste_into(app, lambda: app.screen.query_one(NoteEditor), AS_KEYS))
        stock = Stock()
        keys_reference, _ = asyncio.run(paste_into(stock, lambda: stock.query_one(TextArea),
                                                   AS_KEYS))
    assert saved is not None
    return [
        Line(f"Pasting {WORDS:,} words into the rapporteur's editor (bracketed paste, 10,000 "
             "notes): to the frame showing it", f"{appeared:.2f} s",
             f"{reference:.2f} s (stock TextArea)", f"{appeared / reference:.2f}x", "< 1 s",
             appeared < 1.0),
        Line("  saving it (ctrl+s to the frame showing it saved and listed)", f"{saved:.2f} s",
             f"{alone * 1000:.0f} ms (the store's append alone)", f"{saved / alone:.1f}x",
             "< 0.5 s", saved < 0.5),
        Line(f"  the same paste sent as {len(AS_KEYS):,} keys (a terminal that does not bracket "
             "pastes)", f"{keys:.2f} s", f"{keys_reference:.2f} s (stock TextArea)",
             f"{keys / keys_reference:.2f}x", "-", True),
    ]
