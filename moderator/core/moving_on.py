"""What the chair's `]` and `[` decide: leave the item for the next (or the previous) one.

Leaving an item ends the speech on the floor, drops the list, ends a break before its time, or
leaves an item opened a moment ago (the second of two quick presses): then the decision asks
once (`AskAgain`, naming what would be lost) and a second press confirms that very question.
At the last item of a day `]` asks too (the console offers to adjourn); while the meeting is
adjourned, `]` resumes it.
"""

from __future__ import annotations

from collections.abc import Callable

from moderator.core.actions import AskAgain, Refused
from moderator.core.adjournment import Adjournments
from moderator.core.agenda_order import next_pending, previous
from moderator.core.agenda_progress import AgendaProgress
from moderator.core.breaks import break_ends
from moderator.core.context import MeetingContext
from moderator.core.model import InterventionKind, ItemKind
from moderator.core.moments import long_day
from moderator.core.speaker_names import journal_name
from moderator.core.speakers_list import SpeakersList
from moderator.core.steady import now as steady_now

# An item opened less than this many seconds ago asks before `]` leaves it: two quick presses
# must not skip over it (a break, most of all).
JUST_OPENED = 5.0
# How many names a question lists before it counts the rest.
NAMED = 6


def span(seconds: float) -> str:
    """"1 h 29 min", "12 min", "40 s": how long is left, in words."""
    whole = max(0, int(seconds))
    if whole < 60:
        return f"{whole} s"
    hours, minutes = divmod(whole // 60, 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


class MovingOn:
    """The chair's way through the agenda, one item after another, and from one day to the
    next. `refuse_while_suspended()` raises `Refused` while the sitting is suspended."""

    def __init__(self, context: MeetingContext, progress: AgendaProgress,
                 speakers: SpeakersList, adjournments: Adjournments,
                 refuse_while_suspended: Callable[[], None]) -> None:
        self.context = context
        self.progress = progress
        self.speakers = speakers
        self.adjournments = adjournments
        self.refuse_while_suspended = refuse_while_suspended

    def losses(self) -> list[str]:
        """What leaving the current item now would lose, one phrase each ("Türkiye holds the
        floor", "2 requests waiting (Austria, Italy)", "“Lunch break” has 1 h 29 min left")."""
        context = self.context
        state, roster = context.state, context.roster
        item = context.current_item()
        if item is None:
            return []
        now = steady_now(state, context.clock)
        lost: list[str] = []
        for record, how in ((state.floor, "holds the floor"),
                            (state.suspended, "is suspended by a point of order")):
            if record is not None:
                name = journal_name(roster, record.who, record.guest, record.on_behalf,
                                    record.alignment)
                lost.append(f"{name} {how}")
        queue = [r for r in self.speakers.queue() if r.item_id == item.id]
        scheduled = [r for r in queue if r.kind is InterventionKind.SCHEDULED]
        waiting = [r for r in queue if r.kind is not InterventionKind.SCHEDULED]
        for requests, what in ((scheduled, "scheduled speaker"), (waiting, "request")):
            if requests:
                names = [journal_name(roster, r.who, r.guest, r.on_behalf, r.alignment)
                         for r in requests[:NAMED]]
                more = len(requests) - len(names)
                listed = ", ".join(names) + (f" and {more} more" if more else "")
                tail = " not heard" if what == "scheduled speaker" else " waiting"
                lost.append(f"{_plural(len(requests), what)}{tail} ({listed})")
        if item.kind is ItemKind.BREAK:
            left = (break_ends(state, item, now) - now).total_seconds()
            if left >= 1:
                lost.append(f"“{item.title}” has {span(left)} left")
        since = state.progress[item.id].current_since
        if since is not None and (now - since).total_seconds() < JUST_OPENED:
            ago = max(0, int((now - since).total_seconds()))
            lost.append(f"“{item.title}” opened {ago} s ago")
        return lost

    def _token(self, direction: str, target: str | None) -> str:
        """What a confirmation confirms: leaving this opening of this item for `target`."""
        state = self.context.state
        item = state.current_item
        progress = state.progress.get(item) if item else None
        since = progress.current_since if progress else None
        return f"{direction}:{item}:{since.isoformat() if since else ''}:{target}"

    def move_on(self, confirmed: str | None = None) -> list[dict]:
        """`]`: finish the item and open the next one (while adjourned: resume the meeting).

        Asks (`AskAgain`) before it loses anything (`losses`), at the last item of a day and
        at the last item of the agenda; `confirmed`: the question answered by a second press.
        """
        if self.adjournments.adjournment() is not None:
            return self.adjournments.resume_meeting(confirmed)
        self.refuse_while_suspended()
        context = self.context
        state, agenda = context.state, context.agenda
        target = next_pending(agenda, state)
        item = context.current_item()
        if target is None:
            if item is None:
                raise Refused("No item is left on the agenda")
            token = self._token("finish", None)
            if confirmed != token:
                lost = "; ".join([*self.losses(), f"“{item.title}” is the last item of the "
                                                   "agenda"])
                raise AskAgain(lost, "finish it", token)
            return self.progress.finish_item()
        title = agenda.find_item(target)[1].title
        token = self._token("next", target)
        lost = self.losses()
        ending = self.adjournments.end_of_day()
        if ending is not None and confirmed != token:
            finished = f"“{item.title}” is the last item" if item else "The items"
            reason = "; ".join([f"{finished} of {long_day(ending.day)}", *lost])
            raise AskAgain(reason, f"open “{title}” of {long_day(ending.next_day)} now, "
                                   "without adjourning", token)
        if lost and confirmed != token:
            then = "end the break" if item is not None and item.kind is ItemKind.BREAK \
                else "finish the item"
            raise AskAgain("; ".join(lost), f"{then} and open “{title}”", token)
        return self.progress.start_item(target)

    def go_back(self, confirmed: str | None = None) -> list[dict]:
        """`[`: finish the item and open the one before it, asking as `move_on` does."""
        self.adjournments.refuse_while_adjourned()
        self.refuse_while_suspended()
        context = self.context
        target = previous(context.agenda, context.state)
        if target is None:
            raise Refused("This is the first item of the agenda")
        token = self._token("back", target)
        lost = self.losses()
        if lost and confirmed != token:
            title = context.agenda.find_item(target)[1].title
            raise AskAgain("; ".join(lost), f"finish the item and go back to “{title}”", token)
        return self.progress.start_item(target)
