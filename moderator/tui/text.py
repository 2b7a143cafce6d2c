"""Names and notes are plain text: shown literally, never as markup, never breaking the layout."""

from __future__ import annotations

import math
import re
import unicodedata

from rich.text import Text

from moderator.core.timer import spoken_whole

# C0 and C1 controls, DEL, and the bidi embedding/override/isolate controls that can reorder a line.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


# Marks that must stand out whatever the theme, in colours of their own with 4.5:1 and more
# (in 256 colours too): white on dark red, white on violet, black on amber, white on green.
ALARM = "bold #FFFFFF on #A8182E"
REPLY = "bold #FFFFFF on #6A1B9A"
CAUTION = "bold #000000 on #FFB000"
GOOD = "bold #FFFFFF on #1B6E34"


def sanitise(text: str) -> str:
    """`text` with each control character replaced by U+FFFD, so it stays on one line."""
    return _CONTROLS.sub("\ufffd", unicodedata.normalize("NFC", text))


def plain(text: str, style: str = "") -> Text:
    """A `Text` showing `text` literally: `[bold]` stays `[bold]`."""
    return Text(sanitise(text), style=style, no_wrap=True, overflow="ellipsis")


def clock_face(seconds: float, *, hours: bool = False) -> str:
    """`m:ss` for a countdown; negative (overtime) as `-m:ss`. With `hours`, an hour or more
    reads `h:mm:ss` (a 90-minute break is "1:29:53", not "89:53")."""
    # Rounded up, as the time spoken is rounded down (`spoken_face`): the two always add up to
    # the allotted time, in overtime too ("-0:06" beside "spoken 0:46" of "0:40").
    whole = math.ceil(seconds - 1e-6)
    sign = "-" if whole < 0 else ""
    minutes, secs = divmod(abs(whole), 60)
    if hours and minutes >= 60:
        return f"{sign}{minutes // 60}:{minutes % 60:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


def at_or_on(moment: str) -> str:
    """"at 11:00" for a time of day, "on Friday 09:30" for a moment on another day (a moment as
    the room view writes it, `RoomView.local`)."""
    return f"{'at' if moment[:1].isdigit() else 'on'} {moment}"


def over_face(seconds_left: float, *, hours: bool = False) -> str:
    """How far over its time a countdown is, `m:ss`: the figure of `clock_face` without its
    sign ("OVERTIME +0:06" beside "-0:06")."""
    return clock_face(min(0.0, seconds_left), hours=hours).removeprefix("-")


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
