"""The `a` dialog: type a delegation or speaker (accents optional), choose the kind, Enter adds.

The same dialog corrects a request waiting on the list (`c` there): it opens with what the
request holds. A name that matches nobody on the roster asks once before it is added as a
guest, as typed. What keeps a request from being added is said in the dialog itself, with what
was typed, and goes with it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from moderator.core.model import InterventionKind, Roster
from moderator.core.search import match_names
from moderator.core.views import Request
from moderator.tui.keys import bindings
from moderator.tui.screens.typed_first import TypedBeforeFocus
from moderator.tui.text import plain, sanitise
from moderator.tui.widgets.problem import ProblemLine

KINDS = (InterventionKind.STATEMENT, InterventionKind.POINT_OF_ORDER,
         InterventionKind.RIGHT_OF_REPLY, InterventionKind.QUESTION)
GUEST = "guest:"  # option id prefix of the free-text guest


def kinds_line(chosen: InterventionKind, width: int = 0) -> Text:
    """The four kinds with their keys; the chosen one marked by a sign and in words, not by
    colour alone (a terminal without colour shows it as well). Narrower than `width`, on two
    lines, two kinds each: never a kind cut off."""
    parts = []
    for key, kind in enumerate(KINDS, 2):
        if kind is chosen:
            parts.append(Text(f"◉ F{key} {kind.label}", "bold reverse"))
        else:
            parts.append(Text(f"○ F{key} {kind.label}", "dim"))
    line = Text(" ").join(parts)
    if width and line.cell_len > width:
        line = Text("\n").join([Text(" ").join(parts[:2]), Text(" ").join(parts[2:])])
    return line


class KindsLine(Static):
    """The kinds (`kinds_line`), laid out for the width the dialog has."""

    def __init__(self, kind: InterventionKind, **kwargs) -> None:
        super().__init__(**kwargs)
        self.kind = kind

    def show(self, kind: InterventionKind) -> None:
        self.kind = kind
        self.refresh(layout=True)

    def render(self) -> Text:
        return kinds_line(self.kind, self.size.width)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(kinds_line(self.kind, width).split())


class NameInput(Input):
    """The name field; it remembers its text at the moment Enter was pressed, because keys
    typed right after Enter (the next `a`) reach the field before the submission is handled."""

    entered: str | None = None

    def on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            self.entered = self.value


@dataclass(frozen=True, slots=True)
class RequestDraft:
    who: str | None
    guest: str | None
    kind: InterventionKind
    on_behalf: str | None
    alignment: tuple[str, ...] = ()
    force: bool = False  # the chair adds to a closed list


class AddRequest(TypedBeforeFocus, ModalScreen[RequestDraft | None]):
    FIRST_FIELD = "#who"
    CSS_PATH = Path(__file__).with_name("add_request.tcss")
    # Function keys choose the kind without leaving the name: letters are for typing.
    BINDINGS = bindings("add_request")

    def __init__(self, roster: Roster, kind: InterventionKind = InterventionKind.STATEMENT,
                 *, closed: bool = False,
                 check: Callable[[RequestDraft], str | None] | None = None,
                 correcting: Request | None = None, label: str = "") -> None:
        super().__init__()
        self.roster = roster
        # The core's decision, asked before the dialog closes: a refused request keeps what was
        # typed, to be corrected (a group statement by a non-member, a duplicate, ...).
        self.check = check
        self.kind = correcting.kind if correcting is not None else kind
        self.closed = closed and correcting is None
        # The request corrected (`c` on the list), shown as `label`; None: a new request.
        self.correcting, self.label = correcting, label
        self._adding = False  # Enter twice in a row adds once
        self._guest_asked: str | None = None  # the name "add as guest?" was asked about

    async def made_ready(self, app: App) -> None:
        """Styled, composed and laid out at the app's size, not shown: as `push_screen` and the
        first frame would make it (Textual's own steps), so that its first showing is drawn in
        one frame, as every later one is."""
        app._load_screen_css(self)  # (what `push_screen` does first)
        _, mounted = app._get_screen(self)  # started: composed and mounted
        await mounted
        for _ in range(4):  # a layout's new sizes may ask for another (three at most seen)
            self._layout_required = False
            self._refresh_layout(app.size)
            await asyncio.sleep(0)  # what that layout asked for comes in
            if not self._layout_required:
                break
        self.set_focus(None)  # as when it closes: no cursor blinking unseen (`reopen` focuses)

    def _title(self) -> Text:
        if self.correcting is not None:
            return plain(f"Correct the request of {self.label}: kind, name, on behalf, "
                         "alignment")
        # `o` opens this dialog too: its title says which kind it starts with.
        what = "" if self.kind is InterventionKind.STATEMENT else f" ({self.kind.label.lower()})"
        return Text(f"Request for the floor{what}: name, id or alias (accents optional)")

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self._title(), id="title")
            yield NameInput(placeholder="e.g. turki", id="who", value=self._corrected_name())
            matches = OptionList(id="matches")
            matches.can_focus = False  # up/down reach it from the name; Tab goes on behalf
            yield matches
            # Tab goes from the name to "on behalf of", then to the alignment; F2-F5 choose the
            # kind from any field.
            request = self.correcting
            with Horizontal(id="group"):
                yield Input(placeholder="on behalf of (EU)", id="on-behalf",
                            value=(request.on_behalf or "") if request else "")
                yield Input(placeholder="in alignment with, e.g. AL, GE, MD", id="alignment",
                            value=", ".join(request.alignment) if request else "")
            yield KindsLine(self.kind, id="kind")
            force = Checkbox("F6: the list is closed; add anyway (the chair's discretion)",
                             id="force")
            force.display = self.closed  # (kept, hidden, for the dialog shown again)
            yield force
            yield ProblemLine(id="problem")  # what keeps the request from being added
            enter = "Enter corrects" if self.correcting is not None else "Enter adds"
            yield Label(f"{enter} · ↑↓ names · Tab: on behalf of, alignment · Esc cancels",
                        classes="hint")

    def _corrected_name(self) -> str:
        """The name the corrected request holds: a guest's as typed, else the roster's."""
        request = self.correcting
        if request is None:
            return ""
        return request.guest or self.roster.name_of(request.who or "")

    def on_mount(self) -> None:
        field = self.query_one("#who", Input)
        field.focus()
        if self.correcting is not None:
            field.select_all()
            self._suggest_for(field.value)  # what the request's name matches, as if typed

    def reopen(self, roster: Roster, kind: InterventionKind, *, closed: bool,
               check: Callable[[RequestDraft], str | None] | None) -> None:
        """Ready to be shown again for a new request, as a new dialog opens: nothing typed, no
        match, nothing said, `kind` chosen, the name focused. (Composed, styled and laid out
        once, the dialog shows in one frame: a new one took three, two layouts and its
        console blended under it twice, 50-75 ms of each `a`.)"""
        assert self.correcting is None, "a correction's dialog is made for its request"
        retitled = kind is not self.kind
        self.roster, self.kind, self.closed, self.check = roster, kind, closed, check
        self._adding, self._guest_asked = False, None
        if retitled:
            self.query_one("#title", Label).update(self._title())
            self.query_one("#kind", KindsLine).show(kind)
        # Only what differs is changed: each change is a refresh, some a layout.
        who = self.query_one("#who", NameInput)
        who.entered = None
        for field in self.query("#who, #on-behalf, #alignment").results(Input):
            if field.value:
                field.value = ""
        matches = self.query_one("#matches", OptionList)
        if matches.option_count:
            matches.clear_options()
        force = self.query_one("#force", Checkbox)
        force.value = False
        if force.display != closed:
            force.display = closed
        self.say("")
        self.set_focus(who)

    def on_screen_suspend(self) -> None:
        # Closed, the dialog keeps no focus: a focused field's cursor would blink on, unseen.
        # (Not when it is shown again already, the close told late: `reopen` focused the name.)
        if self.app.screen is not self:
            self.set_focus(None)

    def say(self, problem: str) -> None:
        """Why the request cannot be added yet, in the dialog, until what was typed changes."""
        self.query_one(ProblemLine).say(problem)

    @on(Input.Changed)
    def _changed(self) -> None:
        self.say("")  # what was said is about what was typed before

    @on(Input.Changed, "#who")
    def _suggest(self, event: Input.Changed) -> None:
        self._suggest_for(event.value)

    def _suggest_for(self, typed: str) -> None:
        matches = self.query_one("#matches", OptionList)
        if matches.option_count:
            matches.clear_options()
        text = typed.strip()
        if not text:
            return
        for match in match_names(self.roster, text, limit=8):
            prompt = plain(match.name)
            prompt.append(f"  {match.ref}", "dim")
            matches.add_option(Option(prompt, id=f"{match.kind}:{match.ref}"))
        guest = Text("Add as a guest: ", style="italic")
        guest.append(sanitise(text))
        matches.add_option(Option(guest, id=GUEST))
        matches.highlighted = 0

    def action_highlight(self, step: int) -> None:
        matches = self.query_one("#matches", OptionList)
        if matches.option_count:
            current = matches.highlighted or 0
            matches.highlighted = max(0, min(matches.option_count - 1, current + step))

    def action_kind(self, index: int) -> None:
        self.kind = KINDS[index]
        self.query_one("#kind", KindsLine).show(self.kind)
        self.say("")

    def action_force(self) -> None:
        if self.closed:
            box = self.query_one("#force", Checkbox)
            box.value = not box.value
        self.say("")

    @on(OptionList.OptionSelected)
    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted | OptionList.OptionSelected) -> None:
        # Keys typed right after Enter may reach the name before this runs: take the name as
        # it was when Enter was pressed, and its best match unless the moderator chose another.
        who = self.query_one("#who", NameInput)
        typed = who.entered if isinstance(event, Input.Submitted) and event.input is who \
            else None
        if self._adding:
            return
        draft = self.draft(typed)
        if draft is None:
            return
        reason = self.check(draft) if self.check is not None else None
        if reason is not None:
            self.say(reason)
            return
        self._adding = True
        self.dismiss(draft)

    def draft(self, typed: str | None = None) -> RequestDraft | None:
        """What the dialog would add now, or None (with a reason shown) if it cannot."""
        current = self.query_one("#who", Input).value
        text = (current if typed is None else typed).strip()
        if not text:
            self.say("Type a delegation or a speaker first")
            return None
        matches = self.query_one("#matches", OptionList)
        chosen = matches.highlighted_option
        if typed is not None and typed != current:
            best = match_names(self.roster, text, limit=1)
            chosen = Option("", id=f"{best[0].kind}:{best[0].ref}") if best else None
        on_behalf = self._delegations(self.query_one("#on-behalf", Input).value, many=False)
        alignment = self._delegations(self.query_one("#alignment", Input).value, many=True)
        if on_behalf is None or alignment is None:
            return None
        kind = self.kind
        force = self.closed and self.query_one("#force", Checkbox).value
        ordinary = kind in (InterventionKind.STATEMENT, InterventionKind.QUESTION)
        if self.closed and ordinary and not force:
            # Keep what was typed: the chair decides with F6, or picks another kind.
            self.say("The list is closed: F6 adds anyway, at the chair's discretion")
            return None
        group = (on_behalf[0] if on_behalf else None, tuple(alignment))
        if chosen is None or chosen.id == GUEST:
            # Nobody on the roster matches: asked once, so that "unodc" is not added by a
            # stray Enter (as a guest, the name stays exactly as typed).
            alone = matches.option_count <= 1 or typed is not None and typed != current
            if alone and self._guest_asked != text:
                self._guest_asked = text
                self.say(f"Nobody on the roster matches: add as guest “{sanitise(text)}”? "
                         "Enter again adds it as typed; or correct the name")
                return None
            return RequestDraft(None, text, kind, *group, force=force)
        return RequestDraft(chosen.id.split(":", 1)[1], None, kind, *group, force=force)

    def _delegations(self, typed: str, *, many: bool) -> list[str] | None:
        """The delegation ids typed (comma-separated when `many`); None, with a reason shown,
        if one of them matches nobody."""
        names = [part.strip() for part in (typed.split(",") if many else [typed])]
        found: list[str] = []
        for name in filter(None, names):
            matches = [m for m in match_names(self.roster, name) if m.kind == "delegation"]
            if not matches:
                self.say(f"No delegation matches “{sanitise(name)}”")
                return None
            found.append(matches[0].ref)
        return found
