"""Every key of every screen, declared once: its binding, footer text, palette entry and help.

A screen or widget binds its keys with `BINDINGS = bindings("<scope>")`; the help screen and the
command palette find them again from what the screen and its widgets bind (`declared_on`), so
neither can list a key that does not work there, nor miss one that does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen


@dataclass(frozen=True, slots=True)
class KeyAction:
    name: str  # the `action_<name>` method, with its arguments ("kind(0)"), or "app.help"
    keys: str  # Textual key names, comma-separated
    label: str  # short, for the footer
    help: str  # a sentence, for the palette and the help screen
    key_display: str | None = None
    show: bool = True  # in the footer
    group: str | None = None  # actions of one group share a label in the footer ("+- Time")
    priority: bool = False  # before the focused widget's keys, and on dialogs too

    def binding(self, scope: str) -> Binding:
        group = Binding.Group(self.group, compact=True) if self.group else None
        return Binding(self.keys, self.name, self.label, show=self.show,
                       key_display=self.key_display, id=f"{scope}.{self.name}", group=group,
                       priority=self.priority)


@dataclass(frozen=True, slots=True)
class Keys:
    """The keys one screen, widget or app binds, under the help screen's heading for them."""

    title: str
    actions: tuple[KeyAction, ...]
    # Keys the fields themselves handle (Enter in an input, Tab between fields): said in the
    # help, bound by Textual's widgets, not by this code.
    fields: tuple[tuple[str, str], ...] = field(default=())


HELP = "Show every key that works here"
# Dialogs take letters for typing: F1 is their help.
DIALOG_HELP = KeyAction("app.help", "f1", "Help", HELP, "F1", show=False)
CANCEL = KeyAction("dismiss(None)", "escape", "Cancel", "Cancel and close the dialog", show=False)
PALETTE = KeyAction("command_palette", "ctrl+p", "palette", "The command palette: every action "
                 "by name", show=False, priority=True)
QUIT = KeyAction("quit", "ctrl+q", "Quit", "Quit (everything is already saved)", show=False,
              priority=True)

# In the order of the footer and the help screen. The footer of an 80-column terminal holds the
# floor's keys, the time, the items, the list, undo and help; the rest are in help and palette.
CONSOLE = Keys("Console", (
    KeyAction("toggle_timer", "space", "Timer", "Start, pause or resume the timer"),
    KeyAction("next_speaker", "n", "Next", "Give the floor to the next on the list"),
    KeyAction("finish", "f", "Finish", "Finish the intervention without giving the floor"),
    KeyAction("add_request", "a", "Add", "Add a request for the floor"),
    KeyAction("point_of_order", "o", "Order", "Add a point of order raised from the floor"),
    KeyAction("more_time", "plus", "+30s", "Add 30 seconds for the speaker (during a break or a "
           "suspension: 5 minutes before the meeting resumes)", "+", group="Time"),
    KeyAction("less_time", "minus", "-30s", "Remove 30 seconds from the speaker (during a break "
           "or a suspension: the meeting resumes 5 minutes sooner)", "-", group="Time"),
    KeyAction("set_speaker_limit", "equals_sign", "Limit",
           "Set the time limit of the speaker on the floor (during a break or a suspension: "
           "the time the meeting resumes)", "=", show=False),
    KeyAction("set_item_limit", "i", "Item limit",
           "Set the time limit per speaker for this agenda item", show=False),
    KeyAction("next_item", "right_square_bracket", "Item",
           "Finish this agenda item and start the next (at the end of a day: adjourn; while "
           "adjourned: resume)", "]"),
    KeyAction("previous_item", "left_square_bracket", "Previous item",
           "Finish this agenda item and go back to the previous one", "[", show=False),
    KeyAction("skip_item", "k", "Skip item",
           "Skip the next agenda item (ctrl+z takes it back)", show=False),
    KeyAction("toggle_list", "l", "List", "Close or reopen the list of speakers"),
    KeyAction("readd_last", "r", "Re-add last",
           "Put the last speaker (not a point of order) back at the top of the list",
           show=False),
    KeyAction("message_podium", "m", "Message", "Send a message to the podium, or clear it",
           show=False),
    KeyAction("undo", "ctrl+z", "Undo", "Undo the last floor action"),
    KeyAction("write_note", "ctrl+n", "Note", "Write a note on the current item", show=False),
    KeyAction("export", "e", "Export", "Export the summary (Word) beside the database",
           show=False),
    KeyAction("focus_speakers", "s", "Speakers", "Move the focus to the list of speakers",
           show=False),
    KeyAction("focus_log", "h", "History",
           "Move the focus to the speakers heard on this item (then ↑↓ scroll)", show=False),
    KeyAction("toggle_sitting", "p", "Suspend", "Suspend the sitting, saying when it resumes if "
           "you wish, or resume it (the timer pauses; the journal shows both times)",
           show=False),
    KeyAction("documents", "d,ctrl+o", "Documents",
           "Attach documents to the speaker (PC.DEL/447/12)", show=False),
    KeyAction("decision", "ctrl+r", "Decision", "Record a decision adopted under the item, with "
           "interpretative statements", show=False),
), fields=(("Tab / shift+Tab", "Move the focus: list of speakers, speakers heard, notes"),))

