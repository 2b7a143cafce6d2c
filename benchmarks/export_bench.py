"""The secretariat's export of the large meeting, each format as `moderator export` makes it:
read the database, build the summary, render (writing the file is left out)."""

from __future__ import annotations

import gc
import time

from generate import LargeMeeting
from lines import Line

from moderator.core import SystemClock, load_meeting
from moderator.export.charts import draw_charts
from moderator.export.formats import JOURNAL_FORMATS, render, render_journal, summarise


def run(workdir: str, large: LargeMeeting) -> list[Line]:
    agenda, roster = load_meeting(large.agenda, large.roster)
    found = []
    for fmt in ("docx", "md", "html", "json", "csv", "pdf"):
        start = time.perf_counter()
        summary = summarise([large.database], agenda, roster, SystemClock())
        read = time.perf_counter()
        size = len(render(summary, fmt))
        done = time.perf_counter()
        found.append(Line(f"Export of the large meeting to {fmt} ({size / 1e6:.1f} MB; reading "
                          f"and summing up {read - start:.2f} s, rendering {done - read:.2f} s)",
                          f"{done - start:.2f} s", "-", "-", "< 1 s", done - start < 1))
        if fmt == "docx":  # the Word summary drew the charts: how long they took alone
            draw_charts.cache_clear()
            gc.collect()  # the charts alone: not the collection of what the export left
            start = time.perf_counter()
            draw_charts(summary.statistics)
            took = time.perf_counter() - start
            found.append(Line("Charts of the large meeting's statistics (4, matplotlib Agg), "
                              "part of the Word and HTML exports", f"{took:.2f} s", "-", "-",
                              "< 1 s", took < 1))
    summary = summarise([large.database], agenda, roster, SystemClock())
    for fmt in JOURNAL_FORMATS:
        start = time.perf_counter()
        size = len(render_journal(summary, fmt))
        took = time.perf_counter() - start
        found.append(Line(f"Journal of the large meeting in {fmt} ({size / 1e6:.2f} MB; "
                          "rendering only)", f"{took:.2f} s", "-", "-", "< 1 s", took < 1))
    return found
