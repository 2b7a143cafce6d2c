"""Events: what the store keeps (plain JSON dicts) and the typed events the core reads them as.

Every command of the meeting answers with a list of events; the state is a fold of them.

A stored event is an envelope (`v`, `id`, `at`, `role`, `type`, and for this release's events
`action`, `steady`, `boot`, `console`, `host`) around a payload. Each event type is a small
frozen dataclass (`Event`), defined in its concept's module, with the payload as fields: its
`TYPE`, its `VERSION`, `to_dict()` / `from_dict()`, and `UPCASTS`, the steps that turn a
stored payload of an older version into the next one, so an event written by any earlier
release still folds. The stored JSON is never rewritten: an old event is upcast when read.
"""


from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, fields
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar, Self
from uuid import uuid4

from moderator.core.bounds import bounded_number, bounded_time
from moderator.core.clock import Clock, steady_reading

if TYPE_CHECKING:
    from moderator.core.identity import ConsoleIdentity

# The version of the envelope, and of every event type whose payload never changed. A type
# whose payload changed has its own `VERSION` (see `Event`).
EVENT_VERSION = 1

# Undo is the fold's own (core/replay.py); each concept's module names its event types.
UNDO = "undo"

Upcast = Callable[[dict], dict]


class NewerEvent(ValueError):
    """An event of a version this program does not know (written by a newer release)."""


class Renamed:
    """An upcast step that renames payload keys (old=new), leaving the stored dict as it is.

    The fold never calls it on the way: a rename is read as the old key directly (`_reader`),
    so an old database folds as fast as a new one."""

    def __init__(self, **names: str) -> None:
        self.names = names

    def __call__(self, data: dict) -> dict:
        return {self.names.get(key, key): value for key, value in data.items()}


renamed = Renamed


@dataclass(frozen=True, slots=True)
class Event:
    """One event type's payload. Subclasses set `TYPE` and, when the payload changed, a
    higher `VERSION` with `UPCASTS[n]`: the step from version n to n + 1."""

    TYPE: ClassVar[str] = ""
    VERSION: ClassVar[int] = EVENT_VERSION
    UPCASTS: ClassVar[Mapping[int, Upcast]] = {}
    _READERS: ClassVar[dict[int, Callable[[dict], Any]] | None] = None

    def to_dict(self) -> dict:
        """The payload as stored, with the type and its version (tuples as lists)."""
        data: dict = {"v": self.VERSION, "type": self.TYPE}
        for name in _names(type(self)):
            value = getattr(self, name)
            data[name] = list(value) if isinstance(value, tuple) else value
        return data

    @classmethod
    def upcast(cls, data: dict) -> dict:
        """`data` in this version's shape; raises `NewerEvent` for a newer version."""
        version = data.get("v", EVENT_VERSION)
        if version > cls.VERSION:
            raise NewerEvent(f"{cls.TYPE} version {version} (this program reads {cls.VERSION})")
        while version < cls.VERSION:
            data = {**cls.UPCASTS[version](data), "v": version + 1}
            version += 1
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Self:
        """The typed event of a stored one (any known version); KeyError if a field is missing."""
        readers = cls.__dict__.get("_READERS")
        if readers is None:
            readers = {}
            cls._READERS = readers
        version = data.get("v", EVENT_VERSION)
        read = readers.get(version)
        if read is None:
            read = readers[version] = _reader(cls, version)
        return read(data)


def _names(kind: type[Event]) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))


def _clamped(value: Any) -> Any:
    return bounded_number(value) if type(value) in (int, float) else value


def _reader(kind: type[Event], version: int) -> Callable[[dict], Any]:
    """A function reading the payload positionally from a dict: one call per field, no
    keyword dict, so a day's fold pays about a microsecond per event for its types. Numbers
    are clamped to what a meeting holds on the way (`bounds.bounded_number`)."""
    if version > kind.VERSION:
        raise NewerEvent(f"{kind.TYPE} version {version} (this program reads {kind.VERSION})")
    # The stored key of each field in `version`: renames are followed back; another kind of
    # step upcasts the whole dict first.
    stored = {f.name: f.name for f in fields(kind)}
    for step_version in range(kind.VERSION - 1, version - 1, -1):
        step = kind.UPCASTS[step_version]
        if not isinstance(step, Renamed):
            current = _reader(kind, kind.VERSION)
            return lambda data: current(kind.upcast(data))
        back = {new: old for old, new in step.names.items()}
        stored = {name: back.get(key, key) for name, key in stored.items()}
    scope: dict[str, Any] = {"kind": kind, "tuple": tuple, "clamp": _clamped}
    parts = []
    for number, field in enumerate(fields(kind)):
        key = stored[field.name]
        if field.default is not MISSING:
            scope[f"d{number}"] = field.default
            read = f"data.get({key!r}, d{number})"
        elif field.default_factory is not MISSING:
            scope[f"f{number}"] = field.default_factory
            read = f"(data[{key!r}] if {key!r} in data else f{number}())"
        else:
            read = f"data[{key!r}]"
        if "tuple" in str(field.type):
            read = f"tuple({read} or ())"
        elif "int" in str(field.type) or "float" in str(field.type):
            read = f"clamp({read})"  # within what a meeting holds (`bounds.py`)
        parts.append(read)
    exec(f"def read(data):\n    return kind({', '.join(parts)})", scope)  # noqa: S102
    return scope["read"]


@dataclass(frozen=True, slots=True)
class Undo(Event):
    """Takes back the events of one action (the replay refolds without them)."""

    TYPE: ClassVar[str] = UNDO
    undoes: str


def stamped(event: Event, at: datetime, role: str, **envelope: object) -> dict:
    """The stored form of `event`, decided at `at` (aware) by `role`, with its envelope."""
    if at.tzinfo is None:
        raise ValueError("event times must be timezone-aware")
    payload = event.to_dict()
    return {"v": payload.pop("v"), "id": uuid4().hex, "at": at.astimezone(UTC).isoformat(),
            "role": role, "type": payload.pop("type"), **envelope, **payload}


def new_event(type: str, at: datetime, role: str, **payload: object) -> dict:
    """A new event of `type`, decided at `at` (aware) by `role`, with its payload."""
    if at.tzinfo is None:
        raise ValueError("event times must be timezone-aware")
    return {
        "v": EVENT_VERSION,
        "id": uuid4().hex,
        "at": at.astimezone(UTC).isoformat(),
        "role": role,
        "type": type,
        **payload,
    }


def origin(clock: Clock, console: ConsoleIdentity | None) -> dict:
    """Where and when an event is decided, beside its wall time: the steady clock's reading
    and its boot (`steady`, `boot`), and the console (`console`, `host`)."""
    fields: dict = {}
    found = steady_reading(clock)
    if found is not None:
        fields["steady"], fields["boot"] = round(found[0], 6), found[1]
    if console is not None:
        fields.update(console.stamp())
    return fields


def event_time(event: dict) -> datetime:
    """The UTC moment an event was decided (within the years a meeting can be held in)."""
    return bounded_time(datetime.fromisoformat(event["at"]))


def new_action() -> str:
    """An id shared by the events of one user action, so undo takes back all of them."""
    return uuid4().hex
