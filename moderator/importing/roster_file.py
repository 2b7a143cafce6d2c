"""The roster an import adds to: read with the loaders, written back with every line kept."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from moderator.core.loading.problems import errors_in
from moderator.core.loading.roster import RosterReader
from moderator.core.loading.schema import Checker
from moderator.core.loading.yamlsafe import parse_yaml, read_yaml
from moderator.core.model import Roster, Speaker
from moderator.importing.outputs import from_core
from moderator.importing.problems import ImportFailed
from moderator.importing.skeleton import ROSTER_HEADER, skeleton_roster
from moderator.importing.yamltext import Comments, comment_lines, roster_text, speaker_lines


@dataclass(frozen=True, slots=True)
class RosterFile:
    """A roster and its text (None: not on disk yet, it starts from the OSCE roster)."""

    path: Path
    roster: Roster
    text: str | None
    speakers_indent: int | None  # where the last key's speaker list can be appended, if it can

    @property
    def exists(self) -> bool:
        return self.text is not None


def open_roster(path: Path) -> RosterFile:
    """The roster in `path` (every problem raised), or the OSCE roster when there is none."""
    if not path.exists():
        return RosterFile(path, skeleton_roster("osce"), None, None)
    # The loader's own steps, so that the tree read for the roster also says where to append.
    root, problems = read_yaml(path)
    roster = None
    if root is not None:
        reader = RosterReader(Checker(str(path)))
        roster = reader.read(root)
        problems = problems + reader.check.problems
    errors = errors_in(problems)
    if roster is None or errors:
        raise ImportFailed([from_core(p) for p in errors])
    text = path.read_text(encoding="utf-8-sig")
    return RosterFile(path, roster, text, _append_point(root))


def _append_point(root: object) -> int | None:
    """The indent of new speaker entries when `speakers` is the file's last key, else None."""
    if not isinstance(root, MappingNode) or not root.value:
        return None
    keys = [k.value for k, _ in root.value if isinstance(k, ScalarNode)]
    if "speakers" not in keys:
        return -1  # no speakers yet: a new `speakers:` key goes at the end
    key, value = root.value[-1]
    if not isinstance(key, ScalarNode) or key.value != "speakers":
        return None
    if isinstance(value, SequenceNode) and not value.flow_style and value.value:
        return value.start_mark.column
    return None


def roster_with(file: RosterFile, added: list[Speaker], note: str,
                notes: Comments | None = None) -> str:
    """The roster's text with `added` speakers: appended to its text, each line of it kept,
    when its speaker list ends the file; else the whole roster written anew. `notes` are
    comments above speakers, by id."""
    notes = notes or {}
    merged = Roster(dict(file.roster.delegations), {**file.roster.speakers,
                                                    **{s.id: s for s in added}})
    if file.text is None:
        return roster_text(merged, ROSTER_HEADER["osce"][:4] + (note,), notes)
    if not added:
        return file.text
    rewritten = roster_text(merged, ["The roster, rewritten by `moderator import`.", note], notes)
    indent = file.speakers_indent
    if indent is None:
        return rewritten
    text = file.text if file.text.endswith("\n") else file.text + "\n"
    if indent == -1:
        text += "\nspeakers:\n"
        indent = 2
    lines = comment_lines([note], " " * indent)
    for speaker in added:
        lines += comment_lines(notes.get(speaker.id, ()), " " * indent)
        lines += speaker_lines(speaker, " " * indent)
    text += "\n".join(lines) + "\n"
    root, problems = parse_yaml(text.encode("utf-8"), str(file.path))
    return text if root is not None and not problems else rewritten

