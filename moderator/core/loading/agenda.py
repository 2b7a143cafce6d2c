"""Build the `Agenda` from the tree of `agenda.yaml`, checking every rule of its format."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from zoneinfo import ZoneInfo

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from moderator.core.bounds import MAX_MINUTES
from moderator.core.loading.schema import Checker, suggestion
from moderator.core.loading.sessions import check_sessions, read_session
from moderator.core.model import (
    JOURNAL_TEXTS,
    Agenda,
    Defaults,
    EventInfo,
    Item,
    ItemKind,
    JournalInfo,
    Ordering,
    RequestMode,
    ScheduledSpeaker,
    Session,
    TimeLimits,
)

EVENT_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
LIMIT_KEYS = ("statement", "right_of_reply", "point_of_order", "question")
EVENT_TEXTS = ("kind", "venue", "organizer", "source")
# Zone names that follow the computer, not a place: the meeting's times would move with the laptop.
NOT_PLACES = {"localtime", "posixrules", "factory", "posix/localtime", "right/localtime"}
LETTERS = "abcdefghijklmnopqrstuvwxyz"
ITEM_OPTIONAL = ("speakers", "limits", "discussed_under", "requests")


@dataclass(frozen=True, slots=True)
class Reference:
    """A roster id named in the agenda, checked once the roster is known."""

    ref: str
    node: Node
    what: str


class AgendaReader:
    """One pass over the agenda tree; `problems` and `references` fill as it reads."""

    def __init__(self, check: Checker) -> None:
        self.check = check
        self.references: list[Reference] = []
        self._item_lines: dict[str, int] = {}
        self._discussed_under: list[Reference] = []

    def read(self, root: Node) -> Agenda | None:
        top = self.check.mapping(root, "the agenda", ["event", "sessions"], ["defaults"])
        if top is None:
            return None
        event = self._event(top["event"]) if "event" in top else None
        defaults = self._defaults(top["defaults"]) if "defaults" in top else Defaults()
        dates = event.dates if event else None
        sessions = self._sessions(top["sessions"], dates) if "sessions" in top else []
        self._check_discussed_under()
        if event is None or defaults is None or any(p.is_error for p in self.check.problems):
            return None
        return Agenda(event, defaults, tuple(sessions))

    def _event(self, node: Node) -> EventInfo | None:
        c = self.check
        keys = c.mapping(
            node, "event", ["id", "title", "dates"],
            [*EVENT_TEXTS, "fields", "timezone", "journal"],
        )
        if keys is None:
            return None
        event_id = c.identifier(keys["id"], "event id", EVENT_ID) if "id" in keys else None
        title = c.text(keys["title"], "event title") if "title" in keys else None
        texts = {k: c.optional_text(keys.get(k), f"event {k}") or "" for k in EVENT_TEXTS}
        dates = self._dates(keys["dates"]) if "dates" in keys else ()
        zone = self._timezone(keys["timezone"]) if "timezone" in keys else "UTC"
        fields = c.texts(keys.get("fields"), "event fields")
        journal = self._journal(keys["journal"]) if "journal" in keys else JournalInfo()
        if event_id is None or title is None:
            return None
        return EventInfo(
            event_id, title, fields=fields, dates=dates, timezone=zone or "UTC",
            journal=journal, **texts,
        )

    def _journal(self, node: Node) -> JournalInfo:
        c = self.check
        keys = c.mapping(node, "event journal", [], [*JOURNAL_TEXTS, "chairperson"]) or {}
        chair = keys.pop("chairperson", None)
        texts = {k: c.optional_text(v, f"event journal {k}") or "" for k, v in keys.items()}
        if isinstance(chair, SequenceNode):
            chairs = c.texts(chair, "event journal chairperson")
        else:
            chairs = tuple(filter(None, [c.optional_text(chair, "event journal chairperson")]))
        return JournalInfo(chairpersons=chairs, **texts)

    def _dates(self, node: Node) -> tuple[date, ...]:
        seen: list[date] = []
        entries = self.check.sequence(node, "event dates")
        if entries == []:
            self.check.error(node, "event dates must list at least one date")
        for item in entries or []:
            day = self.check.calendar_date(item, "each event date")
            if day in seen:
                self.check.error(item, f"event date {day} is listed twice")
            elif day is not None:
                seen.append(day)
        return tuple(seen)

    def _timezone(self, node: Node) -> str | None:
        name = self.check.text(node, "event timezone")
        if name is None:
            return None
        if name.lower() in NOT_PLACES:
            self.check.error(node, f"timezone '{name}' is this computer's zone, not the meeting's: "
                             "give the venue's IANA name, e.g. Europe/Vienna")
            return None
        try:
            ZoneInfo(name)
            return name
        except (KeyError, ValueError, OSError):  # ZoneInfoNotFoundError is a KeyError
            self.check.error(node, f"unknown timezone '{name}' (an IANA name, e.g. Europe/Vienna)")
            return None

    def _defaults(self, node: Node) -> Defaults | None:
        c = self.check
        keys = c.mapping(node, "defaults", [], [*LIMIT_KEYS, "warning", "ordering", "requests",
                                                "requests_ahead"])
        if keys is None:
            return None
        values: dict[str, object] = {
            k: c.number(keys[k], f"defaults {k}", minimum=1) for k in LIMIT_KEYS if k in keys
        }
        if "warning" in keys:
            values["warning"] = c.number(keys["warning"], "defaults warning")
        if "ordering" in keys:
            values["ordering"] = c.choice(keys["ordering"], "defaults ordering", Ordering)
        if "requests" in keys:
            values["requests"] = c.choice(keys["requests"], "defaults requests", RequestMode)
        if "requests_ahead" in keys:
            values["requests_ahead"] = c.yes_or_no(keys["requests_ahead"],
                                                   "defaults requests_ahead")
        if None in values.values():
            return None
        return Defaults(**values)  # type: ignore[arg-type]

    def _limits(self, node: Node, what: str) -> TimeLimits:
        keys = self.check.mapping(node, what, [], LIMIT_KEYS) or {}
        values = {k: self.check.number(v, f"{what} {k}", minimum=1) for k, v in keys.items()}
        return TimeLimits(**values)

    def _sessions(self, node: Node, dates: tuple[date, ...] | None) -> list[Session]:
        sessions: list[tuple[Session, Node]] = []
        first_lines: dict[str, int] = {}
        entries = self.check.sequence(node, "sessions")
        if entries is not None and not entries:
            self.check.error(node, "sessions must list at least one session")
        for entry in entries or []:
            session = read_session(self, entry, dates)
            if session is None:
                continue
            if session.id in first_lines:
                line = first_lines[session.id]
                self.check.error(
                    entry, f"duplicate session id '{session.id}' (first at line {line})"
                )
                continue
            first_lines[session.id] = entry.start_mark.line + 1
            sessions.append((session, entry))
        check_sessions(self.check, sessions)
        return [s for s, _ in sessions]

    def items(self, node: Node, where: str) -> list[Item]:
        """An item of a session: one item, or the lettered sub-items of an agenda item."""
        if isinstance(node, MappingNode) and any(
            isinstance(k, ScalarNode) and k.value == "subitems" for k, _ in node.value
        ):
            return self._heading(node, where)
        item = self.item(node, where)
        return [item] if item is not None else []

    def _heading(self, node: Node, where: str) -> list[Item]:
        """An agenda item with sub-items, each with its own list of speakers. With `kind` and
        `minutes` it is an item of its own too (speakers before its first sub-item), held
        just before them; without, it is only their heading (its minutes are theirs)."""
        c = self.check
        present = {k.value: v for k, v in reversed(node.value) if isinstance(k, ScalarNode)}
        head = None
        if "kind" in present and "minutes" in present:
            head = self.item(node, where, skip=("subitems",))
            keys: dict[str, Node] | None = present
            item_id, title = (head.id, head.title) if head else (None, None)
        else:
            keys = c.mapping(node, f"an item of {where}", ["id", "title", "subitems"],
                             [*ITEM_OPTIONAL, "kind", "minutes"], "item")
            if keys is None:
                return []
            item_id = c.identifier(keys["id"], "item id") if "id" in keys else None
            title = None
        what = f"item '{item_id}'" if item_id else f"an item of {where}"
        if head is None and keys is not None and "subitems" in keys:
            own = [k for k in ("kind", "minutes", *ITEM_OPTIONAL) if k in keys]
            if own:
                missing = " and ".join(f"'{k}'" for k in ("kind", "minutes") if k not in keys)
                c.error(keys[own[0]], f"{what} has sub-items: give '{own[0]}' to each sub-item, "
                        f"or give it {missing} too to make it an item of its own before them")
            title = c.text(keys["title"], f"title of {what}") if "title" in keys else None
            self._unique_item(item_id, keys.get("id"), node)
        entries = c.sequence(keys["subitems"], f"subitems of {what}") or []
        if not entries and isinstance(keys["subitems"], SequenceNode):
            c.error(keys["subitems"], f"subitems of {what} must list at least one sub-item")
        items = [head] if head is not None else []
        letters = iter(LETTERS)
        for entry in entries:
            sub = self.item(entry, what, lettered=True)
            if sub is None or item_id is None or title is None:
                continue
            letter = next(letters, None) if sub.letter else ""
            if letter is None:
                c.error(entry, f"{what} has more than {len(LETTERS)} lettered sub-items")
                continue
            items.append(replace(sub, parent=item_id, parent_title=title, letter=letter))
        return items

    def _unique_item(self, item_id: str | None, id_node: Node | None, node: Node) -> None:
        if item_id is None or id_node is None:
            return
        if item_id in self._item_lines:
            line = self._item_lines[item_id]
            self.check.error(id_node, f"duplicate item id '{item_id}' (first at line {line})")
        self._item_lines.setdefault(item_id, node.start_mark.line + 1)

    def item(self, node: Node, where: str, *, lettered: bool = False,
             skip: tuple[str, ...] = ()) -> Item | None:
        """One item; `lettered` reads a sub-item's `lettered: no` (letter "" when unlettered,
        "?" until its agenda item gives the letter)."""
        c = self.check
        optional = [*ITEM_OPTIONAL, *(["lettered"] if lettered else []), *skip]
        keys = c.mapping(node, f"an item of {where}", ["id", "title", "kind", "minutes"],
                         optional, "item")
        if keys is None:
            return None
        item_id = c.identifier(keys["id"], "item id") if "id" in keys else None
        what = f"item '{item_id}'" if item_id else f"an item of {where}"
        title = c.text(keys["title"], f"title of {what}") if "title" in keys else None
        kind = c.choice(keys["kind"], f"kind of {what}", ItemKind) if "kind" in keys else None
        minutes = (c.number(keys["minutes"], f"minutes of {what}", maximum=MAX_MINUTES)
                   if "minutes" in keys else None)
        limits = (
            self._limits(keys["limits"], f"limits of {what}") if "limits" in keys else TimeLimits()
        )
        speakers = self._speakers(keys["speakers"], what) if "speakers" in keys else ()
        letter = "?"
        if "lettered" in keys:
            letter = "?" if c.yes_or_no(keys["lettered"], f"lettered of {what}") is not False else ""
        if "discussed_under" in keys:
            under = c.identifier(keys["discussed_under"], f"discussed_under of {what}")
            if under is not None:
                self._discussed_under.append(Reference(under, keys["discussed_under"], what))
        else:
            under = None
        requests = (c.choice(keys["requests"], f"requests of {what}", RequestMode)
                    if "requests" in keys else None)
        self._unique_item(item_id, keys.get("id"), node)
        if item_id is None or title is None or kind is None or minutes is None:
            return None
        return Item(item_id, title, kind, minutes, speakers, limits,
                    letter=letter if lettered else "", discussed_under=under, requests=requests)

    def _check_discussed_under(self) -> None:
        """`discussed_under` names another item of the agenda."""
        for ref in self._discussed_under:
            if ref.what == f"item '{ref.ref}'":
                self.check.error(ref.node, f"{ref.what} cannot be discussed under itself")
            elif ref.ref not in self._item_lines:
                hint = suggestion(ref.ref, self._item_lines)
                self.check.error(ref.node, f"discussed_under of {ref.what}: no item "
                                 f"'{ref.ref}' on the agenda{hint}")

    def _speakers(self, node: Node, what: str) -> tuple[ScheduledSpeaker, ...]:
        c = self.check
        scheduled = []
        for entry in c.sequence(node, f"speakers of {what}") or []:
            seconds = None
            ref_node = entry
            if not isinstance(entry, ScalarNode):
                keys = c.mapping(entry, f"a speaker of {what}", ["id"], ["seconds"]) or {}
                ref_node = keys.get("id")
                if "seconds" in keys:
                    seconds = c.number(
                        keys["seconds"], f"seconds of a speaker of {what}", minimum=1
                    )
            ref = c.identifier(ref_node, f"a speaker of {what}") if ref_node is not None else None
            if ref is not None:
                self.references.append(Reference(ref, ref_node, f"a speaker of {what}"))
                scheduled.append(ScheduledSpeaker(ref, seconds))
        return tuple(scheduled)

    def reference(self, node: Node, what: str) -> str | None:
        ref = self.check.identifier(node, what)
        if ref is not None:
            self.references.append(Reference(ref, node, what))
        return ref
