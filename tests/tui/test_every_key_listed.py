"""On every screen, every key that works (with the focus on each widget in turn) is in that
screen's help and in its command palette, by the same sentence; no stray binding elsewhere."""

from __future__ import annotations

import importlib
import io
import pkgutil
import re

from rich.console import Console
from textual.binding import Binding
from textual.dom import DOMNode
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static

import moderator.tui
from moderator.core.model import InterventionKind
from moderator.tui.clock_app import build_clock_app
from moderator.tui.keys import PALETTE, SCOPES, KeyAction, shown_keys
from moderator.tui.palette import KeyCommands
from moderator.tui.rapporteur_app import build_rapporteur_app
from moderator.tui.screens.add_request import AddRequest
from moderator.tui.screens.help import HelpScreen
from moderator.tui.screens.move_note import MoveNote
from moderator.tui.screens.note_history import NoteHistory
from moderator.tui.screens.podium_message import PodiumMessageDialog
from moderator.tui.screens.record_dialogs import DecisionDialog, DocumentsDialog
from moderator.tui.screens.set_limit import SetLimit
from moderator.tui.widgets.note_editor import NoteEditor
from moderator.tui.widgets.notes_panel import ItemNotes
from tests.tui.conftest import (
    Moderator,
    add_request,
    drafts_read,
    make_agenda,
    make_roster,
    press,
    saved,
    settle,
)

ACTIONS: dict[str, KeyAction] = {f"{scope}.{action.name}": action
                              for scope, keys in SCOPES.items() for action in keys.actions}


def text_of(table) -> str:
    console = Console(width=160, record=True, file=io.StringIO())
    console.print(table)
    return console.export_text()


async def help_text(pilot: Pilot) -> str:
    """The help as F1 opens it over the screen on top (the help itself: its own text)."""
    app = pilot.app
    if not isinstance(app.screen, HelpScreen):
        await pilot.press("f1")
        await pilot.pause()
    shown = app.screen
    assert isinstance(shown, HelpScreen)
    return text_of(shown.query_one("#keys", Static).content)


async def palette_of(screen: Screen) -> set[tuple[str, str | None]]:
    return {(hit.text, hit.help) async for hit in KeyCommands(screen).discover()}


def first_column(text: str) -> list[str]:
    """The help's left column: section titles and keys, in order."""
    return [re.split(r"\s{2,}", line.strip())[0] for line in text.splitlines() if line.strip()]


def listed(text: str, action: KeyAction) -> bool:
    """One row of the help holds the action's keys, then its sentence."""
    keys = shown_keys(action)
    return any(line.strip().startswith(keys) and action.help in line
               for line in text.splitlines())


async def check_screen(pilot: Pilot) -> set[str]:
    """Every key active on the screen on top, for each focus in turn: in its help and palette.
    Returns the keys seen, so that the caller knows the walk was not empty."""
    app = pilot.app
    screen = app.screen
    palette = await palette_of(screen)
    was_help = isinstance(screen, HelpScreen)
    text = await help_text(pilot)
    if not was_help:
        await pilot.press("escape")  # back to the screen walked
        await pilot.pause()
    assert app.screen is screen
    seen: set[str] = set()
    for widget in screen.focus_chain or [None]:
        if widget is not None:
            widget.focus()
            await pilot.pause()
        for key, active in screen.active_bindings.items():
            action = ACTIONS.get(active.binding.id or "")
            if action is None:  # a Textual widget's own key (editing, scrolling)
                continue
            seen.add(key)
            where = f"{key} on {type(screen).__name__}, focus {type(widget).__name__}"
            assert listed(text, action), f"{where}: not in the help"
            if action is not PALETTE:
                assert (action.help, shown_keys(action)) in palette, f"{where}: not in the palette"
    return seen


async def open_and_check(pilot: Pilot, key: str, kind: type[Screen]) -> set[str]:
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, kind), (key, pilot.app.screen)
    seen = await check_screen(pilot)
    await pilot.press("escape")
    await pilot.pause()
    return seen


