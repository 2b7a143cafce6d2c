"""The `a` dialog: type a delegation or speaker (accents optional), choose the kind, Enter adds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from moderator.core.model import InterventionKind, Roster
from moderator.core.search import match_names
from moderator.tui.keys import bindings
from moderator.tui.text import plain, sanitise

KINDS = (InterventionKind.STATEMENT, InterventionKind.POINT_OF_ORDER,
         InterventionKind.RIGHT_OF_REPLY, InterventionKind.QUESTION)
GUEST = "guest:"  # option id prefix of the free-text guest


def kinds_line(chosen: InterventionKind) -> Text:
    """The four kinds with their keys; the chosen one marked by a sign and in words, not by
    colour alone (a terminal without colour shows it as well)."""
    line = Text(no_wrap=True, overflow="ellipsis")
    for key, kind in enumerate(KINDS, 2):
        if key > 2:
            line.append(" ")
        if kind is chosen:
            line.append(f"◉ F{key} {kind.label}", "bold reverse")
        else:
            line.append(f"○ F{key} {kind.label}", "dim")
    return line


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


class AddRequest(ModalScreen[RequestDraft | None]):
    CSS_PATH = Path(__file__).with_name("add_request.tcss")
    # Function keys choose the kind without leaving the name: letters are for typing.
    BINDINGS = bindings("add_request")

    def __init__(self, roster: Roster, kind: InterventionKind = InterventionKind.STATEMENT,
                 *, closed: bool = False,
                 check: Callable[[RequestDraft], str | None] | None = None) -> None:
        super().__init__()
        self.roster = roster
        # The core's decision, asked before the dialog closes: a refused request keeps what was
        # typed, to be corrected (a group statement by a non-member, a duplicate, ...).
        self.check = check
        self.kind = kind
        self.closed = closed
        self._adding = False  # Enter twice in a row adds once

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            # `o` opens this dialog too: its title says which kind it starts with.
            what = "" if self.kind is InterventionKind.STATEMENT else f" ({self.kind.label.lower()})"
            yield Label(f"Request for the floor{what}: name, id or alias (accents optional)")
            yield NameInput(placeholder="e.g. turki", id="who")
            matches = OptionList(id="matches")
            matches.can_focus = False  # up/down reach it from the name; Tab goes on behalf
            yield matches
            # Tab goes from the name to "on behalf of", then to the alignment; F2-F5 choose the
            # kind from any field.
            with Horizontal(id="group"):
                yield Input(placeholder="on behalf of (EU)", id="on-behalf")
                yield Input(placeholder="in alignment with, e.g. AL, GE, MD", id="alignment")
            yield Static(kinds_line(self.kind), id="kind")
            if self.closed:
                yield Checkbox("F6: the list is closed; add anyway (the chair's discretion)",
                               id="force")
            yield Label("Enter adds · ↑↓ names · Tab: on behalf of, alignment · Esc cancels",
                        classes="hint")

    def on_mount(self) -> None:
        self.query_one("#who", Input).focus()

    @on(Input.Changed, "#who")
    def _suggest(self, event: Input.Changed) -> None:
        matches = self.query_one("#matches", OptionList)
        matches.clear_options()
        text = event.value.strip()
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
        self.query_one("#kind", Static).update(kinds_line(self.kind))

    def action_force(self) -> None:
        for box in self.query("#force").results(Checkbox):
            box.value = not box.value

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
            self.notify(reason, severity="warning", markup=False)
            return
        self._adding = True
        self.dismiss(draft)

    def draft(self, typed: str | None = None) -> RequestDraft | None:
        """What the dialog would add now, or None (with a reason shown) if it cannot."""
        current = self.query_one("#who", Input).value
        text = (current if typed is None else typed).strip()
        if not text:
            self.notify("Type a delegation or a speaker first", severity="warning")
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
        force = any(box.value for box in self.query("#force").results(Checkbox))
        ordinary = kind in (InterventionKind.STATEMENT, InterventionKind.QUESTION)
        if self.closed and ordinary and not force:
            # Keep what was typed: the chair decides with F6, or picks another kind.
            self.notify("The list is closed: F6 adds anyway, at the chair's discretion",
                        severity="warning", markup=False)
            return None
        group = (on_behalf[0] if on_behalf else None, tuple(alignment))
        if chosen is None or chosen.id == GUEST:
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
                self.notify(f"No delegation matches “{sanitise(name)}”", severity="warning",
                            markup=False)
                return None
            found.append(matches[0].ref)
        return found
