"""What a secretariat reads first: titles, not ids; a session still open said in words; the
clock time of each intervention; who made each recommendation and action; long lines kept on
the page."""

from __future__ import annotations

import io
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx import Document

from moderator.core import FakeClock
from moderator.export import docx as docx_export
from moderator.export import html as html_export
from moderator.export import markdown as markdown_export
from moderator.export.build import build_summary
from tests.export.scripted import Script, run_opening

CHROMIUM = Path("/usr/bin/chromium")


def summary_of(script: Script):
    return build_summary([script.meeting], FakeClock(datetime(2026, 12, 11, tzinfo=UTC)))


def test_the_annex_names_sessions_not_held_by_their_titles(script):
    md = markdown_export.render(summary_of(script)).decode()
    annex = md[md.index("## Annex"):]
    assert "Coffee break" in annex and "Session 2: Safeguarding places of worship" in annex
    assert "| coffee-1 |" not in annex and "| session-2 |" not in annex


def test_a_session_still_open_says_so_in_words():
    s = Script()
    run_opening(s)
    s.do(s.meeting.start_item("s1-panel"))  # session 1 opened, not closed
    summary = summary_of(s)
    md = markdown_export.render(summary).decode()
    held = next(line for line in md.splitlines()
                if line.startswith("- **Held:**") and "not closed" in line)
    assert held.startswith("- **Held:** from ") and "\u2013\u2014" not in held
    assert "end \u2014" not in md and "(start " in held
    html = html_export.render(summary).decode()
    assert "not closed yet" in html and "\u2013\u2014" not in html


def test_every_intervention_has_its_clock_time(script):
    summary = summary_of(script)
    md = markdown_export.render(summary).decode()
    # The opening: the first speaker took the floor at 09:32 in Vienna.
    assert "1. 09:32 **" in md
    doc = Document(io.BytesIO(docx_export.render(summary)))
    speakers = [p.text for p in doc.paragraphs if p.style.name == docx_export.SPEAKER_STYLE]
    assert speakers[0].startswith("1. 09:32 ")
    assert all(text.split(" ")[1].count(":") == 1 for text in speakers)


def test_recommendations_and_actions_say_who_made_them(script):
    summary = summary_of(script)
    md = markdown_export.render(summary).decode()
    recs = md[md.index("## Recommendations"):md.index("## Actions and decisions")]
    # The tags leave the sentence: the heading says what it is.
    assert ("- Public-private partnerships need clear roles \u2014 "
            "*Denmark-European Union (with ") in recs
    actions = md[md.index("## Actions and decisions"):md.index("## Statistics")]
    assert "drills at stadiums \u2014 *Japan (Partner for Co-operation)*" in actions
    # A decision noted on the item as a whole names no speaker.
    decision = next(line for line in actions.splitlines() if "exercises" in line)
    assert "\u2014 *" not in decision
    html = html_export.render(summary).decode()
    assert '<span class="by">\u2014 Japan (Partner for Co-operation)</span>' in html
    doc = Document(io.BytesIO(docx_export.render(summary)))
    texts = [p.text for p in doc.paragraphs]
    assert any(t.endswith("\u2014 Japan (Partner for Co-operation)") and "stadiums" in t
               for t in texts)


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
def test_a_long_unbroken_line_stays_on_the_html_page():
    s = Script()
    run_opening(s)
    s.do(s.meeting.start_item("s1-panel"))
    s.do(s.meeting.give_floor())
    s.note("long", "x" * 3000)
    html = html_export.render(summary_of(s)).decode()
    # The browser measures the laid-out page and writes its widths into the DOM it dumps.
    probe = ("<script>document.body.setAttribute('data-widths', "
             "document.documentElement.scrollWidth + ' ' + document.documentElement.clientWidth)"
             "</script></body>")
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "summary.html"
        page.write_text(html.replace("</body>", probe))
        dumped = subprocess.run(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
             f"--user-data-dir={folder}/profile", "--window-size=1024,768", "--dump-dom",
             page.as_uri()], capture_output=True, text=True, timeout=120, check=True).stdout
    scroll, client = (int(n) for n in dumped.split('data-widths="')[1].split('"')[0].split())
    assert scroll <= client  # nothing runs off the page to the right
