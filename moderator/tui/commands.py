"""Every action of the console, declared once: its key binding, footer text and palette entry."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Literal

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

# Where an action lives: the app (everywhere), the console screen, the focused list of
# speakers, the rapporteur's console, or a focused list of notes.
Scope = Literal["app", "console", "speakers", "rapporteur", "notes"]


@dataclass(frozen=True, slots=True)
class Action:
    name: str  # the `action_<name>` method
    keys: str  # Textual key names, comma-separated
    label: str  # short, for the footer
    help: str  # a sentence, for the palette and the help screen
    scope: Scope
    key_display: str | None = None
    show: bool = True  # in the footer
    group: str | None = None  # actions of one group share a label in the footer ("+- Time")

    @property
    def binding(self) -> Binding:
        group = Binding.Group(self.group, compact=True) if self.group else None
        return Binding(self.keys, self.name, self.label, show=self.show,
                       key_display=self.key_display, id=self.name, group=group)


# In the order of the footer and the help screen. The footer of an 80-column terminal holds the
# floor's keys, the time, the items, the list, undo and help; the rest are in help and palette.
ACTIONS: tuple[Action, ...] = (
    Action("toggle_timer", "space", "Timer", "Start, pause or resume the timer", "console"),
    Action("next_speaker", "n", "Next", "Give the floor to the next on the list", "console"),
    Action("finish", "f", "Finish", "Finish the intervention without giving the floor", "console"),
    Action("add_request", "a", "Add", "Add a request for the floor", "console"),
    Action("point_of_order", "o", "Order", "Add a point of order raised from the floor",
           "console"),
    Action("more_time", "plus", "+30s", "Add 30 seconds for the speaker", "console", "+",
           group="Time"),
    Action("less_time", "minus", "-30s", "Remove 30 seconds from the speaker", "console", "-",
           group="Time"),
    Action("set_speaker_limit", "equals_sign", "Limit",
           "Set the time limit of the speaker on the floor", "console", "=", show=False),
    Action("set_item_limit", "i", "Item limit",
           "Set the time limit per speaker for this agenda item", "console", show=False),
    Action("next_item", "right_square_bracket", "Item",
           "Finish this agenda item and start the next", "console", "]"),
    Action("previous_item", "left_square_bracket", "Previous item",
           "Finish this agenda item and go back to the previous one", "console", "[",
           show=False),
    Action("skip_item", "k", "Skip item",
           "Skip the next agenda item (ctrl+z takes it back)", "console", show=False),
    Action("toggle_list", "l", "List", "Close or reopen the list of speakers", "console"),
    Action("readd_last", "r", "Re-add last",
           "Put the last speaker (not a point of order) back at the top of the list", "console",
           show=False),
    Action("message_podium", "m", "Message", "Send a message to the podium, or clear it",
           "console", show=False),
    Action("undo", "ctrl+z", "Undo", "Undo the last floor action", "console"),
    Action("write_note", "ctrl+n", "Note", "Write a note on the current item", "console",
           show=False),
    Action("export", "e", "Export", "Export the summary (Word) beside the database", "console",
           show=False),
    Action("focus_speakers", "s", "Speakers", "Move the focus to the list of speakers",
           "console", show=False),
    Action("focus_log", "h", "History", "Move the focus to the speakers heard on this item "
           "(then ↑↓ scroll)", "console", show=False),
    Action("toggle_sitting", "p", "Suspend", "Suspend or resume the sitting (the timer pauses; "
           "the journal shows both times)", "console", show=False),
    Action("documents", "d,ctrl+o", "Documents", "Attach documents to the speaker (PC.DEL/447/12)",
           "console", show=False),
    Action("decision", "ctrl+r", "Decision", "Record a decision adopted under the item, with "
           "interpretative statements", "console", show=False),
    Action("cursor_up", "up", "Up", "Select the previous request", "speakers", "↑", show=False),
    Action("cursor_down", "down", "Down", "Select the next request", "speakers", "↓", show=False),
    # The footer is narrow: moving requests is in the help screen and the palette.
    Action("move_up", "shift+up", "Move up", "Move the selected request up", "speakers", "⇧↑",
           show=False),
    Action("move_down", "shift+down", "Move down", "Move the selected request down", "speakers",
           "⇧↓", show=False),
    Action("withdraw", "x", "Withdraw", "Withdraw the selected request", "speakers",
           show=False),
    Action("give_selected", "enter", "Give floor", "Give the floor to the selected request now",
           "speakers", show=False),
    # Control keys: letters are typed into the note and the editor takes F6 and F7.
    Action("documents", "ctrl+o", "Documents", "Attach documents to the speaker (PC.DEL/447/12)",
           "rapporteur"),
    Action("decision", "ctrl+r", "Decision", "Record a decision adopted under the item, with "
           "interpretative statements", "rapporteur"),
    # In a list of notes no key that types text acts: typing there goes to the note editor.
    Action("edit_note", "enter", "Edit", "Edit the selected note", "notes"),
    Action("move_note", "ctrl+g", "Move", "Move the selected note to another intervention",
           "notes"),
    Action("delete_note", "ctrl+d", "Delete", "Delete the selected note (ctrl+u restores it)",
           "notes"),
    Action("restore_note", "ctrl+u", "Restore", "Restore the note deleted last", "notes"),
    Action("note_history", "ctrl+l", "Revisions", "Show every revision of the selected note",
           "notes"),
    Action("help", "question_mark,f1", "Help", "Show every key", "app", "?"),
    Action("toggle_theme", "t", "Theme", "Switch between the light and the dark theme", "app",
           show=False),
)


def bindings(scope: Scope) -> list[Binding]:
    """The key bindings of one scope, for a `BINDINGS` class attribute."""
    return [action.binding for action in ACTIONS if action.scope == scope]


def shown_keys(action: Action) -> str:
    """The keys of an action as the help screen shows them."""
    names = {"question_mark": "?", "plus": "+", "minus": "-", "right_square_bracket": "]",
             "left_square_bracket": "[", "f1": "F1", "equals_sign": "="}
    keys = [names.get(key, key) for key in action.keys.split(",")]
    return " / ".join(keys)


class ActionCommands(Provider):
    """The command palette offers every action, by the same sentence as the help screen."""

    async def _run(self, action: Action) -> None:
        target = self.app if action.scope == "app" else self.screen
        if action.scope == "speakers":
            target = self.screen.query_one("SpeakersList")
        elif action.scope == "notes":
            target = self.screen.query_one("ItemNotes")
        await target.run_action(action.name)

    def _actions(self) -> list[Action]:
        # Each console offers its own actions; on a dialog the palette offers the app's.
        screen = self.screen.id
        own = {"console": ("console", "speakers"), "rapporteur": ("rapporteur",)}.get(screen or "", ())
        return [a for a in ACTIONS if a.scope == "app" or a.scope in own]

    async def discover(self) -> Hits:
        for action in self._actions():
            yield DiscoveryHit(action.help, partial(self._run, action), help=shown_keys(action))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for action in self._actions():
            score = matcher.match(action.help)
            if score > 0:
                yield Hit(score, matcher.highlight(action.help), partial(self._run, action),
                          text=action.help, help=shown_keys(action))
