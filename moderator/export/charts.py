"""Charts of the statistics for the Word, HTML and PDF summaries, drawn with matplotlib.

matplotlib is the standard, well-kept plotting library; it is imported here only when a chart
is drawn (never by the consoles), with the Agg backend through its object API (no pyplot, no
display, safe on the console's export thread). Every chart is drawn from the same figures as
the table printed with it. Labels are plain text: mathtext (`$...$`) is off, and characters that
are not text become U+FFFD as in every export (`export/plain.py`).
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from moderator.export.plain import plain_text
from moderator.export.summary import Statistics

# The delegations chart shows the ones that spoke longest (the table lists all of them).
TOP_DELEGATIONS = 15
_BLUE, _ORANGE, _GREY = "#1f5fa6", "#e08a1e", "#8a8a8a"


@dataclass(frozen=True)
class Chart:
    key: str  # which table it goes with: "by_delegation", "by_category", "gender", "adherence"
    title: str
    data: bytes  # the picture, in `image_format`
    image_format: str = "png"  # "png" (Word, HTML) or "svg" (the PDF: vector, its text as text)


def _label(text: str, width: int = 38) -> str:
    """The label as the table beside the chart writes it (`plain_text`), on one line, cut."""
    clean = " ".join(plain_text(text).split())
    return clean if len(clean) <= width else clean[: width - 1] + "\u2026"


def _figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=120)
    FigureCanvasAgg(figure)
    return figure


def _saved(figure, image_format: str) -> bytes:
    """The figure as PNG, or as SVG with its text as text (a third of the size: the PDF draws
    it with the DejaVu fonts it embeds anyway); no date or tool in either, so the same figures
    give the same bytes."""
    from matplotlib import rc_context

    out = io.BytesIO()
    if image_format == "svg":
        with rc_context({"svg.fonttype": "none", "svg.hashsalt": "moderator"}):
            figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    else:
        figure.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()


def _bars(title: str, labels: Sequence[str], minutes: Sequence[float], colour: str,
          image_format: str) -> bytes:
    height = max(1.6, 0.8 + 0.32 * len(labels))
    figure = _figure(7.5, height)
    shown = [_label(x) for x in labels]
    # Room for the longest label, measured by characters: tight_layout measured every text and
    # was a third of the time the charts took.
    left = min(0.5, 0.04 + 0.062 * max(map(len, shown)) / 7.5 * 1.2)
    figure.subplots_adjust(left=left, right=0.97, top=1 - 0.42 / height, bottom=0.55 / height)
    ax = figure.add_subplot()
    positions = range(len(labels))
    ax.barh(list(positions), list(minutes), color=colour)
    ax.set_yticks(list(positions), labels=shown)
    ax.invert_yaxis()  # the longest first, as in the table
    ax.set_xlabel("Speaking time (minutes)")
    ax.set_title(_label(title, 80))
    for position, value in zip(positions, minutes, strict=True):
        ax.annotate(f"{value:.1f}", (value, position), xytext=(3, 0), textcoords="offset points",
                    va="center", fontsize=8)
    ax.margins(x=0.12)
    return _saved(figure, image_format)


def _gender(statistics: Statistics, image_format: str) -> bytes:
    g = statistics.gender
    figure = _figure(7.5, 2.8)
    figure.subplots_adjust(left=0.09, right=0.98, wspace=0.3, top=0.88, bottom=0.12)
    panel, speaking = figure.subplots(1, 2)
    names = [gender.capitalize() for gender, _ in g.panel]
    panel.bar(names, [n for _, n in g.panel], color=_BLUE)
    panel.set_title("Speakers on the panels")
    panel.set_ylabel("Speakers")
    labels = [f.label.capitalize() for f in g.speaking] + (["Not given"] if g.unknown_seconds else [])
    values = [f.speaking_seconds / 60 for f in g.speaking] + (
        [g.unknown_seconds / 60] if g.unknown_seconds else [])
    colours = [_ORANGE] * len(g.speaking) + ([_GREY] if g.unknown_seconds else [])
    speaking.bar(labels, values, color=colours)
    speaking.set_title("Speaking time")
    speaking.set_ylabel("Minutes")
    return _saved(figure, image_format)


def _schedule(statistics: Statistics, image_format: str) -> bytes:
    rows = statistics.adherence
    figure = _figure(7.5, 3.2)
    figure.subplots_adjust(left=0.09, right=0.98, top=0.9, bottom=0.25)
    ax = figure.add_subplot()
    positions = list(range(len(rows)))
    ax.bar([p - 0.2 for p in positions], [a.planned_minutes for a in rows], 0.4,
           label="Planned", color=_GREY)
    ax.bar([p + 0.2 for p in positions], [a.actual_minutes or 0 for a in rows], 0.4,
           label="Held", color=_BLUE)
    ax.set_xticks(positions, labels=[_label(a.session_title, 18) for a in rows],
                  rotation=20 if len(rows) > 3 else 0, ha="right" if len(rows) > 3 else "center")
    ax.set_ylabel("Minutes")
    ax.set_title("Planned against held, per session")
    ax.legend()
    return _saved(figure, image_format)


@lru_cache(maxsize=4)
def draw_charts(statistics: Statistics, image_format: str = "png") -> Mapping[str, Chart]:
    """The charts of the statistics, by the key of the table each goes with (none without data),
    as PNG (`image_format` "png") or SVG ("svg").

    Kept for the last few statistics: Word and HTML of the same summary draw them once.
    """
    from matplotlib import rc_context

    charts: dict[str, Chart] = {}
    with rc_context({"text.parse_math": False, "font.size": 9}), warnings.catch_warnings():
        # A name in a script the bundled font lacks is drawn as boxes (its table has it in full);
        # the warning would print over the console that exported.
        warnings.filterwarnings("ignore", message="Glyph .* missing from", category=UserWarning)
        if statistics.by_category:
            title = "Speaking time by category"
            figures = statistics.by_category
            charts["by_category"] = Chart("by_category", title, _bars(
                title, [f.label for f in figures], [f.speaking_seconds / 60 for f in figures], _BLUE,
                image_format), image_format)
        if statistics.by_delegation:
            figures = statistics.by_delegation[:TOP_DELEGATIONS]
            title = "Speaking time by delegation"
            if len(statistics.by_delegation) > TOP_DELEGATIONS:
                title += f" (the {TOP_DELEGATIONS} longest of {len(statistics.by_delegation)})"
            charts["by_delegation"] = Chart("by_delegation", title, _bars(
                title, [f.label for f in figures], [f.speaking_seconds / 60 for f in figures], _BLUE,
                image_format), image_format)
        if statistics.gender.panel or statistics.gender.speaking or statistics.gender.unknown_seconds:
            charts["gender"] = Chart("gender", "Gender balance",
                                     _gender(statistics, image_format), image_format)
        if statistics.adherence:
            charts["adherence"] = Chart("adherence", "Planned against held per session",
                                        _schedule(statistics, image_format), image_format)
    return MappingProxyType(charts)  # shared by the cache: read-only
