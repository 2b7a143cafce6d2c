"""`requests: direct | approve` per meeting and per item, `requests_ahead: yes | no`: read as
given, and every mistake said at its file, line and column, all at once."""

from __future__ import annotations

from pathlib import Path

from moderator.core import load_agenda
from moderator.core.model import RequestMode
from tests.core.loading.samples import AGENDA, changed, problems_of, write_meeting


def test_the_settings_are_read_per_meeting_and_per_item(tmp_path: Path) -> None:
    text = changed(AGENDA, "  ordering: request\n",
                   "  ordering: request\n  requests: approve\n  requests_ahead: yes\n")
    text = changed(text, "        kind: discussion\n",
                   "        kind: discussion\n        requests: direct\n")
    agenda = load_agenda(write_meeting(tmp_path, text)[0])
    assert agenda.defaults.requests is RequestMode.APPROVE and agenda.defaults.requests_ahead
    welcome, close = (item for _, item in agenda.items())
    assert welcome.request_mode(agenda.defaults) is RequestMode.APPROVE
    assert close.request_mode(agenda.defaults) is RequestMode.DIRECT


def test_without_them_requests_go_straight_on_the_list_for_the_item_in_progress(
        tmp_path: Path) -> None:
    agenda = load_agenda(write_meeting(tmp_path)[0])
    assert agenda.defaults.requests is RequestMode.DIRECT
    assert not agenda.defaults.requests_ahead


def test_every_mistake_is_said_where_it_is(tmp_path: Path) -> None:
    text = changed(AGENDA, "  ordering: request\n",
                   "  ordering: request\n  requests: approval\n  requests_ahead: maybe\n")
    text = changed(text, "        kind: discussion\n",
                   "        kind: discussion\n        requests: [direct]\n")
    found = [str(p) for p in problems_of(tmp_path, text)]
    agenda = str(tmp_path / "agenda.yaml")
    assert found == [
        f"{agenda}:9:13: defaults requests 'approval' is not one of: direct, approve "
        "(did you mean 'approve'?)",
        f"{agenda}:10:19: defaults requests_ahead must be yes or no, not 'maybe'",
        f"{agenda}:37:19: requests of item 'close' must be text, not a list",
    ]
