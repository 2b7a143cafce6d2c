"""The official record from either console: the documents and decision dialogs, then the core."""

from __future__ import annotations

from textual.screen import Screen

from moderator.tui.live import SessionLink
from moderator.tui.screens.record_dialogs import DecisionDialog, DecisionDraft, DocumentsDialog


def edit_documents(screen: Screen, link: SessionLink) -> None:
    """Open the documents of the speaker on the floor (else the item's last one)."""
    meeting = link.meeting
    target = meeting.document_target()
    if target is None:
        screen.notify("Nobody has spoken yet on this item: documents go with a speaker",
                      severity="warning", markup=False)
        return
    item_id, intervention_id = target
    speaker = meeting.intervention(intervention_id) if intervention_id else None
    whose = meeting.label_of(speaker) if speaker else "the item"
    attached = meeting.attached_documents(intervention_id, item_id)
    noted = tuple(s for s in (meeting.documents(intervention_id) if intervention_id else ())
                  if s not in attached)

    def save(symbols: list[str] | None) -> None:
        if symbols is not None:
            link.run(lambda: meeting.set_documents(symbols, intervention_id=intervention_id,
                                                   item_id=item_id), announce=True)

    screen.app.push_screen(DocumentsDialog(whose, attached, noted), save)


def record_decision(screen: Screen, link: SessionLink) -> None:
    """Record a decision adopted under the current item (else the last one held)."""
    meeting = link.meeting
    found = meeting.agenda.find_item(meeting.state.current_item or meeting.state.last_item or "")
    if found is None:
        screen.notify("Open an agenda item first: a decision is adopted under an item",
                      severity="warning", markup=False)
        return
    item = found[1]

    def save(draft: DecisionDraft | None) -> None:
        if draft is not None:
            link.run(lambda: meeting.adopt_decision(
                draft.text, number=draft.number, symbol=draft.symbol, item_id=item.id,
                statements=draft.statements), announce=True)

    screen.app.push_screen(DecisionDialog(meeting.roster, item.heading), save)
