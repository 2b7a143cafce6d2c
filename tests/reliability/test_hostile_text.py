"""Hostile names and notes: exact round trip through the core and the store, escaped in every
export, shown literally by the console; a lone surrogate is refused at the door."""

from __future__ import annotations

import csv
import io
import os
import re
import sys
import tempfile
import zipfile
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, Phase, given, settings
from pypdf import PdfReader

from moderator.core import Refused
from moderator.export.build import build_summary
from moderator.export.csv_export import COLUMNS
from moderator.export.formats import JOURNAL_FORMATS, RENDERERS, render_journal
from moderator.session import open_meeting
from moderator.store import MeetingStore
from moderator.tui.app import MeetingApp
from tests.reliability.hostile import LONG_LINE, hostile_meeting, hostile_text
from tests.tui.conftest import settle

pytestmark = pytest.mark.slow  # hypothesis: 100,000-character texts through every export

# `make stress` tries more through the same tests.
EXAMPLES = int(os.environ.get("MODERATOR_HOSTILE_EXAMPLES", "15"))
csv.field_size_limit(sys.maxsize)  # the 100,000-character lines (several per cell) are the point
# No shrinking: a 100,000-character example takes minutes to shrink; the failure shows it whole.
# Terminal controls (C0 but tab, newline and the CSV's carriage return; DEL; C1) and bidi controls.
NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def valid(text: str) -> str:
    """Lone surrogates are refused by the core: drop them to get what a user can record."""
    return "".join(c for c in text if not "\ud800" <= c <= "\udfff")


@SETTINGS
@given(raw=hostile_text)
def test_notes_and_guests_round_trip_exactly(raw: str) -> None:
    text = valid(raw)
    if not text.strip():
        return
    meeting = hostile_meeting(text, text, [text])
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "meeting.db"
        with MeetingStore.open(path, meeting.clock) as store:
            store.append(meeting.events)
        with MeetingStore.open(path, meeting.clock) as store:
            back = store.events()
    assert back == meeting.events
    assert [n.text for n in meeting.notes()] == [text]
    assert meeting.log()[1].guest == text.strip()


@SETTINGS
@given(raw=hostile_text)
def test_a_lone_surrogate_is_refused_clearly(raw: str) -> None:
    meeting = hostile_meeting("Name", "Guest", [])
    text = raw + "\ud800"
    with pytest.raises(Refused, match="invalid character"):
        meeting.add_note(text)
    with pytest.raises(Refused, match="invalid character"):
        meeting.request_floor(None, guest="x" + text)


@SETTINGS
@given(name=hostile_text, guest=hostile_text, note=hostile_text)
def test_every_export_escapes_hostile_text(name: str, guest: str, note: str) -> None:
    name, guest, note = valid(name) or "n", valid(guest).strip() or "g", valid(note).strip() or "x"
    meeting = hostile_meeting(name, guest, [note, "=1+1 " + note, "[bold]plain[/] <b>b</b>"])
    summary = build_summary([meeting], meeting.clock)
    # None may crash. The PDF (typst lays out megabytes of these lines in seconds each) has
    # its own test below, on one example of every kind.
    outputs = {fmt: render(summary) for fmt, render in RENDERERS.items() if fmt != "pdf"}
    html = outputs["html"].decode("utf-8")
    assert "<b>b</b>" not in html and "&lt;b&gt;b&lt;/b&gt;" in html
    markdown = outputs["md"].decode("utf-8")
    assert "\\[bold\\]plain\\[/\\]" in markdown and "<b>" not in markdown
    texts = {fmt: data.decode("utf-8") for fmt, data in outputs.items() if fmt != "docx"}
    with zipfile.ZipFile(io.BytesIO(outputs["docx"])) as document:
        texts["docx"] = document.read("word/document.xml").decode("utf-8")
    for fmt, text in texts.items():  # `cat summary.md` can neither control nor reorder anything
        found = NOT_TEXT.search(text)
        assert found is None, f"{fmt}: U+{ord(found.group()):04X} in the export"
    rows = list(csv.DictReader(io.StringIO(outputs["csv"].decode("utf-8-sig"))))
    assert rows and list(rows[0]) == COLUMNS
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    # The journal, in its formats: names are text there too.
    journal = {fmt: render_journal(summary, fmt) for fmt in JOURNAL_FORMATS if fmt != "pdf"}
    tags = _Tags()
    tags.feed(journal["html"].decode("utf-8"))
    assert tags.seen <= {"html", "head", "meta", "title", "style", "body", "p", "span"}, tags.seen
    assert "\\[BOLD\\]TITLE\\[/\\]" in journal["md"].decode("utf-8")
    Document(io.BytesIO(journal["docx"]))  # well-formed Word


def test_the_pdf_lays_out_hostile_text() -> None:
    """Controls, bidi overrides, markup of every kind, a 20,000-character line (pypdf reads
    no longer one back) and a script no embedded font draws: the PDF is still written
    (without its PDF/UA claim when a character cannot be drawn), its text as text."""
    name = "[bold]Markup[/] \x1b[31mRed\x00 \u202eשלום e\u0301 #set page(width: 1cm) <b>"
    note = "x" * 20_000 + " 中文 \u2066x\u2069 ` $x$ #doc PC.DEL/1/26"
    meeting = hostile_meeting(name, "[link=https://evil]Guest[/link]", [note, "=1+1 " + note])
    summary = build_summary([meeting], meeting.clock)
    for data in (RENDERERS["pdf"](summary), render_journal(summary, "pdf")):
        reader = PdfReader(io.BytesIO(data))
        text = "".join(page.extract_text() for page in reader.pages[:2])
        assert "[bold]Markup[/]" in text and "set page(width: 1cm)" in text  # shown, never run
        found = NOT_TEXT.search(text)
        assert found is None, f"U+{ord(found.group()):04X} in the PDF"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.seen: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.seen.add(tag)


async def test_the_console_shows_hostile_names_and_notes_literally(tmp_path: Path) -> None:
    name = "[bold]Markup[/] \x1b[31mRed\x00 שלום e\u0301"
    meeting = hostile_meeting(name, "[link=https://evil]Guest[/link]",
                              ["[bold]not bold[/] " + LONG_LINE, "\u202eevil\x07 [red]"],
                              title="[@click=app.quit]Title[/]")
    with MeetingStore.open(tmp_path / "meeting.db", meeting.clock) as store:
        store.append(meeting.events)
    app = MeetingApp(open_meeting(meeting.agenda, meeting.roster, tmp_path / "meeting.db",
                                  role="moderator", clock=meeting.clock))
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        screen = unescape(app.export_screenshot()).replace("\xa0", " ")
        assert "[bold]Markup[/]" in screen
        assert "[link=https://evil]Guest[/link]" in screen
        assert "[@click=app.quit]Title[/]" in screen
        assert "[bold]not bold[/]" in screen
        await pilot.press("n")  # still running and responsive
        await settle(pilot)  # `n` recorded and drawn
        assert app.is_running
