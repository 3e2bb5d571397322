"""Every key in one list, with the id to use in keymap.toml to change it."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..actions import Action, bindings, help_groups
from ..host import host
from ..keymap import keymap_path
from ..text import literal
from ..widgets.keybar import KeyBar


class HelpScreen(ModalScreen[None]):
    BINDINGS = bindings("help")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body", can_focus=True) as body:
            body.border_title = "Keys (↑/↓ to scroll)"
            yield Static(self.table(), id="help-keys")
        yield KeyBar()

    def table(self) -> Table:
        app = self.app
        keymap = host(app).user_keymap
        # Fixed widths that fit 80 columns, so Rich wraps inside each column (not Textual across them).
        table = Table(box=None, show_header=True, header_style="bold", padding=(0, 1), width=74)
        table.add_column("Key", width=10)
        table.add_column("What it does", width=38)
        table.add_column("keymap.toml id", width=18, no_wrap=True)
        for title, rows in help_groups(roster=host(app).roster is not None):
            table.add_row(Text(title, style="bold underline"), "", "")
            for row in rows:
                action_id = row.id if isinstance(row, Action) else ""
                keys = keymap.get(action_id, row.keys) if action_id else row.keys
                shown = ", ".join(app.get_key_display(Binding(k.strip(), "")) for k in keys.split(","))
                table.add_row(Text(shown), Text(row.description), Text(action_id, style="dim"))
        table.add_row("", "", "")
        # The path may come from RECERT_KEYMAP: shown literally.
        table.add_row(
            "", literal(f'Change keys in {keymap_path()}: one line per key, e.g. activity.add = "insert".'), ""
        )
        return table

    def action_close(self) -> None:
        self.dismiss(None)
