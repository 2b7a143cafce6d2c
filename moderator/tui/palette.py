"""The command palette (ctrl+p): every key that works on the screen it opens over, by the same
sentence as the help screen, run on the screen, widget or app that binds it."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode

from moderator.tui.keys import PALETTE, KeyAction, declared_on, shown_keys


class KeyCommands(Provider):
    def _offered(self) -> Iterator[tuple[DOMNode, KeyAction]]:
        for declared in declared_on(self.screen):
            for action in declared.actions:
                if action is not PALETTE:  # it is open already
                    yield declared.node, action

    async def discover(self) -> Hits:
        for node, action in self._offered():
            yield DiscoveryHit(action.help, partial(node.run_action, action.name),
                               help=shown_keys(action))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for node, action in self._offered():
            score = matcher.match(action.help)
            if score > 0:
                yield Hit(score, matcher.highlight(action.help),
                          partial(node.run_action, action.name), text=action.help,
                          help=shown_keys(action))