# The delegations' requests from their own links, and the lists opened ahead of time: the keys
# of the console's strip of pending requests (tui/screens/requests_keys.py).
REQUESTS = Keys("Delegations' requests", (
    # Not in the footer: the strip of pending requests says its keys while it is shown.
    KeyAction("accept_request", "y", "Accept",
              "Accept the request that has awaited your approval longest: it joins the list at "
              "the place its time of request gives it", show=False),
    KeyAction("decline_request", "w", "Decline",
              "Decline the request that has awaited your approval longest, with a reason the "
              "delegation's phone shows", show=False),
    KeyAction("request_ahead", "A", "Later item",
              "Add a request to a later agenda item's list (opened ahead of time)", show=False),
    KeyAction("mark_remote", "v", "Remote",
              "Mark the delegation of the selected request as following remotely, or in the "
              "room again", show=False),
))
DECLINE = Keys("Decline a request (w)", (CANCEL, DIALOG_HELP), fields=(
    ("Enter", "Decline it with the reason typed (its delegation's phone shows it)"),))
LATER_ITEM = Keys("A later item's list (A)", (CANCEL, DIALOG_HELP), fields=(
    ("↑ / ↓", "Choose a later agenda item"), ("Enter", "Add a request to its list")))

SPEAKERS = Keys("List of speakers (focused)", (
    KeyAction("cursor_up", "up", "Up", "Select the previous request", "↑", show=False),
    KeyAction("cursor_down", "down", "Down", "Select the next request", "↓", show=False),
    # The footer is narrow: moving requests is in the help screen and the palette.
    KeyAction("move_up", "shift+up", "Move up", "Move the selected request up", "⇧↑", show=False),
    KeyAction("move_down", "shift+down", "Move down", "Move the selected request down", "⇧↓",
           show=False),
    KeyAction("withdraw", "x", "Withdraw", "Withdraw the selected request"),
    KeyAction("correct", "c", "Correct",
           "Correct the selected request: its kind, the name, on behalf of, the alignment"),
    KeyAction("give_selected", "enter", "Give floor", "Give the floor to the selected request now",
           "⏎"),
))

# Control keys: letters are typed into the note and the editor takes F6 and F7.
RAPPORTEUR = Keys("Rapporteur's console", (
    KeyAction("search", "ctrl+f", "Search",
           "Search the notes: words and #tags (Enter goes to the notes found)"),
    KeyAction("new_note", "ctrl+n", "Write", "Write a new note (the focus goes to the editor)"),
    KeyAction("close_search", "escape", "Close search",
           "Close the search and list the current item's notes again", show=False),
    KeyAction("documents", "ctrl+o", "Documents", "Attach documents to the speaker (PC.DEL/447/12)"),
    KeyAction("decision", "ctrl+r", "Decision", "Record a decision adopted under the item, with "
           "interpretative statements"),
))

NOTE_EDITOR = Keys("Note editor (focused)", (
    # Not a priority binding: it must come after the keys typed before it, in order.
    KeyAction("save", "ctrl+s", "Save note", "Save the note (it shows as saved once on disk)"),
    KeyAction("retarget", "ctrl+t", "To current speaker",
           "The note goes to whoever has the floor now"),
    KeyAction("leave", "escape", "Leave editor",
              "Leave the editor (what is typed stays there, kept as a draft)"),
), fields=(("ctrl+z / ctrl+y", "Undo / redo typing"),))

# In a list of notes no key that types text acts: typing there goes to the note editor.
NOTES = Keys("List of notes (focused)", (
    KeyAction("edit_note", "enter", "Edit", "Edit the selected note"),
    KeyAction("move_note", "ctrl+g", "Move", "Move the selected note to another intervention"),
    KeyAction("delete_note", "ctrl+d", "Delete", "Delete the selected note (ctrl+u restores it)"),
    KeyAction("restore_note", "ctrl+u", "Restore", "Restore the note deleted last"),
    KeyAction("note_history", "ctrl+l", "Revisions", "Show every revision of the selected note"),
))

