"""The key bar at the bottom of every screen: the keys that work here, in one line.

It shows what Textual's compact Footer shows, the same way, but as one widget that draws a
line of text. The Footer builds a widget per key and rebuilds them all whenever the keys
change (each screen, dialog or focus change); on a heavy dashboard that cost more than the
change it followed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen


class KeyBar(Widget):
    """`a Add activity  c Add credential ...   ▏^p palette`: the screen's keys (after the
    user's keymap), each drawn with the Footer's component styles; a click presses the key."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--item", "key-bar--separator"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
        .key-bar--item { background: $footer-item-background; }
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-bar--separator { color: $foreground 20%; }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) for mouse clicks

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def _keys(self) -> tuple[list[tuple[str, str, str, bool]], tuple[str, str, str, bool] | None]:
        """([(key, display, description, enabled)], the palette's) in the Footer's order."""
        app = self.app
        active = self.screen.active_bindings
        first_per_action: dict[str, tuple] = {}  # one entry per action, its first binding
        for _, binding, enabled, _ in active.values():
            if binding.show:
                first_per_action.setdefault(binding.action, (binding, enabled))
        entries = [(binding.key, app.get_key_display(binding), binding.description, enabled)
                   for binding, enabled in first_per_action.values()]
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _, binding, enabled, _ = active[app.COMMAND_PALETTE_BINDING]
            palette = (binding.key, app.get_key_display(binding), binding.description, enabled)
        return entries, palette

    def render(self) -> Text:
        entries, palette = self._keys()
        item = self.get_component_rich_style("key-bar--item")
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []

        def add(key: str, display: str, description: str, enabled: bool) -> None:
            start = line.cell_len
            dim = Style(dim=True) if not enabled else Style()
            line.append(display, item + key_style + dim)
            if description:
                line.append(" " + description, item + description_style + dim)
            self._spans.append((start, line.cell_len, key))

        for index, (key, display, description, enabled) in enumerate(entries):
            if index:
                line.append(" ")
            add(key, display, description, enabled)
        if palette is not None:  # at the right, after a thin bar, as the Footer docks it
            key, display, description, enabled = palette
            width = self.size.width
            needed = 1 + cell_len(display) + (1 + cell_len(description) if description else 0) + 1  # bar, key, margin
            if width and line.cell_len + needed <= width:
                line.append(" " * (width - needed - line.cell_len))
                line.append("▏", self.get_component_rich_style("key-bar--separator"))
                add(key, display, description, enabled)
                line.append(" ")
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
