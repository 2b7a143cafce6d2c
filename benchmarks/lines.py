"""One line of the results table, and the statistics every benchmark module uses."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    what: str
    ours: str
    reference: str  # "-" when the target is absolute
    ratio: str  # ours / reference, "-" when there is no reference
    target: str
    passed: bool

    def row(self) -> str:
        verdict = "PASS" if self.passed else "**MISS**"
        return f"| {self.what} | {self.ours} | {self.reference} | {self.ratio} | {self.target} | {verdict} |"


HEADER = "| What | Ours | Reference (same run) | Ratio | Target | Result |\n|---|---|---|---|---|---|"


def percentile(samples: list[float], fraction: float) -> float:
    """The sample at `fraction` of the sorted list (0.5: the median, 0.99: the p99)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"
