"""A text box that applies every key in the order it was typed, even in a burst."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from ..textual_compat import own_bindings_for_key


class OrderedInput(Input):
    """An Input whose editing keys (End, Backspace, arrows, ...) take effect in typing order.

    Textual's Input inserts a character as soon as it reads the key, but leaves editing keys
    to bindings that the App resolves only after the key has bubbled up through every parent.
    Over SSH keys arrive in bursts, so "x End y" could put the y before the End took effect.
    Running the field's own bindings here, as the key is read, keeps the order. It is the
    same binding the App would find first, since the focused field heads the binding chain.
    """

    async def on_key(self, event: events.Key) -> None:
        if event.is_printable:
            return  # Input._on_key inserts it
        for binding in own_bindings_for_key(self, event.key):
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()  # handled: the App must not run it a second time
                return
