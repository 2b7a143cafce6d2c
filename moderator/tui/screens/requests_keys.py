"""The chair's keys for the delegations' requests (tui/keys.py: REQUESTS), on the console: the
strip of pending requests (`y` accepts the first, `w` declines it with a reason), a request on a
later item's list (`A`), and the remote mark of the selected request's delegation (`v`).

A part of the console screen of its own (its keys and actions together), so that the console
only composes the strip and shows it."""

from __future__ import annotations

from textual.dom import DOMNode

from moderator.core import Refused
from moderator.core.model import InterventionKind
from moderator.core.speakers_list import main_kind
from moderator.tui.keys import bindings
from moderator.tui.screens.add_request import RequestDraft
from moderator.tui.screens.decline import DeclineRequest
from moderator.tui.screens.later_item import LaterItem
from moderator.tui.widgets.speakers import SpeakersPanel


class DelegationRequestKeys(DOMNode):
    """Mixed into the console screen (which has `meeting`, `run_command`, `_add_dialog`, `app`,
    `notify`); a
    DOMNode, for Textual gathers the bindings of those bases only."""

    BINDINGS = bindings("requests")

    def action_accept_request(self) -> None:
        self.run_command(self.meeting.accept_request, announce=True, again="y")

    def action_decline_request(self) -> None:
        pending = self.meeting.pending_requests()
        if not pending:
            self.notify("No request awaits your approval", severity="warning", markup=False)
            return
        first = pending[0]
        what = (f"Decline the request of {self.meeting.label_of(first)} "
                f"({first.kind.label.lower()})? The reason goes to its phone.")
        self.app.push_screen(DeclineRequest(what), self._decline)

    def _decline(self, reason: str | None) -> None:
        if reason is not None:
            self.run_command(lambda: self.meeting.decline_request(reason), announce=True,
                             again="w")

    def action_request_ahead(self) -> None:
        later = self.meeting.later_items()
        if not later:
            self.notify("No agenda item is still to come", severity="warning", markup=False)
            return
        self.app.push_screen(LaterItem(later, self.meeting.waiting_ahead()), self._ahead_on)

    def _ahead_on(self, item_id: str | None) -> None:
        found = self.meeting.agenda.find_item(item_id or "")
        if found is None:
            return
        meeting, item = self.meeting, found[1]

        def request(draft: RequestDraft) -> list[dict]:
            return meeting.request_ahead(item.id, draft.who, draft.kind, guest=draft.guest,
                                         on_behalf=draft.on_behalf, alignment=draft.alignment,
                                         force=draft.force)

        def refusal(draft: RequestDraft) -> str | None:
            try:
                request(draft)
            except Refused as refused:
                return str(refused)
            return None

        def add(draft: RequestDraft | None) -> None:
            if draft is not None:
                self.run_command(lambda: request(draft), announce=True, retry=True)

        self.app.push_screen(self._add_dialog(main_kind(item), refusal), add)

    def action_mark_remote(self) -> None:
        selected = self.query_one(SpeakersPanel).selected
        roster = self.meeting.roster
        if selected is None or selected.kind is InterventionKind.SCHEDULED or \
                selected.who not in roster.delegations:
            self.notify("Select a delegation's request on the list (s, then ↑ ↓): v marks it "
                        "as following remotely", severity="warning", markup=False)
            return
        remote = selected.who not in self.meeting.remote_delegations()
        who = selected.who
        self.run_command(lambda: self.meeting.mark_remote(who, remote), announce=True)