# Moving in a list of entries (the list of notes is one): the keys of `widgets/listing.py`.
LISTING = Keys("Moving in the list (focused)", (
    KeyAction("cursor_down", "down", "Down", "Highlight the next entry", "↓", show=False),
    KeyAction("cursor_up", "up", "Up", "Highlight the previous entry", "↑", show=False),
    KeyAction("first", "home", "First", "Highlight the first entry", "Home", show=False),
    KeyAction("last", "end", "Last", "Highlight the last entry", "End", show=False),
    KeyAction("page_down", "pagedown", "Page down", "Highlight an entry a page further down",
           "PgDn", show=False),
    KeyAction("page_up", "pageup", "Page up", "Highlight an entry a page further up", "PgUp",
           show=False),
))

APP = Keys("Everywhere", (
    KeyAction("help", "question_mark,f1", "Help", HELP, "?"),
    KeyAction("toggle_theme", "t", "Theme", "Switch between the light and the dark theme",
           show=False),
    PALETTE,
    QUIT,
))
# The rapporteur types letters and `?` into the note: F1 is the help. Not in the footer, full
# at 120 columns: the palette shown there lists it.
RAPPORTEUR_APP = Keys("Everywhere", (KeyAction("help", "f1", "Help", HELP, "F1", show=False),
                                     PALETTE, QUIT))
CLOCK_APP = Keys("Everywhere", (
    KeyAction("quit", "q,ctrl+q", "Quit", "Quit the clock (it only reads the meeting)"),
    KeyAction("help", "question_mark,f1", "Help", HELP, "?", show=False),
    PALETTE,
))

ADD_REQUEST = Keys("Request for the floor (a, o)", (
    KeyAction("kind(0)", "f2", "Statement", "Make it a statement"),
    KeyAction("kind(1)", "f3", "Point of order", "Make it a point of order"),
    KeyAction("kind(2)", "f4", "Right of reply", "Make it a right of reply"),
    KeyAction("kind(3)", "f5", "Question", "Make it a question"),
    KeyAction("force", "f6", "Add to the closed list",
           "Add to a closed list (the chair's discretion)", show=False),
    KeyAction("highlight(-1)", "up", "Previous", "Highlight the previous name that matches", "↑",
           show=False),
    KeyAction("highlight(1)", "down", "Next", "Highlight the next name that matches", "↓",
           show=False),
    CANCEL,
    DIALOG_HELP,
), fields=(("Tab", "On behalf of (a group, e.g. EU), then in alignment with (e.g. AL, GE)"),
           ("Enter", "Add the highlighted name, or a guest when nobody matches")))
SET_LIMIT = Keys("Time limit (=, i)", (CANCEL, DIALOG_HELP), fields=(
    ("Enter", "Set the limit typed: 3 (minutes), 2:30 or 90s"),))
SET_TIME = Keys("When the meeting resumes (=, p)", (CANCEL, DIALOG_HELP), fields=(
    ("Enter", "Set the time typed: 15:00, Friday 09:30, or minutes from now (20)"),))
ADJOURN = Keys("The end of the day (])", (
    KeyAction("open_next", "f2", "Open the next item",
           "Open the next day's first item now, without adjourning"),
    CANCEL,
    DIALOG_HELP,
), fields=(("Enter", "Adjourn the meeting until the time shown, or the day and time typed"),))
PODIUM_MESSAGE = Keys("Message to the podium (m)", (
    KeyAction("highlight(-1)", "up", "Previous", "Highlight the previous message", "↑",
           show=False),
    KeyAction("highlight(1)", "down", "Next", "Highlight the next message", "↓", show=False),
    CANCEL,
    DIALOG_HELP,
), fields=(("Enter", "Send the text typed, else the highlighted message (or clear it)"),))
DOCUMENTS = Keys("Documents (d, ctrl+o)", (CANCEL, DIALOG_HELP), fields=(
    ("Enter", "Save the symbols typed, separated by commas"),))
DECISION = Keys("Decision (ctrl+r)", (CANCEL, DIALOG_HELP), fields=(
    ("Tab / shift+Tab", "Number, symbol, subject, interpretative statements"),
    ("Enter", "Record the decision")))
MOVE_NOTE = Keys("Move a note (ctrl+g)", (
    KeyAction("highlight(-1)", "up", "Previous", "Highlight the previous item or intervention",
           "↑", show=False),
    KeyAction("highlight(1)", "down", "Next", "Highlight the next item or intervention", "↓",
           show=False),
    CANCEL,
    DIALOG_HELP,
), fields=(("letters", "Filter by item, session or speaker"),
           ("Enter", "Move the note to the highlighted item or intervention")))
