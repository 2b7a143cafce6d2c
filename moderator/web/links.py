"""The links the chair hands out: one random token per role, kept in the meeting's database.

A link carries its token once; the server exchanges it for a session cookie derived from the
token (an HMAC of it), so replacing the tokens (`--new-links`) revokes every cookie as well.
Every comparison is in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any, Protocol

# Who may do what: viewers read; the rapporteur's link reads and writes notes.
VIEWER, NOTES = "viewer", "notes"
ROLES = (VIEWER, NOTES)
SETTING = "room.links"
COOKIE_PREFIX = "moderator_"


class SettingsStore(Protocol):
    def setting(self, name: str, default: Any = None) -> Any: ...
    def set_setting(self, name: str, value: Any) -> None: ...


@dataclass(frozen=True)
class Links:
    tokens: dict[str, str]  # role -> token

    def role_of_token(self, token: str) -> str | None:
        """The role whose token this is, or None."""
        found = None
        for role, expected in self.tokens.items():
            # Every role is compared, so the time taken tells nothing of which matched.
            if hmac.compare_digest(token.encode(), expected.encode()):
                found = role
        return found

    def cookie_value(self, role: str) -> str:
        """The session cookie of `role`: derived from its token, useless without it."""
        key = self.tokens[role].encode()
        return hmac.new(key, f"moderator room session {role}".encode(), hashlib.sha256).hexdigest()

    def cookie_name(self, role: str) -> str:
        return f"{COOKIE_PREFIX}{role}"

    def roles_of_cookies(self, cookies: dict[str, str]) -> set[str]:
        """The roles whose session cookie is among `cookies`."""
        return {role for role in self.tokens
                if hmac.compare_digest(cookies.get(self.cookie_name(role), "").encode(),
                                       self.cookie_value(role).encode())}


def new_token() -> str:
    return secrets.token_urlsafe(24)


def load_links(store: SettingsStore, *, renew: bool = False) -> Links:
    """The meeting's links from its database; made (and kept) there when missing or `renew`."""
    kept = store.setting(SETTING)
    if not renew and isinstance(kept, dict) and all(
            isinstance(kept.get(role), str) and len(kept[role]) >= 16 for role in ROLES):
        return Links({role: kept[role] for role in ROLES})
    tokens = {role: new_token() for role in ROLES}
    store.set_setting(SETTING, tokens)
    return Links(tokens)