async def test_every_key_of_the_chairs_screens_is_in_their_help_and_palette(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:  # wide: the notes panel in view
        await press(pilot, "right_square_bracket")
        await add_request(pilot, "turki")
        await press(pilot, "n")
        await press(pilot, "ctrl+n")
        await pilot.press(*"a note")
        await press(pilot, "ctrl+s")
        await saved(pilot)
        await press(pilot, "escape")
        seen = await check_screen(pilot)
        assert {"n", "space", "x", "ctrl+s", "ctrl+g", "question_mark", "ctrl+q"} <= seen
        for key, kind in (("a", AddRequest), ("equals_sign", SetLimit),
                          ("m", PodiumMessageDialog), ("d", DocumentsDialog),
                          ("ctrl+r", DecisionDialog), ("question_mark", HelpScreen)):
            app.screen.query_one("#speakers").focus()
            assert {"escape"} <= await open_and_check(pilot, key, kind)
            await settle(pilot)
        notes = app.screen.query_one(ItemNotes)  # the note saved is selected there
        for key, kind in (("ctrl+g", MoveNote), ("ctrl+l", NoteHistory)):
            notes.focus()
            assert {"escape", "f1"} <= await open_and_check(pilot, key, kind)


async def test_every_key_of_the_rapporteurs_screens_is_in_their_help_and_palette(
        database, clock) -> None:
    moderator = Moderator(database, clock)
    moderator.do(moderator.meeting.start_item("discussion-1"))
    moderator.do(moderator.meeting.request_floor("TR"))
    moderator.do(moderator.meeting.give_floor())
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await drafts_read(pilot)
        await pilot.press(*"a note", "ctrl+s")
        await saved(pilot)
        await pilot.press("ctrl+f")  # the search field, focusable only while shown
        await pilot.pause()
        seen = await check_screen(pilot)
        assert {"ctrl+f", "ctrl+s", "ctrl+t", "ctrl+g", "f1", "ctrl+p"} <= seen
        for key, kind in (("ctrl+o", DocumentsDialog), ("ctrl+r", DecisionDialog)):
            app.screen.query_one(NoteEditor).focus()
            assert "escape" in await open_and_check(pilot, key, kind)
        notes = app.screen.query_one(ItemNotes)  # the note saved is selected there
        for key, kind in (("ctrl+g", MoveNote), ("ctrl+l", NoteHistory)):
            notes.focus()
            assert "escape" in await open_and_check(pilot, key, kind)
    moderator.store.close()


async def test_every_key_of_the_audience_clock_is_in_its_help_and_palette(
        database, clock) -> None:
    Moderator(database, clock).store.close()
    app = build_clock_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        assert {"q", "ctrl+q", "f1"} <= await check_screen(pilot)


def test_every_binding_of_the_interface_is_declared_in_keys() -> None:
    """A `Binding(...)` written in a screen or widget would bypass the help and the palette."""
    for found in pkgutil.walk_packages(moderator.tui.__path__, "moderator.tui."):
        module = importlib.import_module(found.name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, DOMNode) and \
                    value.__module__ == module.__name__:
                for binding in value.__dict__.get("BINDINGS", ()):
                    assert isinstance(binding, Binding) and binding.id in ACTIONS, \
                        f"{value.__name__}: {binding} is not declared in moderator/tui/keys.py"


async def test_f1_in_the_add_dialog_lists_exactly_its_keys_and_the_palette_runs_them(
        make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await press(pilot, "right_square_bracket")
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AddRequest)
        assert first_column(await help_text(pilot)) == [
            "This help", "Escape / q / ? / F1", "↑ / ↓ / PgUp / PgDn",
            "Request for the floor (a, o)", "F2", "F3", "F4", "F5", "F6", "↑", "↓", "Escape",
            "F1", "Tab", "Enter",
            "Everywhere", "ctrl+p", "ctrl+q"]  # `?` and `t` do not reach past a dialog
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is dialog
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"make it a point of order")
        await app.screen.workers.wait_for_complete()  # the palette searches in a worker
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog and dialog.kind is InterventionKind.POINT_OF_ORDER


async def test_the_rapporteurs_help_lists_exactly_its_keys(database, clock) -> None:
    Moderator(database, clock).store.close()
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await drafts_read(pilot)
        assert first_column(await help_text(pilot)) == [
            "This help", "Escape / q / ? / F1", "↑ / ↓ / PgUp / PgDn",
            "Rapporteur's console", "ctrl+f", "ctrl+n", "Escape", "ctrl+o", "ctrl+r",
            "List of notes (focused)", "Enter", "ctrl+g", "ctrl+d", "ctrl+u", "ctrl+l",
            "Moving in the list (focused)", "↓", "↑", "Home", "End", "PgDn", "PgUp",
            "Note editor (focused)", "ctrl+s", "ctrl+t", "Escape", "ctrl+z / ctrl+y",
            "Everywhere", "F1", "ctrl+p", "ctrl+q"]
