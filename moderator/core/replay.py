"""The fold of a meeting's events into its state: each id once, undo by refolding.

`apply_all` is the only mutator of the state. Undo is an `undo` event naming the action it takes
back; the state is then refolded without that action, from the latest checkpoint before it (one
every `checkpoint_every` events), not from the start. A state resumed from a snapshot
(`core/resume.py`) starts from its saved fold and reads the journal only when an undo reaches
back past it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import timedelta
from zoneinfo import ZoneInfo

from moderator.core import events as ev
from moderator.core.actions import Action, AskAgain, Refused
from moderator.core.context import MeetingContext
from moderator.core.events import Undo
from moderator.core.floor import FloorEnded, FloorGiven
from moderator.core.fold import fold_event, is_floor_event, read_event
from moderator.core.state import MeetingState, StateCheckpoint
from moderator.core.steady import elapsed, place

log = logging.getLogger(__name__)


class Replay:
    """Every event applied to one meeting, and the state they fold to (in `context.state`)."""

    def __init__(self, context: MeetingContext, checkpoint_every: int, dense_checkpoints: int) -> None:
        self.context = context
        # How many events apart the state is checkpointed: an undo refolds at most this many
        # events before the action it takes back. Older checkpoints beyond `dense_checkpoints`
        # are thinned (every other one dropped).
        self.checkpoint_every = max(1, checkpoint_every)
        self.dense_checkpoints = dense_checkpoints
        # The last floor event folded (journal order): what a floor decision was made on.
        self.last_floor_event: str | None = None
        self.events: list[dict] = []
        self.seen: set[str] = set()
        self.undone: set[str] = set()
        self.by_action: dict[str, list[dict]] = {}
        # The state after the first `at` events, in order of `at`.
        self.checkpoints: list[tuple[int, StateCheckpoint]] = []
        # Events to fold before the next checkpoint.
        self.until_checkpoint = self.checkpoint_every
        # Events folded again by undos, ever: what an undo costs, for tests.
        self.refolded = 0
        # Resumed from a saved state: how many journal events it held, and how to read them
        # should an undo reach back past it (None: every event is in `events`).
        self.resumed_count = 0
        self.history: Callable[[], list[dict]] | None = None
        self.resumed_entries: set[tuple[str, str]] = set()  # the agenda entries they name
        # Actions whose events a resumed state knows (for describing an undo) but holds folded.
        self.older_actions: set[str] = set()
        self.older_events: list[dict] = []  # their events, in journal order
        # Events kept but not folded (unknown type, newer version, malformed): how many of each.
        self.unfolded: dict[str, int] = {}
        # Moves on with every fold (and resume): views derived from the state are kept for
        # as long as it stays the same (`Meeting.queue`, `Meeting.forecast`).
        self.version = 0

    @property
    def folded_count(self) -> int:
        return self.resumed_count + len(self.events)

    def resume(self, state: MeetingState, undone: set[str], last_floor_event: str | None,
               until_checkpoint: int, count: int, seen: set[str],
               history: Callable[[], list[dict]], entries: set[tuple[str, str]],
               recent: dict[str, list[dict]]) -> None:
        """Start from a saved fold of `count` events; `recent`: the events of its last actions
        (known, but folded into the saved state)."""
        self.context.state = state
        self.version += 1
        self.undone = undone
        self.last_floor_event = last_floor_event
        self.until_checkpoint = min(until_checkpoint, self.checkpoint_every)
        self.resumed_count = count
        self.seen = seen  # the caller's own set (a week of ids: never copied again)
        self.history = history
        self.resumed_entries = entries
        self.by_action = dict(recent)
        self.older_actions = set(recent)
        self.older_events = [e for events in recent.values() for e in events]
        # An undo of what came after refolds from here, never from an empty state.
        self.checkpoints = [(0, state.checkpoint())]

    def recent_actions(self, count: int) -> dict[str, list[dict]]:
        """The events of the last `count` actions still to be undone, by action."""
        return {a: self.by_action[a] for a in self.context.state.actions[-count:]
                if a in self.by_action}

    def _read_history(self) -> int:
        """An undo reaches back past the saved state: read the events it was folded from and
        keep them, as if folded here; returns how many were put before `events`."""
        history, self.history = self.history, None
        assert history is not None
        older = history()[: self.resumed_count]
        self.resumed_count, self.resumed_entries = 0, set()
        self.older_actions, self.older_events = set(), []
        self.events[:0] = older
        by_action: dict[str, list[dict]] = {}
        for event in self.events:
            action = event.get("action")
            if action:
                by_action.setdefault(action, []).append(event)
        self.by_action = by_action
        self.checkpoints = []  # the next refold starts from the first event
        return len(older)

    def action_events(self, action: str) -> list[dict]:
        """The events of one action (for describing what an undo takes back)."""
        return list(self.by_action.get(action, ()))

    # -- undo, the decision ----------------------------------------------------------------

    def undo(self, confirmed: bool, describe: Callable[[list[dict]], str]) -> list[dict]:
        """Take back the last action (recorded as an `undo` event, history is kept).

        An action another console made is taken back only when `confirmed`: otherwise
        `AskAgain` says whose it is (`describe` tells what the action was).
        """
        context = self.context
        if not context.state.actions:
            raise Refused("Nothing to undo")
        action = context.state.actions[-1]
        if not confirmed:
            self._refuse_others_action(action, describe)
        return Action(context).add(Undo(action)).events

    def _refuse_others_action(self, action: str, describe: Callable[[list[dict]], str]) -> None:
        events = self.action_events(action)
        console = events[0].get("console") if events else None
        if console is None or console == self.context.console.id:
            return  # this console's own (or recorded before consoles were named)
        first = events[0]
        where = f"on {first.get('host') or 'another host'}"
        at = ev.event_time(first).astimezone(ZoneInfo(self.context.agenda.event.timezone))
        role = "chair" if first.get("role") == "moderator" else str(first.get("role", ""))
        raise AskAgain(f"The last action ({describe(events)}) was made on another "
                       f"{role} console ({where}, {at:%H:%M})", "undo it", action)

    # -- folding ---------------------------------------------------------------------------

    def apply_all(self, events: Iterable[dict]) -> None:
        """Fold events in order; each id once. An undo refolds once, at the end of the batch.

        A bulk fold (opening a day's record) is the caller's to run with the garbage collector
        paused (the session layer's opening does): everything it makes is kept.
        """
        # Locals: this loop folds a whole day's events when a console opens.
        seen, applied, by_action = self.seen, self.events, self.by_action
        until, unfolded, undone_ever = self.until_checkpoint, None, self.undone
        fold = self._fold  # (a bound method, looked up once: a test may count through it)
        undone: set[str] = set()
        for event in events:
            event_id = event.get("id")
            if event_id in seen:
                continue
            seen.add(event_id)
            applied.append(event)
            if is_floor_event(event):
                self.last_floor_event = event_id
            action = event.get("action")
            if action:
                group = by_action.get(action)
                if group is None:
                    by_action[action] = [event]
                else:
                    group.append(event)
            if event.get("type") == ev.UNDO and event.get("v", ev.EVENT_VERSION) <= Undo.VERSION:
                if unfolded is None:
                    unfolded = len(applied) - 1  # the rest of the batch waits for the refold
                undone_ever.add(event.get("undoes", ""))
                undone.add(event.get("undoes", ""))
            elif unfolded is None:
                if action not in undone_ever and (why := fold(event)) is not None:
                    self._report(event, why)
                until -= 1
                if not until:
                    self._checkpoint(len(applied))
                    until = self.checkpoint_every
        self.until_checkpoint = until
        if unfolded is not None:
            self._refold(undone, unfolded)
        self.version += 1

    def _fold(self, event: dict) -> str | None:
        return fold_event(self.context, self.context.state, event)

    def _report(self, event: dict, why: str) -> None:
        """An event kept but not folded: counted, and logged the first time of its kind."""
        version = event.get("v", ev.EVENT_VERSION)
        kind = f"{event.get('type')!s} v{version} ({why})"
        if kind not in self.unfolded:
            log.warning("%s: event %s kept but not folded (%s)", kind, event.get("id"), why)
        self.unfolded[kind] = self.unfolded.get(kind, 0) + 1

    def _checkpoint(self, at: int) -> None:
        self.checkpoints.append((at, self.context.state.checkpoint()))
        if len(self.checkpoints) > 2 * self.dense_checkpoints:
            # Older checkpoints thin out (every other one), so their spacing grows with age.
            old = self.checkpoints[: -self.dense_checkpoints]
            self.checkpoints[: -self.dense_checkpoints] = old[::2]

    def _refold(self, undone: set[str], unfolded: int) -> None:
        """Fold again without the undone actions, from the last checkpoint before the first.

        `unfolded`: the first event not folded yet (the batch's first undo).
        """
        if self.history is not None and any(a not in self.by_action or a in self.older_actions
                                            for a in undone):
            unfolded += self._read_history()
        start = self._first_of(undone, unfolded)
        while self.checkpoints and self.checkpoints[-1][0] > start:
            self.checkpoints.pop()
        at, self.context.state = 0, MeetingState()
        if self.checkpoints:
            at, checkpoint = self.checkpoints[-1]
            self.context.state = checkpoint.restore()
        until = self.checkpoint_every
        for event in self.events[at:]:
            at += 1
            if event.get("type") == ev.UNDO and event.get("v", ev.EVENT_VERSION) <= Undo.VERSION:
                self._resume_after(event)
            elif event.get("action") not in self.undone:
                why = self._fold(event)
                if why is not None and at > unfolded:  # folded here for the first time
                    self._report(event, why)
                self.refolded += 1
            until -= 1
            if not until:
                self._checkpoint(at)
                until = self.checkpoint_every
        self.until_checkpoint = until

    def _resume_after(self, undo: dict) -> None:
        """The speaker an undone action took the floor from speaks again from the undo on.

        Someone else held the floor in between: that time is paused time for the speaker who
        gets it back, never their speaking time (an undone `n` would otherwise charge them).
        """
        state = self.context.state
        at = place(state, undo, ev.event_time(undo))
        holder = state.floor
        taken = self.by_action.get(undo.get("undoes", ""), [])
        if holder is None or holder.running_since is None or not taken:
            return
        typed = [read_event(e) for e in taken]
        if not any((isinstance(e, FloorEnded) and e.intervention_id == holder.id)
                   or (isinstance(e, FloorGiven) and e.suspends == holder.id) for e in typed):
            return
        # From the later of the undone action and the timer's start: steady within a boot.
        gap = min(elapsed(taken[0], undo), (at - holder.running_since).total_seconds())
        if gap > 0:
            holder.running_since += timedelta(seconds=gap)
            holder.paused_banked += gap

    def _first_of(self, actions: set[str], before: int) -> int:
        """Where the earliest of these actions starts in `events` (else `before`).

        Searched backwards from `before`: the cost is what happened since, like the refold's.
        """
        firsts = {id(self.by_action[a][0]) for a in actions if a in self.by_action}
        start = before
        for index in range(before - 1, -1, -1):
            if not firsts:
                break
            if id(self.events[index]) in firsts:
                firsts.discard(id(self.events[index]))
                start = index
        return start
