"""When each waiting speaker should get the floor, for the chair's list and the room's pages."""

from __future__ import annotations

from datetime import datetime, timedelta

from moderator.core.breaks import break_ends
from moderator.core.model import InterventionKind, ItemKind
from moderator.core.reading import MeetingReader
from moderator.core.views import Request


def expected_starts(meeting: MeetingReader, queue: list[Request], now: datetime) -> list[datetime]:
    """When each waiting request should get the floor, if everyone keeps to their time.

    Points of order are heard at once (after one already on the floor); the speaker they
    interrupt, or the one a point of order suspended, finishes before the ordinary list.
    During a break, the list (of the item after it) starts when the meeting resumes.
    """
    return expected_schedule(meeting, queue, now)[0]


def expected_schedule(meeting: MeetingReader, queue: list[Request],
                      now: datetime) -> tuple[list[datetime], datetime | None]:
    """`expected_starts`, and when the speaker a point of order suspended resumes (None:
    nobody is suspended): after the point of order on the floor and those waiting."""
    point = InterventionKind.POINT_OF_ORDER
    timer = meeting.timer(now)
    holder = timer.intervention
    left = timedelta(seconds=max(0.0, timer.remaining)) if holder is not None else timedelta()
    suspended = meeting.suspended()
    resumed = timedelta(seconds=max(0.0, suspended.allotted - suspended.speaking_seconds(now))
                        if suspended is not None else 0.0)
    on_point = holder is not None and holder.kind is point
    moment = now + (left if on_point else timedelta())
    item = meeting.current_item()
    if item is not None and item.kind is ItemKind.BREAK:
        moment = max(now, break_ends(meeting.state, item, now))
    interrupted = resumed + (timedelta() if on_point else left)
    starts: list[datetime] = []
    resumes: datetime | None = None
    waiting_for_interrupted = True
    for request in queue:
        if request.kind is not point and waiting_for_interrupted:
            resumes = moment
            moment += interrupted
            waiting_for_interrupted = False
        starts.append(moment)
        moment += timedelta(seconds=request.seconds)
    if waiting_for_interrupted:
        resumes = moment
    return starts, resumes if suspended is not None else None
