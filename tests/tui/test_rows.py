"""What the terminal shows, built from the updates the consoles send (a full screen, then the
rows that changed), reads cell by cell as the screen drawn whole: nothing stale, nothing missing,
through the keys, the seconds, the states of the floor and the sizes of the terminal.

The consoles' compositor (`tui/rows.py`) renders the rows a partial update draws, not every
line of every widget: this is what says it leaves no cell behind. A small terminal stands in for
the real one: it applies the cursor moves and the styled text of each update."""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.console import Console
from textual._compositor import ChopsUpdate, Compositor, CompositorUpdate, LayoutUpdate
from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Label

from moderator.tui.clock_app import build_clock_app
from moderator.tui.rapporteur_app import build_rapporteur_app
from moderator.tui.rows import RowsCompositor

from .conftest import add_request, follow, make_agenda, make_roster, press, saved

TOKENS = re.compile(r"\x1b\[(\d+);(\d+)H|\x1b\[([\d;]*)m|(\n)|([^\x1b\n])")


class Terminal:
    """Cells of text and the style they were written in, as the updates leave them."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], tuple[str, str]] = {}
        self.partial = 0  # updates of some rows, not the whole screen

    def write(self, data: str) -> None:
        x = y = 0
        style = ""
        for move_y, move_x, sgr, newline, char in TOKENS.findall(data):
            if move_y:
                y, x = int(move_y) - 1, int(move_x) - 1
            elif newline:
                y, x = y + 1, 0
            elif char:
                self.cells[(y, x)] = (char, style)
                x += cell_len(char)
            else:  # a style: "0" (or nothing) ends the one before
                style = "" if sgr in ("", "0") else sgr

    def rows(self, width: int, height: int) -> list[list[tuple[str, str]]]:
        return [[self.cells.get((y, x), (" ", "")) for x in range(width)] for y in range(height)]


def watched(app) -> tuple[Terminal, Console]:
    """The terminal the app's updates are written to (the headless app writes none)."""
    terminal = Terminal()
    console = Console(color_system="truecolor", force_terminal=True, width=200)
    display = app._display

    def shown(screen, renderable) -> None:
        # What the app writes to a terminal (not in a batch of updates, nor once closed).
        if isinstance(renderable, CompositorUpdate) and not app._batch_count \
                and app._running and not app._closed:
            terminal.write(renderable.render_segments(console))
            terminal.partial += isinstance(renderable, ChopsUpdate)
        display(screen, renderable)

    app._display = shown
    return terminal, console


def same_as_whole(app, terminal: Terminal, console: Console, when: str) -> None:
    width, height = app.size
    whole = Terminal()
    compositor = app.screen._compositor
    own = type(compositor)
    compositor.__class__ = Compositor  # drawn whole as Textual draws it
    try:
        whole.write(compositor.render_update(full=True).render_segments(console))
    finally:
        compositor.__class__ = own
    kept, drawn = terminal.rows(width, height), whole.rows(width, height)
    stale = [(y, x) for y in range(height) for x in range(width) if kept[y][x] != drawn[y][x]]
    assert not stale, f"{when}: {len(stale)} cells differ, first at {stale[0]}: " \
                      f"{kept[stale[0][0]][stale[0][1]]} on the terminal, " \
                      f"{drawn[stale[0][0]][stale[0][1]]} drawn whole"


async def seconds_pass(pilot, clock, terminal: Terminal, console: Console) -> None:
    """Three and a half minutes of the clock, a second then 7 at a time, each compared."""
    app = pilot.app
    for step in range(30):
        clock.advance(7 if step % 2 else 1)
        app.screen.tick()
        await pilot.pause()
        same_as_whole(app, terminal, console, f"step {step}")


