"""The key bar at the bottom of every screen: the keys that work here, in one line.

It shows what Textual's compact Footer shows, the same way, but as one widget that draws a
line of text. The Footer builds a widget per key and rebuilds them all whenever the keys
change (each screen, dialog or focus change); on a heavy dashboard that cost more than the
change it followed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen


# The Footer's looks, in the theme's colours. Content styles, not component classes: Textual
# styles each component class as a node of its own, on every screen's key bar.
KEY_STYLE = "bold $footer-key-foreground on $footer-key-background"
DESCRIPTION_STYLE = "$footer-description-foreground on $footer-description-background"
ITEM_STYLE = "on $footer-item-background"  # under a key and its description
SEPARATOR_STYLE = "$foreground 20%"


class KeyBar(Widget):
    """`a Add activity  c Add credential ...   ▏^p palette`: the screen's keys (after the
    user's keymap), each drawn in the Footer's colours; a click presses the key."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
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
        entries = [
            (binding.key, app.get_key_display(binding), binding.description, enabled)
            for binding, enabled in first_per_action.values()
        ]
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _, binding, enabled, _ = active[app.COMMAND_PALETTE_BINDING]
            palette = (binding.key, app.get_key_display(binding), binding.description, enabled)
        return entries, palette

    def render(self) -> Content:
        entries, palette = self._keys()
        parts: list[str | tuple[str, str] | Content] = []
        self._spans = []
        length = 0  # in cells

        def width_of(display: str, description: str) -> int:
            return cell_len(display) + (1 + cell_len(description) if description else 0)

        def add(key: str, display: str, description: str, enabled: bool) -> None:
            nonlocal length
            dim = "" if enabled else " dim"
            item = [(display, KEY_STYLE + dim)]
            if description:
                item.append((" " + description, DESCRIPTION_STYLE + dim))
            parts.append(Content.assemble(*item).stylize_before(ITEM_STYLE))
            self._spans.append((length, length + width_of(display, description), key))
            length += width_of(display, description)

        for index, (key, display, description, enabled) in enumerate(entries):
            if index:
                parts.append(" ")
                length += 1
            add(key, display, description, enabled)
        if palette is not None:  # at the right, after a thin bar, as the Footer docks it
            key, display, description, enabled = palette
            width = self.size.width
            needed = 1 + width_of(display, description) + 1  # the bar, the item, a margin
            if width and length + needed <= width:
                parts += [" " * (width - needed - length), ("▏", SEPARATOR_STYLE)]
                length = width - needed + 1
                add(key, display, description, enabled)
                parts.append(" ")
        return Content.assemble(*parts)

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
