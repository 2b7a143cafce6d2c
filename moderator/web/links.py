"""The links the chair hands out: one per device kind, one per rapporteur, one per delegation,
each with its own token.

Kinds: the podium's tablet, the projector, the delegates' phones (`speakers`), the rapporteurs
(`notes`: one link each, with the name chosen when it was made), and the delegations
(`delegation`: one link each, made from the roster, `delegation-<its id>`, opening `/request`,
where it asks for the floor for itself alone). Each link has a random token kept in the
meeting's database and can be replaced alone (`revoked`): the devices of the other links stay
connected. A link's token is exchanged once for a cookie derived from it
(an HMAC), so replacing the token revokes the cookie as well. Every comparison is in constant
time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Protocol

PODIUM, PROJECTOR, SPEAKERS, NOTES = "podium", "projector", "speakers", "notes"
DELEGATION = "delegation"
# Every delegation's link at once, for `--revoke` ("delegations").
DELEGATIONS = "delegations"
VIEWER_KINDS = (PODIUM, PROJECTOR, SPEAKERS)  # one link each
KINDS = (*VIEWER_KINDS, NOTES, DELEGATION)
# Who writes: the rapporteurs' links (notes) and the delegations' (their own requests).
WRITERS = frozenset({NOTES, DELEGATION})
NAMES = {PODIUM: "Podium", PROJECTOR: "Projector", SPEAKERS: "Delegates' phones",
         NOTES: "Rapporteur"}
# The page each kind opens.
PAGE_OF = {PODIUM: "/podium", PROJECTOR: "/projector", SPEAKERS: "/speakers", NOTES: "/notes",
           DELEGATION: "/request"}
DELEGATION_PREFIX = f"{DELEGATION}-"
SETTING = "room.links"
VERSION = 3  # 3: the delegations' links (2 had the others as they are)
COOKIE_PREFIX = "moderator_"
MIN_TOKEN = 16
MAX_NAME = 80


class SettingsStore(Protocol):
    def setting(self, name: str, default: Any = None) -> Any: ...
    def set_setting(self, name: str, value: Any) -> None: ...


class LinkError(ValueError):
    """A link asked for that does not exist, or a name that cannot be one: words for the terminal."""


def same(given: str, expected: str) -> bool:
    """Constant-time equality; text that is not ASCII (a hostile cookie) never matches."""
    return given.isascii() and hmac.compare_digest(given.encode(), expected.encode())


@dataclass(frozen=True)
class Link:
    id: str  # podium, projector, speakers, notes-1, delegation-AT...: its cookie's name
    kind: str
    # "Rapporteur session 2": what the chair called it (a rapporteur's revisions say it); a
    # delegation's name ("Austria")
    name: str
    token: str

    @property
    def page(self) -> str:
        return PAGE_OF[self.kind]

    @property
    def writes(self) -> bool:
        return self.kind in WRITERS

    @property
    def delegation(self) -> str | None:
        """The roster id of the delegation this link asks for (None: not a delegation's)."""
        return self.id.removeprefix(DELEGATION_PREFIX) if self.kind == DELEGATION else None

    def opens(self, page: str) -> bool:
        """Its own page; a rapporteur's link reads every page of the room as well."""
        return page == self.page or (self.kind == NOTES and page in VIEWER_PAGES)

    @property
    def cookie_name(self) -> str:
        return f"{COOKIE_PREFIX}{self.id}"

    @property
    def cookie_value(self) -> str:
        """Derived from the token, useless without it."""
        return hmac.new(self.token.encode(), f"moderator room session {self.id}".encode(),
                        hashlib.sha256).hexdigest()

    def url(self, base: str) -> str:
        """The link as printed: the token after `#`, so no server log or Referer ever has it."""
        return f"{base}{self.page}#t={self.token}"


VIEWER_PAGES = frozenset(PAGE_OF[kind] for kind in VIEWER_KINDS)
PAGES = frozenset(PAGE_OF[kind] for kind in KINDS)


@dataclass(frozen=True)
class Links:
    links: tuple[Link, ...]

    def __iter__(self):
        return iter(self.links)

    def get(self, link_id: str) -> Link | None:
        return next((link for link in self.links if link.id == link_id), None)

    def of_kind(self, kind: str) -> list[Link]:
        return [link for link in self.links if link.kind == kind]

    def of_token(self, token: str) -> Link | None:
        """The link whose token this is, or None (every link compared: the time tells nothing)."""
        found = None
        for link in self.links:
            if same(token, link.token):
                found = link
        return found

    def held(self, cookies: Mapping[str, str]) -> list[Link]:
        """The links whose cookie is among `cookies`, in their order (the podium's first)."""
        return [link for link in self.links
                if same(cookies.get(link.cookie_name, ""), link.cookie_value)]

    def named(self, what: str) -> list[Link]:
        """The links `what` names: a kind (every link of it; "delegations" for every
        delegation's), a link's id, a rapporteur's name, or a delegation's id or name."""
        kind = DELEGATION if what == DELEGATIONS else what
        chosen = self.of_kind(kind) or [link for link in self.links
                                        if what in (link.id, link.name, link.delegation)]
        if not chosen:
            known = ", ".join([*VIEWER_KINDS, NOTES, DELEGATIONS, *(
                f"{link.id} ({link.name})" for link in self.of_kind(NOTES)),
                "a delegation's id or name (AT, Austria)"])
            raise LinkError(f"there is no link {what!r}; the links are: {known}")
        return chosen

    def revoked(self, chosen: Iterable[Link]) -> Links:
        """The same links, those `chosen` with new tokens: their old links stop working."""
        ids = {link.id for link in chosen}
        return Links(tuple(replace(link, token=new_token()) if link.id in ids else link
                           for link in self.links))

    def renewed(self) -> Links:
        """Every link with a new token, the rapporteurs' included."""
        return self.revoked(self.links)

    def with_notes_link(self, name: str) -> Links:
        """A rapporteur's link named `name` added (kept as it is when one has that name)."""
        name = checked_name(name)
        if any(link.name == name for link in self.of_kind(NOTES)):
            return self
        taken = {link.id for link in self.links}
        number = 1
        while f"{NOTES}-{number}" in taken:
            number += 1
        return Links((*self.links, Link(f"{NOTES}-{number}", NOTES, name, new_token())))

    def with_delegations(self, delegations: Mapping[str, str]) -> Links:
        """One link per delegation of the roster (`delegations`: id -> name): the missing ones
        made, the names as the roster has them now, those of delegations no longer on it gone."""
        kept = {link.delegation: link for link in self.of_kind(DELEGATION)}
        made = tuple(replace(kept[ref], name=name) if ref in kept else
                     Link(f"{DELEGATION_PREFIX}{ref}", DELEGATION, name, new_token())
                     for ref, name in delegations.items())
        return Links(tuple(link for link in self.links if link.kind != DELEGATION) + made)

    def to_setting(self) -> dict[str, Any]:
        return {"version": VERSION, "links": [
            {"id": link.id, "kind": link.kind, "name": link.name, "token": link.token}
            for link in self.links]}


def checked_name(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME or not name.isprintable():
        raise LinkError(f"a rapporteur link's name is 1 to {MAX_NAME} printable characters")
    return name


def new_token() -> str:
    return secrets.token_urlsafe(24)


def first_links() -> Links:
    return Links(tuple(Link(kind, kind, NAMES[kind], new_token()) for kind in VIEWER_KINDS)
                 + (Link(f"{NOTES}-1", NOTES, NAMES[NOTES], new_token()),))


def from_setting(kept: Any) -> Links | None:
    """The links as the database keeps them; None if the setting is not a valid set of links.

    The first release kept {"viewer": token, "notes": token}: its viewer token stays the
    phones' link (the one most widely handed out), its notes token the first rapporteur's; the
    podium and the projector get links of their own. Version 2 had no delegations' links.
    """
    if not isinstance(kept, dict):
        return None
    if kept.get("version") not in (2, VERSION):
        viewer, notes = kept.get("viewer"), kept.get("notes")
        if not (_token(viewer) and _token(notes)):
            return None
        fresh = first_links()
        return Links(tuple(replace(link, token=viewer) if link.kind == SPEAKERS else
                           replace(link, token=notes) if link.kind == NOTES else link
                           for link in fresh))
    links = []
    for entry in kept.get("links", ()):
        if not (isinstance(entry, dict) and entry.get("kind") in KINDS and _token(entry.get("token"))
                and isinstance(entry.get("id"), str) and isinstance(entry.get("name"), str)):
            return None
        links.append(Link(entry["id"], entry["kind"], entry["name"], entry["token"]))
    found = Links(tuple(links))
    if any(len(found.of_kind(kind)) != 1 for kind in VIEWER_KINDS) or not found.of_kind(NOTES):
        return None
    if len({link.id for link in links}) != len(links) or len({link.token for link in links}) != len(links):
        return None
    return found


def _token(value: Any) -> bool:
    return isinstance(value, str) and len(value) >= MIN_TOKEN and value.isascii()


def read_links(store: SettingsStore) -> Links | None:
    """The links the database holds now, without writing anything (the server's follower)."""
    return from_setting(store.setting(SETTING))


def load_links(store: SettingsStore, *, renew: bool = False) -> Links:
    """The meeting's links from its database; made (and kept) there when missing or `renew`."""
    stored = store.setting(SETTING)
    links = from_setting(stored)
    if links is None:
        links = first_links()
    elif renew:
        links = links.renewed()
    if links.to_setting() != stored:  # new, renewed, or an older release's form
        store.set_setting(SETTING, links.to_setting())
    return links


@dataclass(frozen=True)
class LinkChanges:
    """`serve`'s link options: every link anew (`renew`), the links `revoke` names anew (kinds,
    ids, rapporteurs' names, "delegations", a delegation's id or name), rapporteurs' links added
    by name; and the roster's delegations (id, name), each of which has a link (None: the
    delegations' links stay as they are)."""

    renew: bool = False
    revoke: tuple[str, ...] = ()
    notes_links: tuple[str, ...] = ()
    delegations: tuple[tuple[str, str], ...] | None = None

    def apply(self, store: SettingsStore) -> tuple[Links, list[Link]]:
        """The links after the changes, kept in the database, and those made or replaced now.
        Raises LinkError for a link that does not exist or a name that cannot be one."""
        before = load_links(store)
        links = before
        if self.delegations is not None:
            links = links.with_delegations(dict(self.delegations))
        for name in self.notes_links:
            links = links.with_notes_link(name)
        if self.renew:
            links = links.renewed()
        for what in self.revoke:
            links = links.revoked(links.named(what))
        if links != before:
            store.set_setting(SETTING, links.to_setting())
        return links, [link for link in links if link not in before.links]
