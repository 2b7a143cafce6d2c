"""Build the `Roster` from the tree of `speakers.yaml`, checking ids and references."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from yaml.nodes import Node

from moderator.core.loading.schema import Checker, suggestion
from moderator.core.model import AlignmentCategory, Category, Delegation, Roster, Speaker

GENDERS = ("female", "male", "other")
T = TypeVar("T")


class RosterReader:
    """One pass over the roster tree; the checker collects every problem."""

    def __init__(self, check: Checker) -> None:
        self.check = check
        self._first_lines: dict[str, int] = {}
        # Every id read, even of entries with other errors: references check against these.
        self.delegation_ids: set[str] = set()
        self.speaker_ids: set[str] = set()
        # (id named, node, what) checked once every delegation is known.
        self._delegation_refs: list[tuple[str, Node, str]] = []
        self._alignment_groups: set[str] = set()

    def read(self, root: Node) -> Roster | None:
        top = self.check.mapping(root, "the roster", ["delegations"], ["speakers", "alignment"])
        if top is None:
            return None
        delegations = self._entries(top.get("delegations"), "delegations", self._delegation)
        speakers = self._entries(top.get("speakers"), "speakers", self._speaker)
        groups = self._entries(top.get("alignment"), "alignment", self._alignment)
        for ref, node, what in self._delegation_refs:
            if ref not in self.delegation_ids:
                hint = suggestion(ref, self.delegation_ids)
                self.check.error(node, f"{what} '{ref}' is not a delegation in the roster{hint}")
        if any(p.is_error for p in self.check.problems):
            return None
        return Roster({d.id: d for d in delegations}, {s.id: s for s in speakers}, dict(groups))

    def _entries(self, node: Node | None, what: str, read: Callable[[Node], T | None]) -> list[T]:
        if node is None:
            return []
        found: list[T] = []
        for entry in self.check.sequence(node, what) or []:
            value = read(entry)
            if value is not None:
                found.append(value)
        return found

    def _id(self, node: Node, what: str, ids: set[str]) -> str | None:
        ref = self.check.identifier(node, what)
        if ref is None:
            return None
        ids.add(ref)
        if ref in self._first_lines:
            line = self._first_lines[ref]
            self.check.error(node, f"duplicate id '{ref}' (first at line {line})")
            return None
        self._first_lines[ref] = node.start_mark.line + 1
        return ref

    def _delegation(self, node: Node) -> Delegation | None:
        c = self.check
        keys = c.mapping(
            node, "a delegation", ["id", "name", "category"], ["group", "aliases"], "delegation"
        )
        if keys is None:
            return None
        ref = self._id(keys["id"], "delegation id", self.delegation_ids) if "id" in keys else None
        what = f"delegation '{ref}'" if ref else "a delegation"
        name = c.text(keys["name"], f"name of {what}") if "name" in keys else None
        category = (
            c.choice(keys["category"], f"category of {what}", Category)
            if "category" in keys
            else None
        )
        group = c.optional_text(keys.get("group"), f"group of {what}")
        if group is not None:
            self._delegation_refs.append((group, keys["group"], f"group of {what}"))
        aliases = c.texts(keys.get("aliases"), f"aliases of {what}")
        if ref is None or name is None or category is None:
            return None
        return Delegation(ref, name, category, group, aliases)

    def _alignment(self, node: Node) -> tuple[str, tuple[AlignmentCategory, ...]] | None:
        """A group's categories of aligned countries, in the order its journal lists them."""
        c = self.check
        keys = c.mapping(node, "an alignment group", ["group", "categories"], [])
        if keys is None or "group" not in keys:
            return None
        group = c.identifier(keys["group"], "group of an alignment entry")
        if group is None:
            return None
        what = f"alignment group '{group}'"
        if group in self._alignment_groups:
            c.error(keys["group"], f"{what} is described twice")
        self._alignment_groups.add(group)
        self._delegation_refs.append((group, keys["group"], "alignment group"))
        placed: dict[str, str] = {}
        categories = []
        for entry in (c.sequence(keys["categories"], f"categories of {what}") or []
                      if "categories" in keys else []):
            category = self._alignment_category(entry, what, placed)
            if category is not None:
                categories.append(category)
        return group, tuple(categories)

    def _alignment_category(
        self, node: Node, what: str, placed: dict[str, str]
    ) -> AlignmentCategory | None:
        c = self.check
        keys = c.mapping(node, f"a category of {what}", ["singular", "plural", "members"],
                         ["suffix", "suffix_plural"])
        if keys is None:
            return None
        texts = {k: c.text(keys[k], f"{k} of a category of {what}")
                 for k in ("singular", "plural") if k in keys}
        suffix = {k: c.optional_text(keys.get(k), f"{k} of a category of {what}") or ""
                  for k in ("suffix", "suffix_plural")}
        if bool(suffix["suffix"]) != bool(suffix["suffix_plural"]):
            c.error(node, f"a category of {what} needs both 'suffix' and 'suffix_plural' "
                          "(the journal writes one or the other by count)")
        label = texts.get("singular") or "a category"
        members = []
        for member in (c.sequence(keys["members"], f"members of {label} of {what}") or []
                       if "members" in keys else []):
            ref = c.identifier(member, f"a member of {label} of {what}")
            if ref is None:
                continue
            if ref in placed:
                c.error(member, f"'{ref}' is already in {placed[ref]} of {what}")
                continue
            placed[ref] = label
            self._delegation_refs.append((ref, member, f"a member of {what}"))
            members.append(ref)
        if None in texts.values() or len(texts) < 2:
            return None
        return AlignmentCategory(texts["singular"], texts["plural"], tuple(members), **suffix)

    def _speaker(self, node: Node) -> Speaker | None:
        c = self.check
        optional = ["title", "affiliation", "delegation", "gender"]
        keys = c.mapping(node, "a speaker", ["id", "name"], optional, "speaker")
        if keys is None:
            return None
        ref = self._id(keys["id"], "speaker id", self.speaker_ids) if "id" in keys else None
        what = f"speaker '{ref}'" if ref else "a speaker"
        name = c.text(keys["name"], f"name of {what}") if "name" in keys else None
        title = c.optional_text(keys.get("title"), f"title of {what}") or ""
        affiliation = c.optional_text(keys.get("affiliation"), f"affiliation of {what}") or ""
        delegation = c.optional_text(keys.get("delegation"), f"delegation of {what}")
        if delegation is not None:
            self._delegation_refs.append((delegation, keys["delegation"], f"delegation of {what}"))
        gender = c.optional_text(keys.get("gender"), f"gender of {what}")
        if gender is not None and gender not in GENDERS:
            hint = suggestion(gender, GENDERS)
            c.error(
                keys["gender"],
                f"gender of {what} '{gender}' is not one of: {', '.join(GENDERS)}{hint}",
            )
            return None
        if ref is None or name is None:
            return None
        return Speaker(ref, name, title, affiliation, delegation, gender)
