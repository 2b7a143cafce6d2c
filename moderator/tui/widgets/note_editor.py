"""The note editor: multi-line, saved with ctrl+s, its text kept as a draft every second.

The note shows as saved only once the store holds it and the meeting has folded it (the link
tells the editor); a draft left by a crash, of a new note or of an edit, is offered back.

An edit is written on the revision the editor opened (`base`): saved, it is refused if the note
changed since, and the editor shows both texts (`NoteConflict`: keep mine, take theirs, merge
by hand). An edit left unchanged is never sent, and follows the note when another console
changes it. Escape leaves the editor and keeps what is in it, a new note or an edit alike.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from rich.text import Text
from textual.message import Message
from textual.timer import Timer
from textual.widgets import TextArea

from moderator.core import NoteTarget, Refused
from moderator.core.clock import local
from moderator.core.notes import EditConflict, Note
from moderator.store.drafts import Draft, DraftKeeper, edit_key
from moderator.tui.keys import bindings
from moderator.tui.live import SessionLink
from moderator.tui.screens.note_conflict import NoteConflict, Resolution
from moderator.tui.text import sanitise

# Well inside the promise that a crash loses at most 2 seconds of typing.
DRAFT_SECONDS = 1.0


class NoteEditor(TextArea):
    BINDINGS = bindings("note_editor")

    class Left(Message):
        """Escape: the screen moves the focus elsewhere."""

    class Saved(Message):
        """A note is on disk and folded: the lists show it (and scroll to it)."""

        def __init__(self, note_id: str) -> None:
            super().__init__()
            self.note_id = note_id

    class DraftsFound(Message):
        """The drafts a previous run left, read off the UI thread (None: there were none)."""

        def __init__(self, new: Draft | None, edit: tuple[str, Draft] | None) -> None:
            super().__init__()
            self.new, self.edit = new, edit

    def __init__(self, link: SessionLink, draft_key: str, **kwargs: Any) -> None:
        super().__init__(soft_wrap=True, tab_behavior="focus", **kwargs)
        # A steady cursor: blinking, it drew the rapporteur's whole frame twice a second while
        # nothing else moved (20 of the idle console's 35 frames in 10 s), on a laptop's battery.
        self.cursor_blink = False
        self.link = link
        # Drafts belong to the console that types them: `<slot>@<console id>`.
        self.slot = draft_key
        self.draft_key = f"{draft_key}@{link.meeting.console.id}"
        self.editing_note: Note | None = None
        # An edit's base: the revision it is written on, and the text that revision has.
        self.base: str | None = None
        self.opened_text = ""
        # Where the new note being typed belongs: fixed at its first keystroke.
        self.target: NoteTarget | None = None
        self.keeper: DraftKeeper | None = None
        # The text on its way to the store (None when no save is waiting).
        self._saving: str | None = None
        # Until the drafts of the last run are read, nothing is kept over them.
        self._recovering = False
        # What the last second of `_draft_tick` found; its timer, once mounted.
        self._at_rest: tuple | None = None
        self._drafting: Timer | None = None

    def on_mount(self) -> None:
        store = self.link.store
        if hasattr(store, "save_draft"):
            self.keeper = DraftKeeper(store, self.link.meeting.console.seat)  # type: ignore[arg-type]
            self._recovering = True
            # Claiming and reading take the store's lock: on a thread, never the UI's.
            self.run_worker(partial(self._find_drafts, store, self.keeper), thread=True,
                            group="drafts", exit_on_error=False)
        self._drafting = self.set_interval(DRAFT_SECONDS, self._draft_tick)
        self.show_target()
        if not self.border_subtitle:
            self._show_status("ctrl+s saves · escape leaves")

    def _claim(self, store: Any) -> None:
        """Take over the drafts of one console of this slot that is gone (a crash): the one
        that sat where this one sits, else the oldest. Once: they are this console's now."""
        presence = getattr(self.app, "presence", None)
        # Without a presence nobody can tell the living: only drafts kept before consoles
        # had ids are taken.
        alive = presence.is_alive if presence is not None else (lambda _console: True)
        try:
            store.claim_drafts(self.slot, self.link.meeting.console.id,
                               self.link.meeting.console.seat, alive)
        except Exception as error:  # the drafts stay where they are, for the next console
            logging.getLogger(__name__).warning("drafts not claimed: %s", error)

    def _find_drafts(self, store: Any, keeper: DraftKeeper) -> None:
        """On a worker thread: claim a gone console's drafts, read this console's, post them."""
        self._claim(store)
        new: Draft | None = None
        edit: tuple[str, Draft] | None = None
        try:
            new = keeper.recovered(self.draft_key)
            edit = None if new is not None else keeper.recovered_edit(self.draft_key)
        except Exception as error:  # the drafts stay in the store, for the next start
            logging.getLogger(__name__).warning("drafts not read: %s", error)
        self.post_message(self.DraftsFound(new, edit))

    def on_note_editor_drafts_found(self, found: DraftsFound) -> None:
        found.stop()
        self._recovering = False
        if self.keeper is not None:
            self._recover(self.keeper, found.new, found.edit)

    def _recover(self, keeper: DraftKeeper, recovered: Draft | None,
                 edit: tuple[str, Draft] | None) -> None:
        """Offer back what a previous run left unsaved: a new note's text, else an edit."""
        if recovered is not None:
            if self.text.strip() and self.editing_note is None:
                # Typed before the drafts were read: both texts stay, the old one first.
                recovered = Draft(recovered.key, f"{recovered.text}\n{self.text}", recovered.at)
            elif self.text.strip():
                self.keep_draft()
                return  # an edit under way: the draft stays in the store, not lost
            self._offer(recovered, "Unsaved text from the last run is back in the editor")
            return
        if edit is None or self.text.strip():
            self.keep_draft()
            return
        edited, draft = edit
        note_id, _, base = edited.partition("@")  # an edit's draft names its base
        note = self.link.meeting.note(note_id)
        keeper.discard(draft.key)  # kept again under the key of what it becomes below
        if note is None or note.deleted:
            # The note is gone: the text is offered as a new note rather than lost.
            self._offer(draft, "Unsaved text of an edit (its note is gone) is back as a new note")
            return
        self.open_note(note, focus=False)
        if base and base != note.revision:
            # Typed on a text that has changed since: saving it shows both texts.
            self._rebase(base, next((v.text for v in note.versions() if v.revision == base), ""))
        self._offer(draft, "Your unsaved edit of a note from the last run is back in the editor")

    def _offer(self, draft: Draft, words: str) -> None:
        self.load_text(draft.text)
        self.move_cursor(self.document.end)
        self.keep_draft()
        self._show_status("draft recovered · ctrl+s saves")
        self.app.notify(f"{words}: ctrl+s saves it, or clear it.", title="Draft recovered",
                        timeout=8)

    @property
    def current_draft_key(self) -> str:
        """Where the text being typed is kept: the new note's key, or the edited note's."""
        if self.editing_note is None:
            return self.draft_key
        return edit_key(self.draft_key, f"{self.editing_note.id}@{self.base}")

    def on_unmount(self) -> None:
        if self.keeper is not None:
            self.keep_draft()
            try:
                self.keeper.flush()
            except Exception as error:  # the draft is a safety net; closing goes on
                logging.getLogger(__name__).warning("draft not kept: %s", error)
            self.keeper.close()

    # A focus change is a natural pause in typing: keep the draft at once.
    def on_focus(self) -> None:
        self.keep_draft()

    def on_blur(self) -> None:
        self.keep_draft()

    def type_in(self, text: str) -> None:
        """Type `text` at the cursor, over the selection, as one edit (a burst of keys)."""
        if self.read_only or not text:
            return
        result = self.replace(text, *self.selection, maintain_selection_offset=False)
        self.move_cursor(result.end_location)

    def _draft_tick(self) -> None:
        """Each second the text is kept (`keep_draft`). A second that finds what the last one
        found (the text, where it is kept, the recovery) puts the timer to sleep until the text
        changes (`on_text_area_changed`): a console at rest is not woken by its editor each
        second. Where the text is kept changes only with the text or with a `keep_draft`."""
        self.keep_draft()
        found = (self.current_draft_key, self.text, self._recovering, self.keeper is None)
        if found == self._at_rest and self._drafting is not None:
            self._drafting.pause()
        self._at_rest = found

    def keep_draft(self) -> None:
        if self.keeper is not None and not self._recovering:
            if self.editing_note is not None and self.text == self.opened_text:
                self.keeper.keep(self.current_draft_key, "")  # an edit with no change: no draft
            else:
                self.keeper.keep(self.current_draft_key, self.text)

    # -- where the note goes -----------------------------------------------------------------

    def on_text_area_changed(self) -> None:
        if self._drafting is not None:
            self._drafting.resume()  # (kept at its next second)
        if self.editing_note is not None:
            return
        if not self.text.strip():
            self.target = None  # an empty editor belongs nowhere yet
        elif self.target is None:
            self.target = self.link.meeting.note_target()  # the first keystroke decides
        self.show_target()

    def action_retarget(self) -> None:
        """The note goes to whoever holds the floor now (or the current item)."""
        if self.editing_note is not None:
            self.app.notify("An edited note stays where it is: m in the list moves it.",
                            severity="warning")
            return
        self.target = self.link.meeting.note_target()
        self.show_target()

    def show_target(self) -> None:
        """The title says where the note goes: "New note → Austria · Statement · 14:02"; an
        edit left unchanged follows its note's text (the screens call this at every change)."""
        if self.editing_note is not None:
            self._follow_edit()
            return
        meeting = self.link.meeting
        target = self.target or meeting.note_target()
        title = f"New note → {describe_target(meeting, target)}"
        if self.target is None:
            title += " (when typing begins)"
        # A Text, never markup: names are shown as typed.
        if str(self.border_title) != title:
            self.border_title = Text(title)

    @property
    def unsaved(self) -> bool:
        """Something typed here would be lost if the editor took another note: a new note's
        text, or an edit's changes."""
        if self.editing_note is None:
            return bool(self.text.strip())
        return bool(self.text.strip()) and self.text != self.opened_text

    def open_note(self, note: Note, *, focus: bool = True) -> bool:
        """Load an existing note for editing, the cursor at its end; False when unsaved text
        is in the way (a new note's, or another edit's changes)."""
        if self.editing_note is not None and self.editing_note.id == note.id:
            if focus:
                self.focus()  # already open here, with whatever was typed in it
            return True
        if self.unsaved:
            what = "note you are typing" if self.editing_note is None else "edit of another note"
            self.app.notify(f"Save or clear the {what} first.", severity="warning")
            return False
        self._forget_edit()
        if self.keeper is not None:
            self.keeper.discard(self.draft_key)  # blank: nothing of a new note to keep
        self.editing_note = note
        self.base, self.opened_text = note.revision, note.text
        self.load_text(note.text)
        self.move_cursor(self.document.end)  # new words go after the text, not in front
        self.border_title = "Editing a note"
        self._show_status("ctrl+s saves · escape leaves (kept)")
        if focus:
            self.focus()
        return True

    def _rebase(self, base: str | None, text: str) -> None:
        """The edit is written on `base` now (its text `text`): its draft moves with it."""
        if self.keeper is not None and self.editing_note is not None:
            self.keeper.discard(self.current_draft_key)
        self.base, self.opened_text = base, text
        self.keep_draft()

    def _follow_edit(self) -> None:
        """An edit not changed here takes the note's new text when another console changes
        it: nothing typed is in the way, and saving it would only be refused."""
        note = self.link.meeting.note(self.editing_note.id) if self.editing_note else None
        if note is None or note.revision == self.base or self._saving is not None \
                or self.text != self.opened_text:
            return
        self.editing_note = note
        self._rebase(note.revision, note.text)
        self.load_text(note.text)
        self.move_cursor(self.document.end)
        self._show_status(f"changed by {sanitise(note.last_author)} · the new text is here")

    def _forget_edit(self) -> None:
        """The edit in progress is left (saved or abandoned): its draft goes."""
        if self.editing_note is not None and self.keeper is not None:
            self.keeper.discard(self.current_draft_key)

    def _end_edit(self) -> None:
        """Back to a new note, empty (the edit saved, unchanged or given up)."""
        self._forget_edit()
        self.editing_note, self.base, self.opened_text = None, None, ""
        self.border_title = "New note"
        self.target = None
        self.load_text("")
        self.show_target()

    def action_leave(self) -> None:
        # What is in the editor stays, a new note or an edit alike: its draft is kept.
        self.keep_draft()
        self.post_message(self.Left())

    def action_save(self) -> None:
        text, editing, base = self.text, self.editing_note, self.base
        if not text.strip() or self._saving is not None:
            return
        if editing is not None and text == self.opened_text:
            # Nothing changed: nothing is sent (it could only undo another's correction).
            self._end_edit()
            self._show_status("nothing changed · not sent")
            return
        meeting = self.link.meeting
        target = self.target or meeting.note_target()
        self._saving = text
        self._show_status("saving…")
        # retry: an edit overtaken by another console's is decided again on it, and refused
        # with both texts (`EditConflict`).
        self.link.run(
            lambda: meeting.edit_note(editing.id, text, base=base) if editing else
            meeting.add_note(text, intervention_id=target.intervention_id, item_id=target.item_id),
            on_recorded=self._recorded, retry=editing is not None,
        )

    def _recorded(self, events: list[dict], error: BaseException | None) -> None:
        """From the link, on the UI thread: the save is durable and folded, or it is not."""
        text, self._saving = self._saving, None
        if text is None or not self.is_mounted:
            return
        if error is None and events:
            self._saved(text, events[0]["note"])
            self.post_message(self.Saved(events[0]["note"]))
        elif isinstance(error, EditConflict) and self.editing_note is not None \
                and error.note_id == self.editing_note.id:
            self._show_status(f"changed meanwhile by {sanitise(error.by)} · not saved")
            self.app.push_screen(NoteConflict(error), self._resolved)
        elif isinstance(error, Refused) and self._edited_note_gone():
            # Deleted meanwhile (by the other console, say): the text becomes a new note
            # rather than an edit nobody would see, and it stays in the editor.
            self._forget_edit()
            self.editing_note, self.base, self.opened_text = None, None, ""
            self.border_title = "New note"
            self.keep_draft()
            self._show_status("its note was deleted · ctrl+s saves this as a new note")
        else:
            # Refused, unchanged, or the store failed: the text stays in the editor.
            self._show_status("not saved" if error is not None else "nothing to save")

    def _resolved(self, resolution: Resolution | None) -> None:
        """The rapporteur's choice after a conflict (None: later; their text stays here)."""
        note = self.link.meeting.note(self.editing_note.id) if self.editing_note else None
        if note is None:
            return
        if resolution is None:
            self._show_status("changed meanwhile · ctrl+s shows both texts again")
        elif resolution is Resolution.KEEP_MINE:
            # Seen now: mine goes over theirs, written on their revision.
            self._rebase(note.revision, note.text)
            self.action_save()
        elif resolution is Resolution.TAKE_THEIRS:
            self._end_edit()
            self._show_status(f"took {sanitise(note.last_author)}'s text · yours not saved")
            self.post_message(self.Saved(note.id))  # the list shows it, selected
        else:
            mine = self.text
            self.editing_note = note
            self._rebase(note.revision, note.text)
            self.load_text(f"{note.text}\n\n{mine}")
            self.move_cursor(self.document.end)
            self.keep_draft()
            self._show_status("both texts here: merge them · ctrl+s saves")
            self.focus()

    def _edited_note_gone(self) -> bool:
        if self.editing_note is None:
            return False
        note = self.link.meeting.note(self.editing_note.id)
        return note is None or note.deleted

    def _saved(self, text: str, note_id: str) -> None:
        # Keep what was typed while the store was writing.
        rest = self.text[len(text):].lstrip() if self.text.startswith(text) else self.text
        if self.editing_note is not None:
            self._forget_edit()
            self.editing_note, self.base, self.opened_text = None, None, ""
            self.border_title = "New note"
        self.target = None  # what is typed next belongs where the floor is then
        self.load_text(rest)
        self.move_cursor(self.document.end)
        if self.keeper is not None:
            if rest:
                self.keeper.keep(self.draft_key, rest)
            else:
                self.keeper.discard(self.draft_key)
        meeting = self.link.meeting
        now = local(meeting.now(), meeting.agenda.event.timezone)
        # Said of the note just saved, not of the next one being typed; where it went, when
        # that is no longer where the floor is (its item closed meanwhile, say).
        words = f"note saved {now:%H:%M:%S}"
        note = meeting.note(note_id)
        item = meeting.current_item()
        if note is not None and note.item_id != (item.id if item else None):
            where = describe_target(meeting, NoteTarget(note.item_id, note.intervention_id))
            words += f" → {where}, not the item in progress"
        self._show_status(words)

    def _show_status(self, words: str) -> None:
        self.border_subtitle = words


def describe_target(meeting: Any, target: NoteTarget) -> str:
    """"Austria · Statement · 14:02", or the item as a whole, as the editor's title says it."""
    if target.intervention_id is not None:
        talk = meeting.intervention(target.intervention_id)
        if talk is not None:
            started = local(talk.started_at, meeting.agenda.event.timezone)
            return sanitise(f"{meeting.label_of(talk)} · {talk.kind.label} · {started:%H:%M}")
    found = meeting.agenda.find_item(target.item_id) if target.item_id else None
    if found is not None:
        return sanitise(f"{found[1].title} (the item as a whole)")
    return "the meeting in general (no item open)"
