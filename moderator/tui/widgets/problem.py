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
        self._said = ""

    def say(self, problem: str) -> None:
        """Show `problem`; "" hides the line. (Said again, nothing is drawn or laid out.)"""
        if problem != self._said:
            self._said = problem
            self.update(problem)
        if self.display != bool(problem):
            self.display = bool(problem)
