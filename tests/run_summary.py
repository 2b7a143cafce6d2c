"""How the suite is laid out across pytest-xdist's workers, and what it says at its end.

- A test that asks for the `browser` fixture is a `browser` (and `slow`) test; all of them go to
  one worker (one xdist group), so that one chromium serves the run (tests/browser.py).
- `slow` tests are handed out first (the browser tests before them, together): no long test
  starts last and holds the run's end.
- The run ends with one line naming what was skipped and why.
- Under xdist, syrupy neither counts the snapshots nor fails on a snapshot no test uses any more
  (it does both in a serial run): the controller does it here from the workers' reports.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

BROWSER_GROUP = "browser"
# What the summary calls the tests of a marker, most telling first.
KINDS = ("browser", "e2e")


@pytest.hookimpl(tryfirst=True)  # before xdist names the groups in the node ids
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)
            item.add_marker(pytest.mark.xdist_group(BROWSER_GROUP))
    # Browser tests first and together (one chromium, serially too), then the other slow ones.
    items.sort(key=lambda item: ("browser" not in item.keywords,
                                 item.get_closest_marker("slow") is None))  # stable


# -- what was skipped, and why --------------------------------------------------------------

def skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple | list) and len(longrepr) == 3:
        reason = str(longrepr[2])
    else:
        reason = str(longrepr)
    return reason.removeprefix("Skipped: ").strip()


def skip_line(reports: list[pytest.TestReport]) -> str:
    """`14 browser tests skipped: no chromium ...; 1 test skipped: ...`, most first."""
    if not reports:
        return "No test skipped."
    groups: Counter[tuple[str, str]] = Counter()
    for report in reports:
        kind = next((k for k in KINDS if k in report.keywords), "")
        groups[(kind, skip_reason(report))] += 1
    parts = []
    for (kind, reason), count in sorted(groups.items(), key=lambda kv: (-kv[1], kv[0])):
        what = f"{kind} test" if kind else "test"
        parts.append(f"{count} {what}{'s' * (count != 1)} skipped: {reason}")
    return "; ".join(parts)


# -- snapshots, counted and checked by the controller under xdist ---------------------------

def xdist_controller(config: pytest.Config) -> bool:
    return config.pluginmanager.has_plugin("dsession")


def whole_files(config: pytest.Config) -> bool:
    """The run took whole test files (no -k, -m, deselection or single tests): a snapshot of a
    file that ran and that no test of it used is stale."""
    option = config.option
    return not (option.keyword or option.markexpr or getattr(option, "deselect", None)
                or getattr(option, "lf", False) or getattr(option, "update_snapshots", False)
                or any("::" in str(arg) for arg in config.args))


class Ran:
    """The outcome of every test the workers reported, by file and name."""

    def __init__(self) -> None:
        self.outcome: dict[tuple[str, str], str] = {}

    def add(self, report: pytest.TestReport) -> None:
        if report.when != "call" and not report.skipped:
            return
        nodeid = re.sub(r"@\w+$", "", report.nodeid)  # the xdist group, if any
        path, _, name = nodeid.partition("::")
        self.outcome[(path, name.replace("::", "."))] = report.outcome

    def snapshots(self, root: Path) -> tuple[int, list[str]]:
        """(snapshots whose test passed, snapshot files of the files that ran and no test's)."""
        names: dict[str, set[str]] = {}
        for path, name in self.outcome:
            names.setdefault(path, set()).add(name)
        passed, unused = 0, []
        for path, tests in sorted(names.items()):
            folder = (root / path).parent / "__snapshots__" / Path(path).stem
            for svg in sorted(folder.glob("*.svg")):
                if svg.stem not in tests:
                    unused.append(str(svg.relative_to(root)))
                elif self.outcome[(path, svg.stem)] == "passed":
                    passed += 1
        return passed, unused


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(Summary(config), "moderator-run-summary")


class Summary:
    """The hooks that need the run's state: the reports, the exit status, the terminal."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.ran = Ran()
        self.snapshots_passed = 0
        self.unused: list[str] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.ran.add(report)

    @pytest.hookimpl(tryfirst=True)  # before the terminal's summary, which prints ours
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if not xdist_controller(self.config):
            return  # syrupy counts and checks in a serial run (and xdist's workers report here)
        self.snapshots_passed, unused = self.ran.snapshots(self.config.rootpath)
        if unused and whole_files(self.config):
            self.unused = unused
            if session.exitstatus == pytest.ExitCode.OK:
                session.exitstatus = pytest.ExitCode.TESTS_FAILED

    @pytest.hookimpl(trylast=True)
    def pytest_terminal_summary(self, terminalreporter) -> None:
        if self.snapshots_passed:
            terminalreporter.write_line(f"{self.snapshots_passed} snapshots passed.")
        if self.unused:
            many = len(self.unused) != 1
            terminalreporter.write_line(
                f"{len(self.unused)} snapshot{'s' * many} unused (no test makes "
                f"{'them' if many else 'it'} any more: delete {'them' if many else 'it'}): "
                f"{', '.join(self.unused)}", red=True)
        skipped = [r for r in terminalreporter.stats.get("skipped", [])
                   if isinstance(r, pytest.TestReport)]
        terminalreporter.write_line(skip_line(skipped), yellow=bool(skipped))
