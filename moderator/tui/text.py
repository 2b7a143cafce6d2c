"""Names and notes are plain text: shown literally, never as markup, never breaking the layout."""

from __future__ import annotations

import math
import re
import unicodedata

from rich.text import Text

from moderator.core.timer import spoken_whole

# C0 and C1 controls, DEL, and the bidi embedding/override/isolate controls that can reorder a line.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def sanitise(text: str) -> str:
    """`text` with each control character replaced by U+FFFD, so it stays on one line."""
    return _CONTROLS.sub("\ufffd", unicodedata.normalize("NFC", text))


def plain(text: str, style: str = "") -> Text:
    """A `Text` showing `text` literally: `[bold]` stays `[bold]`."""
    return Text(sanitise(text), style=style, no_wrap=True, overflow="ellipsis")


def clock_face(seconds: float, *, hours: bool = False) -> str:
    """`m:ss` for a countdown; negative (overtime) as `-m:ss`. With `hours`, an hour or more
    reads `h:mm:ss` (a 90-minute break is "1:29:53", not "89:53")."""
    # Rounded up, so "0:00" appears exactly when the time is up and overtime starts at "-0:01".
    whole = math.ceil(abs(seconds))
    sign = "-" if seconds < 0 and whole else ""
    minutes, secs = divmod(whole, 60)
    if hours and minutes >= 60:
        return f"{sign}{minutes // 60}:{minutes % 60:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


def spoken_face(seconds: float) -> str:
    """`m:ss` of time spoken, rounded down as the export rounds it (`clock_face` rounds the
    time left up: the two add up to the allotted time)."""
    minutes, secs = divmod(spoken_whole(seconds), 60)
    return f"{minutes}:{secs:02d}"


def duration_in_units(seconds: float) -> str:
    """A short duration with its units: `45s`, `3m05s` (the export's `clock_duration` writes `3:05`)."""
    whole = int(round(seconds))
    if whole < 60:
        return f"{whole}s"
    return f"{whole // 60}m{whole % 60:02d}s"


def stack(lines: list[Text]) -> Text:
    """Lines one under the other, each cut with an ellipsis rather than wrapped."""
    return Text("\n", no_wrap=True, overflow="ellipsis").join(lines)
