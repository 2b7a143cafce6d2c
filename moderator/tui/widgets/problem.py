"""A dialog's line for why what was typed cannot be done yet: said where it is corrected, gone
with the dialog (a notification would outlive it), hidden while there is nothing to say."""

from __future__ import annotations

from textual.widgets import Static


class ProblemLine(Static):
    DEFAULT_CSS = """
    ProblemLine { color: $text-warning; height: auto; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self.display = False

    def say(self, problem: str) -> None:
        """Show `problem`; "" hides the line."""
        self.update(problem)
        self.display = bool(problem)
