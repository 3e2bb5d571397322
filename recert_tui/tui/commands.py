"""The command palette (ctrl+p): every action, found by name, with a line of help and its key."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..session import Session
from .actions import Action, palette_commands
from .text import visible


def commands() -> tuple[tuple[str, str, str], ...]:
    """(name, help, app action) of every command, in the palette's order."""
    return tuple((name, help_text, run) for name, help_text, run, _action in palette_commands())


class RecertCommands(Provider):
    def _commands(self) -> list[tuple[str, str, str]]:
        """The commands this session offers, each help line naming its key after the keymap."""
        # An app without a session (a test's) offers every command.
        session: Session | None = getattr(self.app, "session", None)
        read_only = session is not None and session.read_only
        offered = []
        for name, help_text, run, action in palette_commands():
            if action is not None and action.edits and read_only:
                continue
            offered.append((name, self._with_key(help_text, action), run))
        return offered

    def _with_key(self, help_text: str, action: Action | None) -> str:
        if action is None or not action.keys:
            return help_text
        keys = getattr(self.app, "keys", None)
        shown = keys(action.id) if keys is not None else action.keys
        return f"{help_text} Key: {visible(shown)}."

    async def discover(self) -> Hits:
        for name, help_text, run in self._commands():
            yield DiscoveryHit(name, partial(self.app.run_action, run), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._commands():
            score = max(matcher.match(name), matcher.match(help_text) * 0.5)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.app.run_action, run), help=help_text)
