"""Random and mutated YAML never escapes as anything but InvalidFiles with line numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moderator.cli.options import BUNDLED
from moderator.core import InvalidFiles, load_meeting, validate_files
from tests.core.loading.samples import AGENDA, SPEAKERS

pytestmark = pytest.mark.slow  # hypothesis: random and mutated files

SIGNIFICANT = st.sampled_from(list(":-[]{}&*!|>'\"#%@`,? \t\n") + ["\\", "\x00", "\xff", "é", "~"])
SETTINGS = settings(
    max_examples=150, deadline=None,
    # too_slow: generating a mutated agenda is slow on a loaded machine (2 inputs in 40 s under
    # a load of 16), which says nothing of the loader; every example is still run and checked.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """`text` after a few line deletions, duplications, character changes or insertions."""
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "change", "insert"]))
        if action == "delete" and len(lines) > 1:
            del lines[where]
        elif action == "duplicate":
            lines.insert(where, lines[where])
        else:
            line = lines[where]
            at = draw(st.integers(0, max(len(line) - 1, 0)))
            new = draw(SIGNIFICANT | st.text(max_size=3))
            lines[where] = line[:at] + new + line[at + (action == "change") :]
    return "".join(lines)


def _assert_loads_or_explains(folder: Path, agenda: bytes, speakers: bytes) -> None:
    agenda_path, speakers_path = folder / "agenda.yaml", folder / "speakers.yaml"
    agenda_path.write_bytes(agenda)
    speakers_path.write_bytes(speakers)
    try:
        load_meeting(agenda_path, speakers_path)
    except InvalidFiles as invalid:
        assert invalid.problems, "InvalidFiles must say why"
        for problem in invalid.problems:
            assert problem.file in (str(agenda_path), str(speakers_path))
            assert problem.line >= 1 and problem.column >= 1, str(problem)
            assert str(problem).startswith(f"{problem.file}:{problem.line}:{problem.column}: ")
            assert "\n" not in str(problem)
    for problem in validate_files(agenda_path, speakers_path):
        assert problem.line >= 1


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("mutations")


@SETTINGS
@given(agenda=mutated(AGENDA), speakers=mutated(SPEAKERS))
def test_mutated_sample_files(folder: Path, agenda: str, speakers: str) -> None:
    _assert_loads_or_explains(folder, agenda.encode(), speakers.encode())


# The bundled seminar is large (every example loads it and its 93 delegations): fewer examples,
# each of them a mutation of the real file.
@settings(SETTINGS, max_examples=60)
@given(agenda=mutated((BUNDLED / "agenda.yaml").read_text(encoding="utf-8")))
def test_mutated_bundled_agenda(folder: Path, agenda: str) -> None:
    speakers = (BUNDLED / "speakers.yaml").read_bytes()
    _assert_loads_or_explains(folder, agenda.encode(), speakers)


@SETTINGS
@given(agenda=st.text(max_size=300), speakers=st.binary(max_size=300))
def test_random_text_and_bytes(folder: Path, agenda: str, speakers: bytes) -> None:
    _assert_loads_or_explains(folder, agenda.encode("utf-8", "surrogatepass"), speakers)


@SETTINGS
@given(
    agenda=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=8),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
        ),
        max_leaves=12,
    ).map(repr)
)
def test_random_flow_yaml(folder: Path, agenda: str) -> None:
    _assert_loads_or_explains(folder, agenda.encode(), SPEAKERS.encode())


def test_a_key_with_a_newline_is_reported_on_one_line(folder: Path) -> None:
    """Found by the random flow above: a key holding a newline (or a terminal control) is
    quoted escaped, so each problem stays one `file:line:column: message` line."""
    speakers = (BUNDLED / "speakers.yaml").read_bytes()
    agenda = b'{"\'\\n\\u001b[31m": None}'
    (folder / "agenda.yaml").write_bytes(agenda)
    (folder / "speakers.yaml").write_bytes(speakers)
    with pytest.raises(InvalidFiles) as invalid:
        load_meeting(folder / "agenda.yaml", folder / "speakers.yaml")
    shown = [str(problem) for problem in invalid.value.problems]
    assert any("unknown key ''\\n\\u001b[31m'" in line for line in shown), shown
    assert all("\n" not in line and "\x1b" not in line for line in shown)
