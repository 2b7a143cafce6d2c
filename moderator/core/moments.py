"""Moments as the chair types them ("15:00", "Friday 09:30", "2026-12-11 9.30", "20" minutes
from now) and as the screens write them back ("Friday 09:30"), in the meeting's time zone.

English day names whatever the machine's locale: the journal and the room read English.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from moderator.core.actions import Refused

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
EXAMPLES = "15:00, Friday 09:30 or 2026-12-11 09:30"

_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2})?)?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DOTTED = re.compile(r"^(\d{1,2})[./](\d{1,2})[./]?(\d{4})?$")
_MINUTES = re.compile(r"^(\d{1,4})\s*(?:m|min|mins|minutes?)?$")


def read_moment(text: str, now: datetime, timezone: str, *, minutes: bool = False) -> datetime:
    """The moment `text` names, later than `now` (aware), in UTC.

    A time alone is the next time the clock shows it (today, else tomorrow); a day name the
    next such day (today too, if the time is still to come); a date as 2026-12-11 or 11.12.
    (or 11.12.2026). With `minutes`, a number alone is that many minutes from now. Raises
    `Refused` saying what was expected.
    """
    zone = ZoneInfo(timezone)
    local_now = now.astimezone(zone)
    words = text.strip().lower().replace(",", " ").split()
    if not words:
        raise Refused(f"Type a day and time: {EXAMPLES}")
    if minutes and (found := _MINUTES.match(" ".join(words))):
        count = int(found.group(1))
        if count <= 0:
            raise Refused("A number of minutes from now is more than 0")
        return (now + timedelta(minutes=count)).astimezone(UTC)
    clock = _time(words[-1]) if len(words) > 1 or ":" in words[-1] or "." in words[-1] \
        or "h" in words[-1] else None
    if clock is None:
        raise Refused(f"“{text.strip()}” is not a time: type {EXAMPLES}"
                      + (", or a number of minutes from now" if minutes else ""))
    day = _day(words[:-1], local_now, clock, text)
    moment = datetime.combine(day, clock, tzinfo=zone)
    if moment <= local_now:
        raise Refused(f"{words_of(moment, now, timezone)} is already past: type a later time")
    return moment.astimezone(UTC)


def _time(word: str) -> time | None:
    found = _TIME.match(word)
    if found is None:
        return None
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _day(words: list[str], now: datetime, clock: time, text: str) -> date:
    today = now.date()
    if not words:
        return today if clock > now.time() else today + timedelta(days=1)
    word = " ".join(words)
    if word == "today":
        return today
    if word == "tomorrow":
        return today + timedelta(days=1)
    for index, name in enumerate(DAYS):
        if len(word) >= 3 and name.lower().startswith(word):
            ahead = (index - today.weekday()) % 7
            if ahead == 0 and clock <= now.time():
                ahead = 7
            return today + timedelta(days=ahead)
    try:
        if found := _ISO.match(word):
            return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
        if found := _DOTTED.match(word):
            year = int(found.group(3)) if found.group(3) else today.year
            day = date(year, int(found.group(2)), int(found.group(1)))
            return day if found.group(3) or day >= today else date(year + 1, day.month, day.day)
    except ValueError:
        pass
    raise Refused(f"“{text.strip()}” is not a day and time: type {EXAMPLES}")


def words_of(moment: datetime, now: datetime, timezone: str) -> str:
    """"15:00" today, "Tuesday 09:30" within the week to come, else "Tuesday 15 December,
    09:30"; a day gone by is written with its date."""
    zone = ZoneInfo(timezone)
    shown, today = moment.astimezone(zone), now.astimezone(zone).date()
    ahead = (shown.date() - today).days
    if ahead == 0:
        return f"{shown:%H:%M}"
    if 0 < ahead < 7:
        return f"{DAYS[shown.weekday()]} {shown:%H:%M}"
    return f"{long_day(shown.date())}, {shown:%H:%M}"


def long_day(day: date) -> str:
    """"Friday 11 December"."""
    return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"
