"""The suite's own plugin (tests/run_summary.py): the line that ends `make test`, and the stale
snapshots it finds under xdist, where syrupy does not look."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.run_summary import Ran

SUITE = """
import pytest

def test_podium(browser):
    pass

def test_projector(browser):
    pass

@pytest.mark.skip(reason="root ignores directory permissions")
def test_read_only_directory():
    pass

def test_runs():
    pass
"""
# In this process: the snapshot plugin's temporary folder is the outer run's (an environment
# variable), which an inner run would remove; nothing here is asynchronous.
ALONE = ("-p", "no:cacheprovider", "-p", "no:textual-snapshot", "-p", "no:asyncio")
NO_BROWSER = """
import pytest

pytest_plugins = ["tests.run_summary"]

@pytest.fixture
def browser():
    pytest.skip("no chromium at /usr/bin/chromium: `apt-get install chromium`")
"""


def test_the_run_ends_with_one_line_saying_what_was_skipped_and_why(
        pytester: pytest.Pytester) -> None:
    pytester.makeconftest(NO_BROWSER)
    pytester.makepyfile(test_room=SUITE)
    result = pytester.runpytest_inprocess(*ALONE)
    result.assert_outcomes(passed=1, skipped=3)
    assert ("2 browser tests skipped: no chromium at /usr/bin/chromium: `apt-get install "
            "chromium`; 1 test skipped: root ignores directory permissions") in result.outlines


def test_a_run_with_nothing_skipped_says_so(pytester: pytest.Pytester) -> None:
    pytester.makeconftest('pytest_plugins = ["tests.run_summary"]')
    pytester.makepyfile(test_one="def test_runs():\n    pass\n")
    result = pytester.runpytest_inprocess(*ALONE)
    result.assert_outcomes(passed=1)
    assert "No test skipped." in result.outlines


def report(nodeid: str, outcome: str = "passed") -> pytest.TestReport:
    return pytest.TestReport(nodeid, ("x", 0, "x"), {}, outcome, None, "call")


def test_a_snapshot_no_test_of_its_file_makes_is_found(tmp_path: Path) -> None:
    folder = tmp_path / "tests" / "__snapshots__" / "test_screens"
    folder.mkdir(parents=True)
    for name in ("test_idle[80x24]", "test_idle[120x36]", "test_renamed_long_ago"):
        (folder / f"{name}.svg").write_text("<svg/>")
    other = tmp_path / "tests" / "__snapshots__" / "test_not_run"
    other.mkdir()
    (other / "test_whatever.svg").write_text("<svg/>")  # its file did not run: not judged
    ran = Ran()
    ran.add(report("tests/test_screens.py::test_idle[80x24]@browser"))  # an xdist group
    ran.add(report("tests/test_screens.py::test_idle[120x36]", "failed"))
    ran.add(report("tests/test_screens.py::test_without_snapshot"))
    passed, unused = ran.snapshots(tmp_path)
    assert passed == 1
    assert unused == ["tests/__snapshots__/test_screens/test_renamed_long_ago.svg"]