async def test_the_chairs_terminal_reads_as_the_screen_drawn_whole(make_app, clock) -> None:
    app = make_app()
    terminal, console = watched(app)
    async with app.run_test(size=(120, 36)) as pilot:
        assert isinstance(app.screen._compositor, RowsCompositor)
        await pilot.pause()
        same_as_whole(app, terminal, console, "the first frame")
        await press(pilot, "right_square_bracket")
        for name in ("turki", "austria", "france", "italy"):
            await add_request(pilot, name)
        same_as_whole(app, terminal, console, "four requests")
        await press(pilot, "n")
        await seconds_pass(pilot, clock, terminal, console)  # into the warning, then overtime
        for keys, size in ((("space",), (160, 45)), (("space", "f"), (80, 24)),
                           (("n", "ctrl+z"), (120, 36)), (("n",), (160, 45))):
            await press(pilot, *keys)
            same_as_whole(app, terminal, console, f"{keys}")
            for _ in range(3):
                clock.advance(1)
                app.screen.tick()
                await pilot.pause()
            same_as_whole(app, terminal, console, f"{keys}, 3 s later")
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            same_as_whole(app, terminal, console, f"{keys} at {size}")
    assert terminal.partial > 40  # the seconds and the keys: rows, not whole screens


async def test_the_audience_clocks_terminal_reads_as_the_screen_drawn_whole(
        moderator, database, clock) -> None:
    app = build_clock_app(make_agenda(), make_roster(), database, clock)
    terminal, console = watched(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await seconds_pass(pilot, clock, terminal, console)
        moderator.do(moderator.meeting.give_floor())  # Austria, from the chair's console
        await follow(pilot)
        same_as_whole(app, terminal, console, "the next speaker")
    assert terminal.partial > 25


async def test_the_rapporteurs_terminal_reads_as_the_screen_drawn_whole(
        moderator, database, clock) -> None:
    app = build_rapporteur_app(make_agenda(), make_roster(), database, clock)
    terminal, console = watched(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        same_as_whole(app, terminal, console, "the first frame")
        for number in range(3):
            await pilot.press(*f"Point {number} #rec", "enter", *"a second line")
            await pilot.pause()
            same_as_whole(app, terminal, console, f"note {number} typed")
            await pilot.press("ctrl+s")
            await saved(pilot)
            same_as_whole(app, terminal, console, f"note {number} saved")
            clock.advance(5)
            app.screen.tick()
            await pilot.pause()
            same_as_whole(app, terminal, console, f"note {number}, 5 s later")
        moderator.meeting.apply_all(moderator.store.read_new())
        moderator.do(moderator.meeting.give_floor())  # Austria, from the chair's console
        await follow(pilot)
        same_as_whole(app, terminal, console, "the next speaker")
    assert terminal.partial > 10


class _Note(ModalScreen[None]):
    """A dialog over a console (translucent: the console shows through, blended)."""

    def compose(self) -> ComposeResult:
        yield Label("A dialog")


async def test_a_dialog_opening_over_a_console_is_drawn_whole_once(
        make_app, database, clock) -> None:
    """Textual repaints the screen a dialog opens over; the screen under a dialog passes its
    repaint up to it, and the dialog's whole frame was drawn a second time. The consoles'
    screens drop that repaint (the dialog's first frame shows them as they are)."""
    for app in (make_app(), build_rapporteur_app(make_agenda(), make_roster(), database, clock)):
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            below = app.screen
            dialog = _Note()
            await app.push_screen(dialog)
            await pilot.pause()
            drawn: list[CompositorUpdate] = []
            display = app._display
            app._display = lambda screen, update: (drawn.append(update),  # noqa: B023
                                                   display(screen, update))[1]  # noqa: B023
            below._on_timer_update()  # the screen under it, at its turn: nothing to pass up
            dialog._on_timer_update()
            app._display = display
            assert not [u for u in drawn if isinstance(u, LayoutUpdate)], type(below).__name__
            dialog.dismiss(None)
            await pilot.pause()
            assert app.screen is below