NOTE_HISTORY = Keys("Revisions of a note (ctrl+l)", (
    KeyAction("dismiss", "escape,ctrl+l", "Close", "Close the revisions", show=False),
    DIALOG_HELP,
), fields=(("↑ / ↓ / PgUp / PgDn", "Choose a version"),
           ("Enter", "Make the chosen version the note's text again (a new revision)")))
NOTE_CONFLICT = Keys("A note changed meanwhile (ctrl+s)", (
    KeyAction("keep_mine", "k", "Keep yours", "Keep your text: save it over theirs"),
    KeyAction("take_theirs", "t", "Take theirs", "Take their text: yours is not saved"),
    KeyAction("merge", "m", "Merge", "Merge by hand: both texts go in the editor, to save"),
    KeyAction("dismiss(None)", "escape", "Later",
              "Decide later: your text stays in the editor", show=False),
    DIALOG_HELP,
))
HELP_SCREEN = Keys("This help", (
    KeyAction("dismiss", "escape,q,question_mark,f1", "Close", "Close this help", show=False),
), fields=(("↑ / ↓ / PgUp / PgDn", "Scroll the help"),))

SCOPES: dict[str, Keys] = {
    "app": APP, "rapporteur_app": RAPPORTEUR_APP, "clock_app": CLOCK_APP,
    "console": CONSOLE, "speakers": SPEAKERS, "rapporteur": RAPPORTEUR,
    "note_editor": NOTE_EDITOR, "notes": NOTES, "listing": LISTING,
    "add_request": ADD_REQUEST, "set_limit": SET_LIMIT, "set_time": SET_TIME,
    "adjourn": ADJOURN, "podium_message": PODIUM_MESSAGE,
    "documents": DOCUMENTS, "decision": DECISION, "move_note": MOVE_NOTE,
    "note_history": NOTE_HISTORY, "note_conflict": NOTE_CONFLICT, "help": HELP_SCREEN,
    "requests": REQUESTS, "decline": DECLINE, "later_item": LATER_ITEM,
}


def bindings(scope: str) -> list[Binding]:
    """The key bindings of one scope, for a `BINDINGS` class attribute."""
    return [action.binding(scope) for action in SCOPES[scope].actions]


KEY_NAMES = {"question_mark": "?", "plus": "+", "minus": "-", "right_square_bracket": "]",
             "left_square_bracket": "[", "equals_sign": "=", "escape": "Escape",
             "enter": "Enter", "space": "space", "up": "↑", "down": "↓",
             "shift+up": "shift+↑", "shift+down": "shift+↓", "home": "Home", "end": "End",
             "pagedown": "PgDn", "pageup": "PgUp"}


def shown_keys(action: KeyAction) -> str:
    """The keys of an action as the help screen and the palette show them: "? / F1"."""
    keys = [KEY_NAMES.get(key) or (key.upper() if key[1:].isdigit() else key)
            for key in action.keys.split(",")]
    return " / ".join(keys)


def scopes_of(node: DOMNode) -> list[str]:
    """The scopes whose bindings `node`'s class (or a base of it) declares."""
    found: list[str] = []
    for cls in type(node).__mro__:
        for binding in cls.__dict__.get("BINDINGS", ()):
            scope = binding.id.split(".", 1)[0] if isinstance(binding, Binding) and \
                binding.id else None
            if scope in SCOPES and scope not in found:
                found.append(scope)
    return found


@dataclass(frozen=True, slots=True)
class Declared:
    """A section of keys as one screen has them: who binds them, and which of them work."""

    node: DOMNode
    keys: Keys
    actions: tuple[KeyAction, ...]


def declared_on(screen: Screen) -> Iterator[Declared]:
    """The keys that work on `screen`: its own, its widgets' (in order), then the app's; on a
    dialog only the app's priority keys reach past it (Textual stops the others there)."""
    seen: set[str] = set()
    for node in (screen, *screen.walk_children(with_self=False)):
        for scope in scopes_of(node):
            if scope not in seen:
                seen.add(scope)
                yield Declared(node, SCOPES[scope], SCOPES[scope].actions)
    app = screen.app
    for scope in scopes_of(app):
        actions = tuple(a for a in SCOPES[scope].actions
                        if a.priority or not screen.is_modal)
        if actions:
            yield Declared(app, SCOPES[scope], actions)
